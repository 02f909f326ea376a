// npx tsx scripts/bench-scorecard.ts [--pathways 200] [--versions 20] [--requests 50] [--port 3709] [--keep] [--generate-only]
//
// --keep leaves the generated database in place; --generate-only stops after generating it (and keeps it).
//
// Issue 7's benchmark (a benchmark, not a timed test): the scorecard page must answer in at most
// 300 ms at p95 with 200 pathways of 20 saved versions each.
//
// 1. Creates a dedicated database (pathweave_bench_scorecard[_<PATHWEAVE_TEST_DB_SUFFIX>]) on the
//    server PATHWEAVE_TEST_ADMIN_URL (or DATABASE_URL) names, migrates it and adds the demo data.
// 2. Generates the pathways with lib/pathway/generate.ts, each version a little larger than the last,
//    and stores each version with the engine's real result (scoreForStorage), as saving does; the
//    database trigger fills the scorecard rows from it. Some latest versions get consensus ratings.
// 3. Starts the real server on that database (scripts/start.ts: builds into NEXT_DIST_DIR if stale),
//    signs in as the demo manager (a viewer) and times the scorecard page and its neighbours.
// 4. Times the database work alone: the scorecard's queries over the denormalised rows, against
//    the same aggregation done with JSONB queries on PathwayVersion.scores.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { generatePathway } from '../lib/pathway/generate';
import type { Pathway } from '../lib/pathway/schema';
import { scoreForStorage } from '../lib/server/scores';
import { withDatabase } from '../lib/db/url';
import { percentile } from './bench-lib';
import { Session } from '../tests/support/http';

const TARGET_P95_MS = 300;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const PATHWAYS = arg('pathways', 200);
const VERSIONS = arg('versions', 20);
const REQUESTS = arg('requests', 50);
const PORT = arg('port', 3709);
const GENERATE_ONLY = process.argv.includes('--generate-only');
const KEEP = GENERATE_ONLY || process.argv.includes('--keep');
const DEMO_PASSWORD = process.env.PATHWEAVE_DEMO_PASSWORD ?? 'pathweave-demo';

function adminUrl(): string {
  const admin = process.env.PATHWEAVE_TEST_ADMIN_URL;
  if (admin) return admin;
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('Set PATHWEAVE_TEST_ADMIN_URL (or DATABASE_URL) to a PostgreSQL server the benchmark may create a database on.');
  return withDatabase(base, 'postgres');
}

const dbName = `pathweave_bench_scorecard${process.env.PATHWEAVE_TEST_DB_SUFFIX ? `_${process.env.PATHWEAVE_TEST_DB_SUFFIX}` : ''}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
  bytes?: number;
}

function summarise(name: string, times: number[], bytes?: number): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    runs: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    bytes,
  };
}

function table(rows: readonly Timing[]): string {
  const head = ['measure', 'runs', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'size'];
  const body = rows.map((r) => [
    r.name,
    String(r.runs),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.mean.toFixed(1),
    r.max.toFixed(1),
    r.bytes === undefined ? '' : `${Math.round(r.bytes / 1024)} KB`,
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((row) => (row[c] as string).length)));
  return all.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

const CONDITIONS = ['COPD', 'Heart failure', 'Type 2 diabetes', 'Frailty', 'Dementia', 'Asthma', 'Chronic kidney disease', 'Depression'];
const STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
const CRITERIA = ['rcgp-1', 'rcgp-3', 'nv-6', 'nv-12'];

async function generate(url: string): Promise<{ workspaceId: string; slug: string; firstPathway: string }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const ws = (await db.query(`SELECT id, slug FROM "Workspace" WHERE name = 'Riverside GP Cluster'`)).rows[0] as { id: string; slug: string };
    const facilitator = (await db.query(`SELECT id FROM "User" WHERE email = 'gp@pathweave.test'`)).rows[0].id as string;
    let firstPathway = '';
    const started = performance.now();
    let bytes = 0;
    for (let p = 0; p < PATHWAYS; p++) {
      const id = `bench${String(p).padStart(4, '0')}`;
      if (p === 0) firstPathway = id;
      const baseSteps = 18 + (p % 23);
      const conditions = [CONDITIONS[p % CONDITIONS.length]!, ...(p % 5 === 0 ? [CONDITIONS[(p + 3) % CONDITIONS.length]!] : [])];
      const versions: { doc: Pathway; scores: unknown; createdAt: string }[] = [];
      for (let v = 1; v <= VERSIONS; v++) {
        const doc = generatePathway({ steps: baseSteps + v, seed: p * 1000 + 7 });
        doc.title = `Generated pathway ${p + 1}`;
        doc.conditions = conditions;
        const createdAt = new Date(Date.UTC(2025, 0, 1) + (p * VERSIONS + v) * 3_600_000).toISOString();
        versions.push({ doc, scores: scoreForStorage(doc, { versionCount: v, today: createdAt.slice(0, 10) }), createdAt });
      }
      const latest = versions[versions.length - 1]!;
      await db.query(
        `INSERT INTO "Pathway" ("id", "workspaceId", "title", "conditions", "status", "document", "updatedAt") VALUES ($1, $2, $3, $4, $5::"PathwayStatus", $6, now())`,
        [id, ws.id, `Generated pathway ${p + 1}`, conditions, STATUSES[p % STATUSES.length], JSON.stringify(latest.doc)],
      );
      const values: unknown[] = [];
      const rows = versions.map((v, i) => {
        const document = JSON.stringify(v.doc);
        const scores = JSON.stringify(v.scores);
        bytes += document.length + scores.length;
        values.push(`${id}v${i + 1}`, id, i + 1, document, scores, `Version ${i + 1}`, facilitator, v.createdAt);
        const k = i * 8;
        return `($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}, $${k + 6}, $${k + 7}, $${k + 8})`;
      });
      await db.query(`INSERT INTO "PathwayVersion" ("id", "pathwayId", "number", "document", "scores", "note", "authorId", "createdAt") VALUES ${rows.join(', ')}`, values);
      if (p % 4 === 0) {
        for (const [j, criterionId] of CRITERIA.entries()) {
          await db.query(
            `INSERT INTO "CriterionRating" ("id", "versionId", "criterionId", "userId", "kind", "value", "reason", "updatedAt")
             VALUES ($1, $2, $3, $4, 'consensus', $5::"RatingValue", 'Agreed in the workshop', now())`,
            [`${id}r${j}`, `${id}v${VERSIONS}`, criterionId, facilitator, (['met', 'partly', 'not_met'] as const)[(p + j) % 3]],
          );
        }
      }
      if ((p + 1) % 50 === 0) process.stdout.write(`  ${p + 1} pathways generated (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    await db.query('ANALYZE');
    const counts = (
      await db.query(`SELECT (SELECT count(*) FROM "PathwayVersion")::int AS versions, (SELECT count(*) FROM "VersionCriterionScore")::int AS criteria,
                             pg_size_pretty(pg_total_relation_size('"PathwayVersion"')) AS size`)
    ).rows[0];
    console.log(
      `Generated ${PATHWAYS} pathways x ${VERSIONS} versions in ${((performance.now() - started) / 1000).toFixed(0)} s: ${counts.versions} versions in the database (${counts.size}, ${Math.round(bytes / 1024 / 1024)} MB of JSON), ${counts.criteria} criterion rows.`,
    );
    return { workspaceId: ws.id, slug: ws.slug, firstPathway };
  } finally {
    await db.end();
  }
}

async function startServer(url: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-secret-not-for-production-0123456789',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, baseUrl };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

async function timeRequests(s: Session, name: string, path: string, runs: number, check: (body: string) => boolean): Promise<Timing> {
  for (let i = 0; i < Math.min(10, runs); i++) await (await s.fetch(path)).arrayBuffer(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await s.fetch(path);
    const body = Buffer.from(await res.arrayBuffer());
    times.push(performance.now() - start);
    bytes = body.length;
    if (res.status !== 200 || !check(body.toString('latin1'))) throw new Error(`${name}: unexpected answer ${res.status} for ${path}`);
  }
  return summarise(name, times, bytes);
}

/** The database work alone: the app's queries over the scorecard rows, and the same from JSONB. */
async function timeDatabase(url: string, workspaceId: string): Promise<Timing[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const latest = `SELECT DISTINCT ON (pv."pathwayId") pv."id" FROM "PathwayVersion" pv JOIN "Pathway" p ON p."id" = pv."pathwayId"
                  WHERE p."workspaceId" = $1 ORDER BY pv."pathwayId", pv."number" DESC`;
  // What getWorkspaceScorecard asks: one row per pathway with the summary's compact columns, then
  // the room's consensus for those versions.
  const rowsWay = async () => {
    const pathways = await db.query(
      `SELECT p."id", v."id" AS "versionId", s.* FROM "Pathway" p
       LEFT JOIN LATERAL (SELECT pv."id" FROM "PathwayVersion" pv WHERE pv."pathwayId" = p."id" ORDER BY pv."number" DESC LIMIT 1) v ON true
       LEFT JOIN "VersionScoreSummary" s ON s."versionId" = v."id" WHERE p."workspaceId" = $1`,
      [workspaceId],
    );
    const ids = pathways.rows.map((r) => r.versionId).filter(Boolean);
    await db.query(
      `SELECT DISTINCT ON ("versionId", "criterionId") "versionId", "criterionId", "value", "reason" FROM "CriterionRating"
       WHERE "kind" = 'consensus' AND "versionId" = ANY($1::text[]) ORDER BY "versionId", "criterionId", "updatedAt" DESC`,
      [ids],
    );
  };
  const jsonbWay = async () => {
    await db.query(
      `WITH latest AS (${latest})
       SELECT v."id", f->>'id' AS framework, (f->>'percent')::int AS percent, c->>'id' AS criterion, c->>'status' AS status,
              (v."scores"->'journey'->>'contacts')::int AS contacts
       FROM latest l JOIN "PathwayVersion" v ON v."id" = l."id",
            jsonb_array_elements(v."scores"->'frameworks') f, jsonb_array_elements(f->'criteria') c`,
      [workspaceId],
    );
  };
  const wholeJsonWay = async () => {
    const r = await db.query(`WITH latest AS (${latest}) SELECT v."scores" FROM latest l JOIN "PathwayVersion" v ON v."id" = l."id"`, [workspaceId]);
    if (r.rows.length === 0) throw new Error('no versions');
  };
  const out: Timing[] = [];
  for (const [name, fn] of [
    ['database: scorecard rows (used)', rowsWay],
    ['database: JSONB on PathwayVersion.scores', jsonbWay],
    ['database: whole stored JSON to the app', wholeJsonWay],
  ] as const) {
    for (let i = 0; i < 5; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    out.push(summarise(name, times));
  }
  await db.end();
  return out;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
  console.log(`Database ${dbName}; ${PATHWAYS} pathways x ${VERSIONS} versions; ${REQUESTS} timed requests each.`);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${dbName}"`);
  });
  const url = withDatabase(adminUrl(), dbName);
  process.env.DATABASE_URL = url;
  const { migrate } = await import('../lib/db/migrate');
  await migrate(url);
  const { getPrisma, disconnectPrisma } = await import('../lib/db/client');
  const { seedDemo } = await import('../lib/db/seed');
  await seedDemo(getPrisma());
  await disconnectPrisma();
  const { workspaceId, slug, firstPathway } = await generate(url);
  if (GENERATE_ONLY) {
    console.log(`Kept ${url}`);
    return;
  }

  console.log(`Starting the server on port ${PORT} (builds into ${process.env.NEXT_DIST_DIR ?? '.next'} if stale)…`);
  const { child, baseUrl } = await startServer(url);
  try {
    const s = new Session(baseUrl);
    const error = await s.signIn('manager@pathweave.test', DEMO_PASSWORD);
    if (error) throw new Error(`sign-in failed: ${error}`);
    const base = `/w/${slug}/scorecards`;
    const has = (text: string) => (body: string) => body.includes(text);
    const results: Timing[] = [];
    results.push(await timeRequests(s, 'scorecard page (all 203 pathways, page 1)', base, REQUESTS, has('Criteria by pathway')));
    results.push(await timeRequests(s, 'scorecard page, filtered (?status=draft)', `${base}?status=draft`, REQUESTS, has('Criteria by pathway')));
    results.push(await timeRequests(s, 'scorecard page 5', `${base}?page=5`, REQUESTS, has('Criteria by pathway')));
    results.push(await timeRequests(s, 'pathway scorecard (20 versions)', `${base}/${firstPathway}`, REQUESTS, has('Criteria and findings')));
    results.push(await timeRequests(s, 'CSV export (all pathways)', `${base}/csv`, Math.min(REQUESTS, 20), has('Pathway,Conditions')));
    results.push(await timeRequests(s, 'PDF board report (all pathways)', `${base}/pdf`, 5, has('%PDF-')));
    results.push(...(await timeDatabase(url, workspaceId)));
    console.log('');
    console.log(table(results));
    const page = results[0]!;
    console.log('');
    console.log(
      `Scorecard page p95: ${page.p95.toFixed(1)} ms (target <= ${TARGET_P95_MS} ms): ${page.p95 <= TARGET_P95_MS ? 'within target' : 'OVER TARGET'}`,
    );
  } finally {
    await stopServer(child);
    if (!KEEP) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-scorecard: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
