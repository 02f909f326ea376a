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
    const { appendStats } = await import('../lib/collab/store');
    const server = http.createServer((req, res) => {
      res.statusCode = req.url === '/api/health' ? 200 : 404;
      res.end();
    });
    const collab = attachCollab(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    process.on('SIGUSR2', () => loop.reset());
    process.on('SIGTERM', () => {
      loop.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      process.stdout.write(`loop ${JSON.stringify({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) })}\n`);
      process.stdout.write(`log ${JSON.stringify(appendStats())}\n`);
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
  /** Edit to acknowledgement (logged in PostgreSQL and applied), at the sender. */
  ackP50: number;
  ackP95: number;
  /** The server's event-loop delay, p99 over the run (ms). */
  loopDelayP99: number;
  /** The update log's group commit over the server's life: INSERTs, and rows per INSERT. */
  logInserts: number;
  logRowsPerInsert: number;
  lost: number;
  converged: boolean;
  serverCpuPercent: number;
  serverRssMbPeak: number;
  serverRssMbEnd: number;
  /** The machine's 1-minute load average at the end of the run's edits (other work included). */
  load1: number;
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
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/bench-collab.ts', '--serve'], {
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
  // Never leave the server behind, whatever happens to this process.
  process.once('exit', () => child.kill('SIGKILL'));
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
  | { type: 'done'; latencies: Float64Array; acks: Float64Array; sentCount: number; unsynced: number; states: string[]; lastSeq: number[]; seen: number[][] };

/** "bench <client> <seq>" occurrences in a message (Yjs stores strings as plain UTF-8). */
const MARK = Buffer.from('bench ');
function* benchMarks(data: Buffer): Generator<[number, number]> {
  let at = data.indexOf(MARK);
  while (at >= 0) {
    let i = at + MARK.length;
    let sender = 0;
    let digits = 0;
    while (i < data.length && data[i]! >= 48 && data[i]! <= 57) {
      sender = sender * 10 + (data[i++]! - 48);
      digits++;
    }
    if (digits > 0 && data[i] === 32) {
      i++;
      let seq = 0;
      let seqDigits = 0;
      while (i < data.length && data[i]! >= 48 && data[i]! <= 57) {
        seq = seq * 10 + (data[i++]! - 48);
        seqDigits++;
      }
      if (seqDigits > 0) yield [sender, seq];
    }
    at = data.indexOf(MARK, at + 1);
  }
}

function varUint(n: number, out: number[]): void {
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}
function frame(name: string, head: number[], payload?: Uint8Array): Uint8Array {
  const bytes: number[] = [];
  const n = Buffer.from(name);
  varUint(n.length, bytes);
  bytes.push(...n, ...head);
  if (payload) varUint(payload.length, bytes);
  const out = new Uint8Array(bytes.length + (payload?.length ?? 0));
  out.set(bytes, 0);
  if (payload) out.set(payload, bytes.length);
  return out;
}

/**
 * A protocol-level client: it speaks Hocuspocus' wire protocol over a real websocket (auth, sync,
 * updates, acknowledgements) and makes its edits with a Y.Doc, but does not apply what others send:
 * it only reads the titles in them. So thirty or forty of them fit on a small machine, and the
 * latency measured is the server's (a browser would then spend microseconds applying it).
 */
class WireClient {
  readonly doc = new Y.Doc();
  ws!: WebSocket;
  unacked = 0;
  /** When each not yet acknowledged edit was sent (acknowledgements come in order). */
  readonly pending: number[] = [];
  readonly ackLatencies: number[] = [];
  synced = false;
  authenticated = false;
  constructor(
    readonly index: number,
    readonly name: string,
    readonly onMarks: (data: Buffer) => void,
  ) {}
  connect(url: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(url, { headers });
      this.ws.binaryType = 'nodebuffer';
      this.ws.on('error', reject);
      this.ws.on('open', () => {
        this.ws.send(frame(this.name, [2, 0], Buffer.from('cookie')));
        this.ws.send(frame(this.name, [0, 0], Y.encodeStateVector(this.doc)));
      });
      this.ws.on('message', (data: Buffer) => {
        let pos = 0;
        const read = () => {
          let num = 0;
          let mult = 1;
          for (;;) {
            const b = data[pos++]!;
            num += (b & 0x7f) * mult;
            if (b < 0x80) return num;
            mult *= 128;
          }
        };
        const nameLength = read();
        pos += nameLength; // skip the document name
        const type = read();
        if (type === 8) {
          // SyncStatus: 1 = applied (stored on the server), 0 = refused
          if (read() === 1 && this.unacked > 0) {
            this.unacked--;
            const at = this.pending.shift();
            if (at !== undefined) this.ackLatencies.push(clock() - at);
          }
          return;
        }
        if (type === 2) {
          read();
          this.authenticated = true;
          return;
        }
        if (type !== 0 && type !== 4) return;
        const sub = read();
        const len = read();
        const payload = data.subarray(pos, pos + len);
        if (sub === 0) {
          // The server asks for what we have that it lacks.
          this.ws.send(frame(this.name, [0, 1], Y.encodeStateAsUpdate(this.doc, payload)));
          this.unacked++;
          this.pending.push(NaN);
          return;
        }
        if (!this.synced) {
          Y.applyUpdate(this.doc, payload);
          this.synced = true;
          resolve();
          return;
        }
        this.onMarks(payload as Buffer);
      });
    });
  }
  /** Send the update of a local edit. */
  send(update: Uint8Array): void {
    this.unacked++;
    this.pending.push(clock());
    this.ws.send(frame(this.name, [0, 2], update));
  }
}

async function clientWorker(input: WorkerInput): Promise<void> {
  const { applyCommandToYDoc, yDocToPathway } = await import('../lib/collab/doc');
  const sent = new Float64Array(input.sent);
  const latencies: number[] = [];
  const baseUrl = `http://127.0.0.1:${input.port}`;
  const url = `ws://127.0.0.1:${input.port}/collab`;

  interface Client {
    index: number;
    seq: number;
    seen: Int32Array;
    /** Make one edit (returns nothing; the update goes out). */
    edit(seq: number): void;
    unacked(): number;
    state(): string | null;
    close(): void;
    setup(): void;
    acks(): number[];
    hasAllSteps(): boolean;
  }
  const clients: Client[] = [];
  const observe = (client: { index: number; seen: Int32Array }, sender: number, seq: number, now: number) => {
    if (sender === client.index || sender < 0 || sender >= input.clients || seq < 0) return;
    for (let k = Math.max(0, client.seen[sender]! + 1); k <= seq && k < input.maxSeq; k++) {
      const at = sent[sender * input.maxSeq + k]!;
      if (at > 0) latencies.push(now - at);
    }
    if (seq > client.seen[sender]!) client.seen[sender] = seq;
  };

  const debug = (...args: unknown[]) => {
    if (process.env.BENCH_DEBUG) console.error('[bench worker]', ...args);
  };
  for (const index of input.indices) {
    debug('connecting client', index);
    const headers = { cookie: `next-auth.session-token=${input.tokens[index]}`, origin: baseUrl };
    const stepId = `bench-${index}`;
    const seen = new Int32Array(input.clients).fill(-1);
    if (index < 2) {
      // Two full replicas (the real provider, applying everything) check that copies converge.
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({ url, name: input.pathwayName, document: doc, token: 'cookie', WebSocketPolyfill: socketClass(headers) } as ConstructorParameters<typeof HocuspocusProvider>[0]);
      const c = {
        index,
        seq: 0,
        seen,
        edit: (seq: number) => {
          const step = doc.getMap<Y.Map<unknown>>('steps').get(stepId) as Y.Map<unknown>;
          doc.transact(() => step.set('title', `bench ${index} ${seq}`), c);
        },
        unacked: () => provider.unsyncedChanges,
        state: () => JSON.stringify(yDocToPathway(doc)),
        close: () => provider.destroy(),
        setup: () => void applyCommandToYDoc(doc, { type: 'addStep', input: { id: stepId, kind: 'review', sector: 'primary_care', title: `bench ${index} -1` } }, c),
        hasAllSteps: () => yDocToPathway(doc).steps.filter((s) => s.id.startsWith('bench-')).length === input.clients,
        acks: () => [] as number[],
      };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === c) return;
        const now = clock();
        for (const [sender, seq] of benchMarks(Buffer.from(update.buffer, update.byteOffset, update.byteLength))) observe(c, sender, seq, now);
      });
      await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
      clients.push(c);
    } else {
      const c: Client & { wire?: WireClient } = {
        index,
        seq: 0,
        seen,
        edit: () => undefined,
        unacked: () => 0,
        state: () => null,
        close: () => undefined,
        setup: () => undefined,
        hasAllSteps: () => true,
        acks: () => [] as number[],
      };
      const wire = new WireClient(index, input.pathwayName, (data) => {
        const now = clock();
        for (const [sender, seq] of benchMarks(data)) observe(c, sender, seq, now);
      });
      const capture = (update: Uint8Array, origin: unknown) => {
        if (origin === wire) wire.send(update);
      };
      wire.doc.on('update', capture);
      await wire.connect(url, headers);
      c.edit = (seq: number) => {
        const step = wire.doc.getMap<Y.Map<unknown>>('steps').get(stepId) as Y.Map<unknown>;
        wire.doc.transact(() => step.set('title', `bench ${index} ${seq}`), wire);
      };
      c.unacked = () => wire.unacked;
      c.acks = () => wire.ackLatencies.filter((x) => Number.isFinite(x));
      c.close = () => wire.ws.close();
      c.setup = () => void applyCommandToYDoc(wire.doc, { type: 'addStep', input: { id: stepId, kind: 'review', sector: 'primary_care', title: `bench ${index} -1` } }, wire);
      clients.push(c);
    }
  }
  const until = async (what: string, check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`bench worker: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  debug('all connected');
  // Setup through the command module: each client adds the step it will edit.
  for (const c of clients) c.setup();
  await until('setup acknowledged', () => clients.every((c) => c.unacked() === 0), 60_000);
  parentPort!.postMessage({ type: 'ready' } satisfies FromWorker);
  const start = (await new Promise((resolve) => parentPort!.once('message', resolve))) as ToWorker & { type: 'start' };
  await until('every bench step in the full replicas', () => clients.every((c) => c.hasAllSteps()), 60_000);
  latencies.length = 0;
  const ackStart = clients.map((c) => c.acks().length);
  const intervalMs = 1000 / input.ratePerS;
  let sentCount = 0;
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          // The edit a command `updateStep { title }` makes: one key of the step's map, in one
          // transaction (what lib/collab/doc.ts writes for it).
          const tick = () => {
            if (clock() >= start.endAt || c.seq >= input.maxSeq) {
              clearInterval(timer);
              resolve();
              return;
            }
            const seq = c.seq++;
            sent[c.index * input.maxSeq + seq] = clock();
            c.edit(seq);
            sentCount++;
          };
          const timer = setInterval(tick, intervalMs);
        }),
    ),
  );
  parentPort!.postMessage({ type: 'sent' });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  const result: FromWorker = {
    type: 'done',
    latencies: Float64Array.from(latencies),
    acks: Float64Array.from(clients.flatMap((c, i) => c.acks().slice(ackStart[i]))),
    sentCount,
    unsynced: clients.reduce((n, c) => n + c.unacked(), 0),
    states: clients.map((c) => c.state()).filter((x): x is string => x !== null),
    lastSeq: clients.map((c) => c.seq - 1),
    seen: clients.map((c) => Array.from(c.seen)),
  };
  parentPort!.postMessage(result, [result.latencies.buffer as ArrayBuffer, result.acks.buffer as ArrayBuffer]);
  for (const c of clients) c.close();
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
    tokens.push(await encode({ token: { sub: editor.id, signedInAt: Date.now() }, secret: SECRET, maxAge: 3600 }));
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
    // A worker runs this same file, with tsx registered in it first.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const w = new Worker(boot, { eval: true, workerData: input });
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
  const load1 = loadavg()[0] as number;

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
  const acks: number[] = [];
  for (const d of done) for (const l of d.acks) acks.push(l);
  acks.sort((a, b) => a - b);
  // Convergence: the two full replicas that edited all along, a replica joining now, and what
  // PostgreSQL holds must all be the same document.
  const states = done.flatMap((d) => d.states);
  const { yDocToPathway } = await import('../lib/collab/doc');
  const lateDoc = new Y.Doc();
  const late = new HocuspocusProvider({
    url: `ws://127.0.0.1:${options.port}/collab`,
    name: `pathway:${options.pathwayId}`,
    document: lateDoc,
    token: 'cookie',
    WebSocketPolyfill: socketClass({ cookie: `next-auth.session-token=${tokens[0]}`, origin: `http://127.0.0.1:${options.port}` }),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  await new Promise<void>((resolve) => late.on('synced', () => resolve()));
  states.push(JSON.stringify(yDocToPathway(lateDoc)));
  late.destroy();
  const stored = new Y.Doc();
  const snap = await options.db.query('SELECT "state" FROM "CollabSnapshot" WHERE "pathwayId" = $1', [options.pathwayId]);
  const rows = await options.db.query('SELECT "update" FROM "CollabUpdate" WHERE "pathwayId" = $1 ORDER BY seq', [options.pathwayId]);
  for (const r of [...snap.rows.map((x) => x.state), ...rows.rows.map((x) => x.update)] as Buffer[]) Y.applyUpdate(stored, new Uint8Array(r));
  states.push(JSON.stringify(yDocToPathway(stored)));
  const converged = states.length >= 4 && states.every((s) => s === states[0]);
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
  let loop = { p50: NaN, p99: NaN, max: NaN };
  let logStats = { batches: NaN, rows: NaN };
  child.stdout?.on('data', (d: Buffer) => {
    const m = /loop (\{.*\})/.exec(d.toString());
    if (m) loop = JSON.parse(m[1] as string) as typeof loop;
    const l = /log (\{.*\})/.exec(d.toString());
    if (l) logStats = JSON.parse(l[1] as string) as typeof logStats;
  });
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
    ackP50: percentile(acks, 50),
    ackP95: percentile(acks, 95),
    loopDelayP99: loop.p99,
    logInserts: logStats.batches,
    logRowsPerInsert: logStats.rows / logStats.batches,
    lost,
    converged,
    serverCpuPercent: ((after.cpuTicks - before.cpuTicks) / ticksPerS / elapsedS) * 100,
    serverRssMbPeak: rssPeak,
    serverRssMbEnd: rssEnd,
    load1,
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
    'clients  edits/s  sent    logged  p50 ms  p95 ms  p99 ms  max ms  ack p50  ack p95  lost  converged  server CPU  server RSS peak  loop p99  rows/INSERT  load',
    ...results.map(
      (r) =>
        `${String(r.clients).padEnd(9)}${String(Math.round(r.editsSent / r.durationS)).padEnd(9)}${String(r.editsSent).padEnd(8)}${String(r.editsLogged).padEnd(8)}${fmt(r.p50).padEnd(8)}${fmt(r.p95).padEnd(8)}${fmt(r.p99).padEnd(8)}${fmt(r.max).padEnd(8)}${fmt(r.ackP50).padEnd(9)}${fmt(r.ackP95).padEnd(9)}${String(r.lost).padEnd(6)}${String(r.converged).padEnd(11)}${(fmt(r.serverCpuPercent) + ' %').padEnd(12)}${(fmt(r.serverRssMbPeak) + ' MB').padEnd(16)}${(fmt(r.loopDelayP99) + ' ms').padEnd(10)}${fmt(r.logRowsPerInsert).padEnd(13)}${r.load1.toFixed(1)}`,
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
