/**
 * Live collaboration benchmark (issue 5 "Speed"): N simulated clients on loopback each make
 * 20 edits a second on one pathway, through the real collaboration server (lib/collab/server.ts:
 * Hocuspocus, every update logged to PostgreSQL before it is acknowledged) over real websockets.
 *
 *   npx tsx scripts/bench-collab.ts                 # 30 and 40 clients, 60 s each
 *   BENCH_DURATION_S=10 BENCH_CLIENTS=30,40 npx tsx scripts/bench-collab.ts
 *
 * Reports, per run: edit-to-seen latency (from a client's edit to each other client seeing it)
 * p50/p95/p99, lost edits (must be 0), whether every copy converged, and the server process's
 * CPU and memory. Target (issue 5): p95 at most 50 ms, 0 lost, all converged.
 *
 * The server runs in a child process: an HTTP server with only attachCollab (the exact code
 * server.ts attaches to Next; Next itself is not loaded, so its memory is not counted). Set
 * BENCH_FULL_APP=1 to run the whole app instead (needs a build in NEXT_DIST_DIR). The database is
 * a fresh one (pathweave_bench_collab) on PATHWEAVE_TEST_ADMIN_URL's server, default
 * postgresql://postgres@127.0.0.1:5432/postgres, migrated and seeded with the demo data.
 * Everything is on 127.0.0.1; loops are bounded by the duration.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';

const SECRET = 'bench-secret-not-for-production-0123456789';
const TARGET_P95_MS = 50;

// ---------------------------------------------------------------------------------------------
// Server mode: `tsx scripts/bench-collab.ts --serve` (child process)
// ---------------------------------------------------------------------------------------------

async function serve(): Promise<void> {
  const port = Number(process.env.PORT);
  if (process.env.BENCH_FULL_APP === '1') {
    const { startServer } = await import('../server');
    await startServer({ port, hostname: '127.0.0.1', dev: false });
  } else {
    const { attachCollab } = await import('../lib/collab/server');
    const server = http.createServer((req, res) => {
      res.statusCode = req.url === '/api/health' ? 200 : 404;
      res.end();
    });
    const collab = attachCollab(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    process.on('SIGTERM', () => {
      void collab.close().finally(() => process.exit(0));
    });
  }
  process.stdout.write('ready\n');
}

// ---------------------------------------------------------------------------------------------
// Bench mode
// ---------------------------------------------------------------------------------------------

interface RunResult {
  clients: number;
  durationS: number;
  editsSent: number;
  editsAcknowledged: number;
  editsLogged: number;
  observations: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  lost: number;
  converged: boolean;
  serverCpuPercent: number;
  serverRssMbPeak: number;
  serverRssMbEnd: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

function procStats(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuTicks: utime + stime, rssMb: rssKb / 1024 };
}

async function startServerChild(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-collab.ts', '--serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start')), 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return child;
}

function socketClass(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof WebSocket;
}

/** Milliseconds on one clock shared by every worker thread. */
const clock = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Client workers: the simulated clients run in several worker threads, so that on a small machine
// they do not queue behind each other on one core (each real client has a machine of its own).
// ---------------------------------------------------------------------------------------------

interface WorkerInput {
  indices: number[];
  clients: number;
  port: number;
  pathwayName: string;
  tokens: string[];
  ratePerS: number;
  maxSeq: number;
  /** Float64Array [client * maxSeq + seq] = when that edit was made (clock()). */
  sent: SharedArrayBuffer;
}

type ToWorker = { type: 'start'; endAt: number } | { type: 'finish' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; latencies: Float64Array; sentCount: number; unsynced: number; states: string[]; lastSeq: number[]; seen: number[][] };

async function clientWorker(input: WorkerInput): Promise<void> {
  const { applyCommandToYDoc, yDocToPathway } = await import('../lib/collab/doc');
  const sent = new Float64Array(input.sent);
  const latencies: number[] = [];
  const baseUrl = `http://127.0.0.1:${input.port}`;
  interface Client {
    index: number;
    doc: Y.Doc;
    provider: HocuspocusProvider;
    stepId: string;
    seq: number;
    seen: Int32Array;
  }
  const clients: Client[] = [];
  for (const index of input.indices) {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${input.port}/collab`,
      name: input.pathwayName,
      document: doc,
      token: 'cookie',
      WebSocketPolyfill: socketClass({ cookie: `next-auth.session-token=${input.tokens[index]}`, origin: baseUrl }),
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    const client: Client = { index, doc, provider, stepId: `bench-${index}`, seq: 0, seen: new Int32Array(input.clients).fill(-1) };
    clients.push(client);
    // Each edit sets a step's title to "bench <client> <seq>". Seeing seq k means every edit of
    // that client up to k has arrived (the server may merge several into one message).
    doc.getMap('steps').observeDeep((events) => {
      const now = clock();
      for (const event of events) {
        if (!(event.target instanceof Y.Map) || !(event as Y.YMapEvent<unknown>).keysChanged.has('title')) continue;
        const title = event.target.get('title');
        if (typeof title !== 'string' || !title.startsWith('bench ')) continue;
        const [, from, seqText] = title.split(' ');
        const sender = Number(from);
        const seq = Number(seqText);
        if (sender === index || !Number.isInteger(sender) || sender < 0 || sender >= input.clients) continue;
        for (let k = Math.max(0, client.seen[sender]! + 1); k <= seq && k < input.maxSeq; k++) {
          const at = sent[sender * input.maxSeq + k]!;
          if (at > 0) latencies.push(now - at);
        }
        if (seq > client.seen[sender]!) client.seen[sender] = seq;
      }
    });
  }
  const until = async (what: string, check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`bench worker: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until('first sync', () => clients.every((c) => c.provider.isSynced), 60_000);
  // Setup, through the command module: each client adds the step it will edit.
  for (const c of clients) {
    applyCommandToYDoc(c.doc, { type: 'addStep', input: { id: c.stepId, kind: 'review', sector: 'primary_care', title: `bench ${c.index} -1` } }, c);
  }
  await until(
    'every bench step everywhere',
    () => clients.every((c) => c.provider.unsyncedChanges === 0 && yDocToPathway(c.doc).steps.filter((s) => s.id.startsWith('bench-')).length === input.clients),
    60_000,
  );
  latencies.length = 0;
  parentPort!.postMessage({ type: 'ready' } satisfies FromWorker);
  const start = await new Promise<ToWorker & { type: 'start' }>((resolve) => parentPort!.once('message', resolve));
  const intervalMs = 1000 / input.ratePerS;
  let sentCount = 0;
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          // The edit a command `updateStep { title }` makes: one key of the step's map, in one
          // transaction (lib/collab/doc.ts writes exactly this). Written directly so that the
          // simulated clients, sharing a few cores, spend their time on the network, not on
          // re-deriving the pathway as a real editor tab would on its own machine.
          const step = c.doc.getMap<Y.Map<unknown>>('steps').get(c.stepId) as Y.Map<unknown>;
          const tick = () => {
            if (clock() >= start.endAt || c.seq >= input.maxSeq) {
              clearInterval(timer);
              resolve();
              return;
            }
            const seq = c.seq++;
            sent[c.index * input.maxSeq + seq] = clock();
            c.doc.transact(() => step.set('title', `bench ${c.index} ${seq}`), c);
            sentCount++;
          };
          const timer = setInterval(tick, intervalMs);
        }),
    ),
  );
  parentPort!.postMessage({ type: 'sent' });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  const states = clients.map((c) => JSON.stringify(yDocToPathway(c.doc)));
  const result: FromWorker = {
    type: 'done',
    latencies: Float64Array.from(latencies),
    sentCount,
    unsynced: clients.reduce((n, c) => n + c.provider.unsyncedChanges, 0),
    states,
    lastSeq: clients.map((c) => c.seq - 1),
    seen: clients.map((c) => Array.from(c.seen)),
  };
  parentPort!.postMessage(result, [result.latencies.buffer as ArrayBuffer]);
  for (const c of clients) c.provider.destroy();
}

async function runOnce(options: { clients: number; durationS: number; port: number; databaseUrl: string; db: pg.Client; editors: { id: string }[]; pathwayId: string; ratePerS: number; workers: number }): Promise<RunResult> {
  const child = await startServerChild(options.port, options.databaseUrl);
  const pid = child.pid as number;
  const ticksPerS = 100;
  const maxSeq = Math.ceil(options.ratePerS * options.durationS * 1.2) + 10;
  const sent = new SharedArrayBuffer(8 * maxSeq * options.clients);
  const tokens: string[] = [];
  for (let i = 0; i < options.clients; i++) {
    const editor = options.editors[i % options.editors.length] as { id: string };
    tokens.push(await encode({ token: { sub: editor.id }, secret: SECRET, maxAge: 3600 }));
  }
  const workers: Worker[] = [];
  const groups: number[][] = Array.from({ length: options.workers }, () => []);
  for (let i = 0; i < options.clients; i++) (groups[i % options.workers] as number[]).push(i);
  const messages: FromWorker[][] = [];
  const next = (w: Worker) => new Promise<FromWorker | { type: 'sent' }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  for (const indices of groups) {
    const input: WorkerInput = { indices, clients: options.clients, port: options.port, pathwayName: `pathway:${options.pathwayId}`, tokens, ratePerS: options.ratePerS, maxSeq, sent };
    const w = new Worker(new URL(import.meta.url), { workerData: input, execArgv: ['--import', 'tsx'] });
    workers.push(w);
    messages.push([]);
  }
  await Promise.all(workers.map((w) => next(w)));

  const before = procStats(pid);
  let rssPeak = before.rssMb;
  const sampler = setInterval(() => {
    try {
      rssPeak = Math.max(rssPeak, procStats(pid).rssMb);
    } catch {
      // gone
    }
  }, 500);
  const startedAt = clock();
  const endAt = startedAt + options.durationS * 1000;
  const sentDone = workers.map((w) => next(w));
  for (const w of workers) w.postMessage({ type: 'start', endAt } satisfies ToWorker);
  await Promise.all(sentDone);
  const elapsedS = (clock() - startedAt) / 1000;
  const after = procStats(pid);

  // Let everything arrive: wait until what the server logged stops growing, then collect.
  let last = -1;
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const n = Number((await options.db.query(`SELECT count(*)::int AS n FROM "CollabUpdate" WHERE "pathwayId" = $1`, [options.pathwayId])).rows[0].n);
    if (n === last) break;
    last = n;
  }
  await new Promise((r) => setTimeout(r, 1000));
  const done = (await Promise.all(workers.map((w) => {
    const p = next(w);
    w.postMessage({ type: 'finish' } satisfies ToWorker);
    return p;
  }))) as (FromWorker & { type: 'done' })[];
  clearInterval(sampler);
  await Promise.all(workers.map((w) => w.terminate()));

  const latencies: number[] = [];
  for (const d of done) for (const l of d.latencies) latencies.push(l);
  latencies.sort((a, b) => a - b);
  const states = done.flatMap((d) => d.states);
  const converged = states.every((s) => s === states[0]);
  const lastSeq = new Map<number, number>();
  done.forEach((d, w) => (groups[w] as number[]).forEach((index, k) => lastSeq.set(index, d.lastSeq[k] as number)));
  // Lost: a client that did not end with another client's last edit.
  let lost = 0;
  const final = JSON.parse(states[0] ?? '{"steps":[]}') as { steps: { id: string; title: string }[] };
  for (const [index, seq] of lastSeq) {
    if (final.steps.find((s) => s.id === `bench-${index}`)?.title !== `bench ${index} ${seq}`) lost++;
  }
  done.forEach((d, w) =>
    (groups[w] as number[]).forEach((receiver, k) => {
      for (const [sender, seq] of lastSeq) if (sender !== receiver && (d.seen[k]?.[sender] ?? -1) < seq) lost++;
    }),
  );
  const editsSent = done.reduce((n, d) => n + d.sentCount, 0);
  const unsynced = done.reduce((n, d) => n + d.unsynced, 0);
  const logged = await options.db.query(
    `SELECT (SELECT count(*) FROM "CollabUpdate" WHERE "pathwayId" = $1 AND "userId" IS NOT NULL)::int +
            COALESCE((SELECT sum("count") FROM "CollabContribution" WHERE "pathwayId" = $1 AND kind = 'edit'), 0)::int AS n`,
    [options.pathwayId],
  );
  const rssEnd = procStats(pid).rssMb;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return {
    clients: options.clients,
    durationS: Math.round(elapsedS * 10) / 10,
    editsSent,
    editsAcknowledged: unsynced === 0 ? editsSent : editsSent - unsynced,
    // The log also holds each client's one setup edit (adding its step).
    editsLogged: Number(logged.rows[0].n) - options.clients,
    observations: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    lost,
    converged,
    serverCpuPercent: ((after.cpuTicks - before.cpuTicks) / ticksPerS / elapsedS) * 100,
    serverRssMbPeak: rssPeak,
    serverRssMbEnd: rssEnd,
  };
}

async function bench(): Promise<void> {
  const durationS = Number(process.env.BENCH_DURATION_S ?? 60);
  const ratePerS = Number(process.env.BENCH_RATE ?? 20);
  const sizes = (process.env.BENCH_CLIENTS ?? '30,40').split(',').map(Number).filter((n) => n > 0 && n <= 200);
  if (!(durationS > 0 && durationS <= 600)) throw new Error('BENCH_DURATION_S must be between 1 and 600');
  const admin = process.env.PATHWEAVE_TEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const { withDatabase } = await import('../lib/db/url');
  const dbName = `pathweave_bench_collab${process.env.PATHWEAVE_TEST_DB_SUFFIX ? `_${process.env.PATHWEAVE_TEST_DB_SUFFIX}` : ''}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminClient.query(`CREATE DATABASE "${dbName}"`);
  await adminClient.end();
  const databaseUrl = withDatabase(admin, dbName);
  process.env.DATABASE_URL = databaseUrl;
  const { migrate } = await import('../lib/db/migrate');
  await migrate(databaseUrl);
  const { getPrisma, disconnectPrisma } = await import('../lib/db/client');
  const { seedDemo } = await import('../lib/db/seed');
  await seedDemo(getPrisma());
  await disconnectPrisma();

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const editors = (
    await db.query(
      `SELECT DISTINCT u.id FROM "User" u JOIN "Membership" m ON m."userId" = u.id
        JOIN "Pathway" p ON p."workspaceId" = m."workspaceId"
       WHERE m."accessRole" IN ('editor', 'facilitator') AND p."isTemplate" = false`,
    )
  ).rows as { id: string }[];
  const port = Number(process.env.BENCH_PORT ?? 3590);
  const workers = Math.max(1, Math.min(8, Number(process.env.BENCH_WORKERS ?? Math.max(2, cpus().length))));
  const results: RunResult[] = [];
  for (const clients of sizes) {
    const copy = await db.query(
      `INSERT INTO "Pathway" ("id", "workspaceId", "title", "conditions", "status", "document", "revision", "isTemplate", "createdAt", "updatedAt")
       SELECT 'bench' || $1::text || md5(random()::text), "workspaceId", "title", "conditions", 'draft', "document", 0, false, now(), now()
         FROM "Pathway" WHERE "isTemplate" = false ORDER BY "title" LIMIT 1 RETURNING id`,
      [String(clients)],
    );
    const pathwayId = copy.rows[0].id as string;
    process.stdout.write(`\n${clients} clients × ${ratePerS} edits/s for ${durationS} s…\n`);
    const r = await runOnce({ clients, durationS, port, databaseUrl, db, editors, pathwayId, ratePerS, workers });
    results.push(r);
    process.stdout.write(JSON.stringify(r) + '\n');
  }
  await db.end();

  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const lines = [
    '',
    `Live collaboration on loopback (${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; clients in ${workers} worker threads); target p95 ≤ ${TARGET_P95_MS} ms, 0 lost, converged.`,
    'clients  edits/s  sent    logged  p50 ms  p95 ms  p99 ms  max ms  lost  converged  server CPU  server RSS peak',
    ...results.map(
      (r) =>
        `${String(r.clients).padEnd(9)}${String(Math.round(r.editsSent / r.durationS)).padEnd(9)}${String(r.editsSent).padEnd(8)}${String(r.editsLogged).padEnd(8)}${fmt(r.p50).padEnd(8)}${fmt(r.p95).padEnd(8)}${fmt(r.p99).padEnd(8)}${fmt(r.max).padEnd(8)}${String(r.lost).padEnd(6)}${String(r.converged).padEnd(11)}${(fmt(r.serverCpuPercent) + ' %').padEnd(12)}${fmt(r.serverRssMbPeak)} MB`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const ok = results.every((r) => r.lost === 0 && r.converged && r.editsLogged >= r.editsSent);
  process.exitCode = ok ? 0 : 1;
}

if (!isMainThread) {
  await clientWorker(workerData as WorkerInput);
} else if (process.argv.includes('--serve')) {
  await serve();
} else {
  await bench();
}
