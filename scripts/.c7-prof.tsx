import React from 'react';
(globalThis as Record<string, unknown>).React = React;
import { renderToStaticMarkup } from 'react-dom/server';
process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/pathweave_bench_scorecard_c7';
const { getPrisma } = await import('../lib/db/client');
const { getWorkspaceScorecard } = await import('../lib/server/get-workspace-scorecard');
const { Heatmap } = await import('../components/scorecard/Heatmap');
const { PathwayTable } = await import('../components/scorecard/PathwayTable');
const { CriteriaOverview } = await import('../components/scorecard/CriteriaOverview');
const { JourneyComparison } = await import('../components/scorecard/JourneyComparison');
const prisma = getPrisma();
const u = await prisma.user.findFirst({ where: { email: 'manager@pathweave.test' } });
const ms = await prisma.membership.findMany({ where: { userId: u!.id } });
const actor = { userId: u!.id, professionalRole: 'manager', memberships: Object.fromEntries(ms.map((m) => [m.workspaceId, m.accessRole])) } as never;
const filters = { condition: null, status: null, sector: null, page: 1 };
const stat = (name: string, t: number[]) => { t.sort((a, b) => a - b); console.log(name.padEnd(20), 'p50', t[Math.floor(t.length / 2)]!.toFixed(1), 'min', t[0]!.toFixed(1)); };
const td: number[] = [], tr: Record<string, number[]> = {};
let view;
for (let i = 0; i < 30; i++) {
  let s = performance.now();
  view = (await getWorkspaceScorecard({ actor, workspaceSlug: 'riverside-gp-cluster', filters }))!;
  td.push(performance.now() - s);
  const parts = {
    table: <PathwayTable slug="x" pathways={view.page.items} trends={view.trends} />,
    heatmap: <Heatmap slug="x" pathways={view.page.items} columns={view.scorecard.columns} frameworks={view.scorecard.frameworks} />,
    overview: <CriteriaOverview criteria={view.scorecard.criteria} pathways={200} />,
    journey: <JourneyComparison slug="x" pathways={view.page.items} />,
  };
  for (const [k, el] of Object.entries(parts)) { s = performance.now(); renderToStaticMarkup(el); (tr[k] ??= []).push(performance.now() - s); }
}
stat('data', td);
for (const [k, t] of Object.entries(tr)) stat(k, t);
process.exit(0);
