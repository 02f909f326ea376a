import { generatePathway } from '@/lib/pathway';
import { forwardEdges } from '@/lib/pathway/layout';
import ELK from 'elkjs/lib/elk.bundled.js';
const elk = new (ELK as any)();
const doc = generatePathway({ steps: 500, seed: 3 });
const edges = forwardEdges(doc);
for (const extra of [{}, {'elk.layered.crossingMinimization.strategy':'NONE'}, {'elk.layered.crossingMinimization.strategy':'NONE','elk.layered.layering.strategy':'LONGEST_PATH'}, {'elk.edgeRouting':'POLYLINE','elk.layered.crossingMinimization.strategy':'NONE'}]) {
  for (let i=0;i<2;i++){
  const t0=performance.now();
  const r = await elk.layout({id:'r', layoutOptions:{'elk.algorithm':'layered','elk.direction':'RIGHT','elk.separateConnectedComponents':'false','elk.layered.nodePlacement.strategy':'SIMPLE','elk.layered.thoroughness':'1',...extra}, children: doc.steps.map(s=>({id:s.id,width:200,height:80})), edges: edges.map((e,i)=>({id:'e'+i,sources:[e.from],targets:[e.to]}))});
  console.log(JSON.stringify(extra), Math.round(performance.now()-t0), new Set(r.children.map((c:any)=>c.x)).size);}
}
