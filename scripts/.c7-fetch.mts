const { Session } = await import('/work/main/tests/support/http.ts');
const s = new Session('http://127.0.0.1:3709');
await s.signIn('manager@pathweave.test', 'pathweave-demo');
const slug = 'riverside-gp-cluster';
const path = process.argv[2] ?? `/w/${slug}/scorecards`;
const html = await (await s.fetch(path)).text();
const { writeFileSync } = await import('node:fs');
writeFileSync('/tmp/c7/page.html', html);
const idx = (m: string) => html.indexOf(m);
const marks = ['id="filters-heading"', 'id="pathways-heading"', 'id="heatmap-heading"', 'id="criteria-heading"', 'id="journey-heading"', '</main>', 'self.__next_f'];
let prev = 0;
for (const m of marks) { const i = idx(m); console.log(m, i - prev); prev = i; }
console.log('total', html.length, 'flight', html.length - idx('self.__next_f'));
const times = [];
for (let i = 0; i < 10; i++) { const t = performance.now(); await (await s.fetch(path)).text(); times.push(Math.round(performance.now() - t)); }
console.log('times', times.join(' '));
