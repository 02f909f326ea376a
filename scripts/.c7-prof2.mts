process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/pathweave_bench_scorecard_c7';
const { getPrisma } = await import('../lib/db/client');
const { buildWorkspaceScorecard } = await import('../lib/scorecard/model');
const prisma = getPrisma();
const ws = (await prisma.workspace.findFirst({ where: { slug: 'riverside-gp-cluster' } }))!;
const u = (await prisma.user.findFirst({ where: { email: 'manager@pathweave.test' } }))!;
const stat = (name: string, t: number[]) => { t.sort((a, b) => a - b); console.log(name.padEnd(28), 'p50', t[Math.floor(t.length / 2)]!.toFixed(1), 'min', t[0]!.toFixed(1)); };
const T: Record<string, number[]> = {};
const time = async <X>(k: string, f: () => Promise<X>) => { const s = performance.now(); const r = await f(); (T[k] ??= []).push(performance.now() - s); return r; };
for (let i = 0; i < 25; i++) {
  const rows = await time('pathways', () => prisma.$queryRaw<{ versionId: string; id: string }[]>`
      SELECT p."id", p."title", p."conditions", p."status"::text AS "status", v."id" AS "versionId", v."number", v."createdAt" AS "savedAt", s.*
      FROM "Pathway" p
      LEFT JOIN LATERAL (SELECT pv."id", pv."number", pv."createdAt" FROM "PathwayVersion" pv WHERE pv."pathwayId" = p."id" ORDER BY pv."number" DESC LIMIT 1) v ON true
      LEFT JOIN "VersionScoreSummary" s ON s."versionId" = v."id"
      WHERE p."workspaceId" = ${ws.id} AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = p."workspaceId" AND m."userId" = ${u.id})`);
  const ids = rows.map((r) => r.versionId).filter(Boolean);
  await time('conditions', () => prisma.$queryRaw`SELECT DISTINCT unnest(p."conditions") AS "condition" FROM "Pathway" p WHERE p."workspaceId" = ${ws.id} ORDER BY 1`);
  await time('frameworks', () => prisma.$queryRaw`SELECT * FROM "VersionFrameworkScore" WHERE "versionId" = ANY(${ids}::text[])`);
  await time('criteria', () => prisma.$queryRaw`SELECT "versionId", "criterionId", "frameworkId", "position", "status"::text AS "status", "score", "findings", "advice", "rule" FROM "VersionCriterionScore" WHERE "versionId" = ANY(${ids}::text[])`);
  await time('consensus', () => prisma.$queryRaw`SELECT DISTINCT ON ("versionId", "criterionId") "versionId", "criterionId", "value"::text AS "value", "reason" FROM "CriterionRating" WHERE "kind" = 'consensus' AND "versionId" = ANY(${ids}::text[]) ORDER BY "versionId", "criterionId", "updatedAt" DESC`);
  await time('criteria string_agg', () => prisma.$queryRaw`SELECT "versionId", string_agg("frameworkId" || ' ' || "criterionId" || ' ' || "status"::text || ' ' || "findings", ',' ORDER BY "frameworkId", "position") AS c FROM "VersionCriterionScore" WHERE "versionId" = ANY(${ids}::text[]) GROUP BY 1`);
  await time('criteria counts sql', () => prisma.$queryRaw`SELECT "versionId", count(*) FILTER (WHERE status = 'not_met')::int AS n, count(*) FILTER (WHERE status = 'partly')::int AS p FROM "VersionCriterionScore" WHERE "versionId" = ANY(${ids}::text[]) GROUP BY 1`);
  const pageIds = rows.slice(0, 25).map((r) => r.id);
  await time('history', () => prisma.$queryRaw`SELECT s."pathwayId", s."number", s."savedAt", f."frameworkId", f."percent" FROM "VersionScoreSummary" s JOIN "VersionFrameworkScore" f ON f."versionId" = s."versionId" WHERE s."pathwayId" = ANY(${pageIds}::text[])`);
  await time('workspace', () => prisma.workspace.findFirst({ where: { slug: 'riverside-gp-cluster', memberships: { some: { userId: u.id } } }, select: { id: true, slug: true, name: true, kind: true } }));
}
for (const [k, t] of Object.entries(T)) stat(k, t);
process.exit(0);
