const { Session } = await import('/work/main/tests/support/http.ts');
const s = new Session('http://127.0.0.1:3709');
await s.signIn('manager@pathweave.test', 'pathweave-demo');
const paths = ['/w/riverside-gp-cluster/scorecards', '/w/riverside-gp-cluster/scorecards/csv', '/w/riverside-gp-cluster/pathways', '/w/riverside-gp-cluster/scorecards?status=retired&condition=nothing'];
const res: Record<string, number[]> = {};
for (let r = 0; r < 15; r++) for (const p of paths) { const t = performance.now(); await (await s.fetch(p)).text(); (res[p] ??= []).push(Math.round(performance.now() - t)); }
for (const [p, t] of Object.entries(res)) { t.sort((a, b) => a - b); console.log(p, 'p50', t[7], 'min', t[0], 'max', t[14]); }
