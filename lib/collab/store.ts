// Durable storage of live pathway documents in PostgreSQL (issue 5 "Durability").
//
// - Every update a person sends is appended to CollabUpdate BEFORE the server applies it and
//   acknowledges it (lib/collab/server.ts calls appendUpdate from Hocuspocus' beforeHandleMessage
//   hook, which Hocuspocus awaits before applying the message and sending its SyncStatus ack).
//   There is no save delay: an acknowledged edit is on disk, and survives `kill -9`.
// - From time to time the log is merged into CollabSnapshot (compactLiveDocument): in one
//   transaction the snapshot is rewritten and exactly the merged rows are deleted (by seq, so a row
//   committed late, with a lower seq, is never deleted unmerged).
// - Loading is the snapshot plus every row still in the log (Yjs updates commute and repeat
//   harmlessly, so order and duplicates do not matter).
// - A pathway with no live document yet is seeded from its working copy (Pathway.document), under
//   a per-pathway advisory lock so two servers never seed twice.
// - The working copy is kept in step with the live document (syncWorkingCopy): the live document
//   writes it back (so lists, exports and the single-user editor see the room's work), and a save
//   of the working copy made outside the live document is merged in (three-way, from the copy
//   last synced).
//
// Nothing here checks who is asking: callers (the websocket server, lib/server use cases) authorize
// first with lib/auth/can.ts.
import pg from 'pg';
import * as Y from 'yjs';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';
import type { Pathway, Role } from '@/lib/pathway/schema';
import { ROLES } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { refreshTargetLabels } from '@/lib/db/target-labels';
import type { CollaborationRecord, Participant } from '@/lib/scoring/types';
import { processHook } from './bridge';
import { applyPathwayChange, canonicalJson, isPathwayYDocEmpty, pathwayToYDoc, yDocToPathway } from './doc';

/** The origin of the server's own writes (seeding, merging a working-copy save). */
export const SERVER_ORIGIN = { source: 'pathweave-server' } as const;

export { documentNameFor, pathwayIdFromDocumentName } from './names';

export type ContributionKind = 'joined' | 'edit' | 'comment' | 'vote' | 'rating';

type Tx = Parameters<Parameters<ReturnType<typeof getPrisma>['$transaction']>[0]>[0];

function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new Error('expected bytes from the database');
}

async function lockPathway(tx: Tx, pathwayId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`collab:${pathwayId}`}))) AS l`;
}

interface SnapshotRow {
  state: Uint8Array;
  upToSeq: bigint;
  workingRevision: number;
  workingBase: unknown;
}

async function readSnapshot(tx: Tx, pathwayId: string): Promise<SnapshotRow | null> {
  const rows = await tx.$queryRaw<{ state: unknown; upToSeq: bigint; workingRevision: number; workingBase: unknown }[]>`
    SELECT "state", "upToSeq", "workingRevision", "workingBase" FROM "CollabSnapshot" WHERE "pathwayId" = ${pathwayId}`;
  const row = rows[0];
  return row ? { state: bytes(row.state), upToSeq: BigInt(row.upToSeq), workingRevision: row.workingRevision, workingBase: row.workingBase } : null;
}

async function readLog(tx: Tx, pathwayId: string): Promise<{ seq: bigint; userId: string | null; update: Uint8Array }[]> {
  const rows = await tx.$queryRaw<{ seq: bigint; userId: string | null; update: unknown }[]>`
    SELECT "seq", "userId", "update" FROM "CollabUpdate" WHERE "pathwayId" = ${pathwayId} ORDER BY "seq"`;
  return rows.map((r) => ({ seq: BigInt(r.seq), userId: r.userId, update: bytes(r.update) }));
}

/** Apply stored updates, skipping (and logging) any that Yjs cannot read, so one bad row never blocks a document. */
function applyStored(ydoc: Y.Doc, pathwayId: string, updates: Iterable<{ update: Uint8Array; seq?: bigint }>): void {
  for (const u of updates) {
    try {
      Y.applyUpdate(ydoc, u.update, SERVER_ORIGIN);
    } catch (error) {
      log.error({ err: error, pathwayId, seq: u.seq?.toString() }, 'collab: a stored update could not be applied; skipped');
    }
  }
}

/** One row of the update log (CollabUpdate). */
export interface LogRow {
  pathwayId: string;
  userId: string | null;
  update: Uint8Array;
}

interface PendingAppend<T> {
  row: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  /** Statements written (each one round trip and one commit). */
  batches: number;
  /** Rows written in them. */
  rows: number;
  /** The largest batch so far. */
  largestBatch: number;
  /** Batches whose statement failed (their rows were not acknowledged). */
  failedBatches: number;
}

/**
 * Group commit. `add` resolves once the row is committed, and only then may the caller act on it
 * (the collaboration server applies, broadcasts and acknowledges an update only after that).
 * - When nothing is in flight a row is written at once: no added delay when the server is idle.
 * - The rows that arrive while a write is in flight go together in the next one, so under load
 *   batches grow instead of queues: one round trip and one commit for many rows.
 * - At most `maxInFlight` writes at once; callers are released strictly in the order they called
 *   `add` (a batch that commits early waits for the earlier batches to settle), so each
 *   document's updates are applied in the order they arrived.
 * - A batch whose write fails is rejected whole (one statement: none of its rows is stored), and
 *   nothing in it is acknowledged; later batches are unaffected.
 */
export class GroupCommit<T> {
  private readonly queue: PendingAppend<T>[] = [];
  private inFlight = 0;
  /** Settles after the last batch handed to `write` has released its callers. */
  private released: Promise<void> = Promise.resolve();
  readonly stats: GroupCommitStats = { batches: 0, rows: 0, largestBatch: 0, failedBatches: 0 };

  constructor(
    private readonly write: (rows: T[]) => Promise<unknown>,
    private readonly options: { maxBatch: number; maxInFlight: number },
  ) {}

  add(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  /** Rows waiting for a write to start. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.rows += batch.length;
      if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
      let outcome: Promise<{ ok: true } | { ok: false; error: unknown }>;
      try {
        outcome = this.write(batch.map((p) => p.row)).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      } catch (error) {
        outcome = Promise.resolve({ ok: false as const, error });
      }
      void outcome.then(() => {
        this.inFlight--;
        this.pump();
      });
      this.released = Promise.all([this.released, outcome]).then(([, result]) => {
        if (result.ok) {
          for (const p of batch) p.resolve();
        } else {
          this.stats.failedBatches++;
          for (const p of batch) p.reject(result.error);
        }
      });
    }
  }
}

/** Rows per INSERT at most. */
const MAX_BATCH = 1000;
/** INSERTs in flight at once (connections of the log's pool). */
const MAX_FLUSHES = 2;

/**
 * The update log has a small pool of its own, with one fixed statement (prepared once per
 * connection, the rows passed as three arrays): on the hot path there is no Prisma query
 * compilation and no SQL text built per batch.
 */
const APPEND_SQL = `INSERT INTO "CollabUpdate" ("pathwayId", "userId", "update", "createdAt")
  SELECT r.p, r.u, r.d, (now() AT TIME ZONE 'UTC') FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS r(p, u, d, n) ORDER BY r.n`;

const globalForLog = globalThis as unknown as { __pathweaveCollabLog?: { pool: pg.Pool; url: string } };

function logPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Pathweave with `npm start`.');
  const current = globalForLog.__pathweaveCollabLog;
  if (current && current.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => undefined);
  const pool = new pg.Pool({ connectionString: url, max: MAX_FLUSHES, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
  pool.on('error', (error) => log.error({ err: error }, 'collab: an idle connection of the update log failed'));
  globalForLog.__pathweaveCollabLog = { pool, url };
  return pool;
}

function writeLogBatch(rows: LogRow[]): Promise<unknown> {
  const pathwayIds: string[] = [];
  const userIds: (string | null)[] = [];
  const updates: Buffer[] = [];
  for (const r of rows) {
    pathwayIds.push(r.pathwayId);
    userIds.push(r.userId);
    updates.push(Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength));
  }
  return logPool().query({ name: 'pathweave-collab-append', text: APPEND_SQL, values: [pathwayIds, userIds, updates] });
}

const appends = new GroupCommit<LogRow>(writeLogBatch, { maxBatch: MAX_BATCH, maxInFlight: MAX_FLUSHES });

/**
 * Append one update from `userId` to the log. Resolves once it is committed (group-committed with
 * the updates that arrive meanwhile): only then may the server apply and acknowledge it. Rejects
 * when the write failed: then nothing of it is stored, and it must not be acknowledged.
 */
export function appendUpdate(pathwayId: string, userId: string | null, update: Uint8Array): Promise<void> {
  return appends.add({ pathwayId, userId, update });
}

/** How the log's group commit has gone since start (batches, rows, largest batch, failures). */
export function appendStats(): GroupCommitStats {
  return { ...appends.stats };
}

/** Close the update log's connections (after the last append). */
export async function closeUpdateLog(): Promise<void> {
  const current = globalForLog.__pathweaveCollabLog;
  globalForLog.__pathweaveCollabLog = undefined;
  if (current) await current.pool.end();
}

export class CollabLoadError extends Error {
  override readonly name = 'CollabLoadError';
  constructor(
    readonly reason: 'not_found' | 'invalid_working_copy',
    message: string,
  ) {
    super(message);
  }
}

/** Read a pathway's live document from the database (snapshot + log) into `into`. False when there is none. */
async function readInto(tx: Tx, pathwayId: string, into: Y.Doc): Promise<{ snapshot: SnapshotRow | null; found: boolean }> {
  const snapshot = await readSnapshot(tx, pathwayId);
  const updates = await readLog(tx, pathwayId);
  if (snapshot) applyStored(into, pathwayId, [{ update: snapshot.state }]);
  applyStored(into, pathwayId, updates);
  return { snapshot, found: snapshot !== null || updates.length > 0 };
}

/**
 * The live document's state as one Yjs update, for the server to load: seeded from the working
 * copy when the pathway has none yet, and with any save of the working copy made outside the live
 * document merged in (as a server update, logged like any other). Throws CollabLoadError when
 * the pathway does not exist or its working copy is not a valid pathway.
 */
export async function openLiveDocument(pathwayId: string): Promise<Uint8Array> {
  const prisma = getPrisma();
  const doc = new Y.Doc();
  await prisma.$transaction(
    async (tx) => {
      await lockPathway(tx, pathwayId);
      const { found } = await readInto(tx, pathwayId, doc);
      const pathway = await tx.pathway.findUnique({ where: { id: pathwayId }, select: { document: true, revision: true } });
      if (!pathway) throw new CollabLoadError('not_found', 'No such pathway.');
      if (!found || isPathwayYDocEmpty(doc)) {
        const parsed = parsePathway(pathway.document);
        if (!parsed.ok) throw new CollabLoadError('invalid_working_copy', 'The working copy is not a valid pathway; fix it in the editor first.');
        pathwayToYDoc(parsed.pathway, doc, SERVER_ORIGIN);
        const state = Y.encodeStateAsUpdate(doc);
        await tx.$executeRaw`
          INSERT INTO "CollabSnapshot" ("pathwayId", "state", "upToSeq", "workingRevision", "workingBase", "updatedAt")
          VALUES (${pathwayId}, ${Buffer.from(state)}, 0, ${pathway.revision}, ${canonicalJson(parsed.pathway)}::jsonb, (now() AT TIME ZONE 'UTC'))
          ON CONFLICT ("pathwayId") DO UPDATE SET "state" = EXCLUDED."state", "workingRevision" = EXCLUDED."workingRevision",
            "workingBase" = EXCLUDED."workingBase", "updatedAt" = EXCLUDED."updatedAt"`;
        log.info({ pathwayId, revision: pathway.revision }, 'collab: live document seeded from the working copy');
      }
    },
    { timeout: 30_000 },
  );
  await syncWorkingCopy(pathwayId, doc, { writeBack: false });
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Keep the working copy (Pathway.document) and the live document in step, under the pathway's lock:
 * 1. if the working copy was saved outside the live document since they were last in step, merge
 *    what that save changed into `ydoc` (logged first, then applied, like any update);
 * 2. with `writeBack`, store the pathway derived from the live document as the working copy
 *    (revision + 1) when it differs.
 * `ydoc` is the server's in-memory document (or one just read from the database).
 */
export async function syncWorkingCopy(pathwayId: string, ydoc: Y.Doc, options: { writeBack: boolean }): Promise<{ merged: boolean; wroteBack: boolean }> {
  const prisma = getPrisma();
  let merge: Uint8Array | null = null;
  let wroteBack = false;
  await prisma.$transaction(
    async (tx) => {
      await lockPathway(tx, pathwayId);
      const snapshot = await readSnapshot(tx, pathwayId);
      const row = await tx.pathway.findUnique({ where: { id: pathwayId }, select: { document: true, revision: true } });
      if (!row || !snapshot) return;
      let revision = snapshot.workingRevision;
      let live = yDocToPathway(ydoc);
      if (row.revision !== snapshot.workingRevision) {
        const theirs = parsePathway(row.document);
        const base = parsePathway(snapshot.workingBase);
        if (theirs.ok) {
          const scratch = new Y.Doc();
          Y.applyUpdate(scratch, Y.encodeStateAsUpdate(ydoc));
          const before = Y.encodeStateVector(scratch);
          if (base.ok) applyPathwayChange(scratch, base.pathway, theirs.pathway, SERVER_ORIGIN);
          else pathwayToYDoc(theirs.pathway, scratch, SERVER_ORIGIN);
          const update = Y.encodeStateAsUpdate(scratch, before);
          if (Y.decodeUpdate(update).structs.length > 0 || Y.decodeUpdate(update).ds.clients.size > 0) {
            await tx.$executeRaw`
              INSERT INTO "CollabUpdate" ("pathwayId", "userId", "update", "createdAt")
              VALUES (${pathwayId}, ${null}, ${Buffer.from(update)}, (now() AT TIME ZONE 'UTC'))`;
            merge = update;
            live = yDocToPathway(scratch);
          }
          log.info({ pathwayId, revision: row.revision }, 'collab: a save of the working copy made outside the live document was merged in');
        }
        revision = row.revision;
      }
      let stored: unknown = row.document;
      // Only a valid pathway becomes the working copy. The live document keeps the room's rules
      // (doc.ts), but a hand-crafted update can still leave it invalid (say, with its entry step
      // removed outright); the working copy then stays as it last was, valid, until it is fixed.
      const changed = options.writeBack && canonicalJson(live) !== canonicalJson(row.document);
      const valid = !changed || parsePathway(live).ok;
      if (!valid) log.warn({ pathwayId }, 'collab: the live document is not a valid pathway; the working copy was left as it was');
      if (changed && valid) {
        const updated = await tx.$queryRaw<{ revision: number }[]>`
          UPDATE "Pathway"
             SET "document" = ${JSON.stringify(live)}::jsonb,
                 "title" = ${live.title.trim()},
                 "conditions" = ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(live.conditions)}::jsonb)),
                 "revision" = "revision" + 1,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = ${pathwayId}
          RETURNING "revision"`;
        revision = updated[0]?.revision ?? revision;
        stored = live;
        wroteBack = true;
        await refreshTargetLabels(tx, pathwayId, live);
      }
      if (revision !== snapshot.workingRevision || wroteBack || merge) {
        await tx.$executeRaw`
          UPDATE "CollabSnapshot" SET "workingRevision" = ${revision}, "workingBase" = ${canonicalJson(stored)}::jsonb,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "pathwayId" = ${pathwayId}`;
      }
    },
    { timeout: 30_000 },
  );
  if (merge) Y.applyUpdate(ydoc, merge, SERVER_ORIGIN);
  return { merged: merge !== null, wroteBack };
}

/** Rows read from the log per query while compacting. */
const COMPACT_PAGE = 1000;
/** Rows applied between two turns of the event loop while compacting. */
const COMPACT_SLICE = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Merge the log into the snapshot: one transaction writes the new snapshot, moves the merged
 * rows' per-person counts into CollabContribution ("edit"), and deletes exactly those rows.
 *
 * It runs on the thread that serves the room, so it never holds it for long: the log is read a
 * page at a time and applied a slice at a time, with a turn of the event loop between slices.
 * (Applying a 24,000-row log in one go held a busy server for about a second.)
 */
export async function compactLiveDocument(pathwayId: string): Promise<{ merged: number }> {
  const prisma = getPrisma();
  return prisma.$transaction(
    async (tx) => {
      await lockPathway(tx, pathwayId);
      const snapshot = await readSnapshot(tx, pathwayId);
      // Page by seq. A row that commits meanwhile with a seq above the last page is read too; one
      // that commits late below it is not, and stays in the log for next time.
      const updates: { seq: bigint; userId: string | null; update: Uint8Array }[] = [];
      for (;;) {
        const after = updates.length ? (updates[updates.length - 1] as { seq: bigint }).seq : -1n;
        const rows = await tx.$queryRaw<{ seq: bigint; userId: string | null; update: unknown }[]>`
          SELECT "seq", "userId", "update" FROM "CollabUpdate" WHERE "pathwayId" = ${pathwayId} AND "seq" > ${after} ORDER BY "seq" LIMIT ${COMPACT_PAGE}`;
        for (const r of rows) updates.push({ seq: BigInt(r.seq), userId: r.userId, update: bytes(r.update) });
        if (rows.length < COMPACT_PAGE) break;
      }
      if (updates.length === 0) return { merged: 0 };
      const doc = new Y.Doc();
      if (snapshot) applyStored(doc, pathwayId, [{ update: snapshot.state }]);
      for (let i = 0; i < updates.length; i += COMPACT_SLICE) {
        await nextTurn();
        applyStored(doc, pathwayId, updates.slice(i, i + COMPACT_SLICE));
      }
      await nextTurn();
      const state = Y.encodeStateAsUpdate(doc);
      const upTo = updates.reduce((max, u) => (u.seq > max ? u.seq : max), snapshot?.upToSeq ?? 0n);
      await tx.$executeRaw`
        INSERT INTO "CollabSnapshot" ("pathwayId", "state", "upToSeq", "updatedAt")
        VALUES (${pathwayId}, ${Buffer.from(state)}, ${upTo}, (now() AT TIME ZONE 'UTC'))
        ON CONFLICT ("pathwayId") DO UPDATE SET "state" = EXCLUDED."state", "upToSeq" = EXCLUDED."upToSeq", "updatedAt" = EXCLUDED."updatedAt"`;
      const byUser = new Map<string, number>();
      for (const u of updates) if (u.userId) byUser.set(u.userId, (byUser.get(u.userId) ?? 0) + 1);
      for (const [userId, n] of byUser) await addContribution(tx, pathwayId, userId, 'edit', n);
      const seqs = updates.map((u) => u.seq.toString());
      await tx.$executeRaw`DELETE FROM "CollabUpdate" WHERE "pathwayId" = ${pathwayId} AND "seq" = ANY(${seqs}::bigint[])`;
      return { merged: updates.length };
    },
    { timeout: 60_000 },
  );
}

async function addContribution(tx: Tx, pathwayId: string, userId: string, kind: ContributionKind, n: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "CollabContribution" ("pathwayId", "userId", "kind", "count", "firstAt", "lastAt")
    VALUES (${pathwayId}, ${userId}, ${kind}, ${n}, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
    ON CONFLICT ("pathwayId", "userId", "kind")
    DO UPDATE SET "count" = "CollabContribution"."count" + EXCLUDED."count", "lastAt" = EXCLUDED."lastAt"`;
}

/**
 * Record a contribution that is not a document edit: "joined" (opened the live document, counts as
 * taking part with no contribution), "vote" (dot-voting, until votes have a table of their own).
 * Comments and ratings are counted from their own tables by getCollaborationRecord.
 */
export async function recordContribution(pathwayId: string, userId: string, kind: ContributionKind, n = 1): Promise<void> {
  await addContribution(getPrisma() as unknown as Tx, pathwayId, userId, kind, n);
}

/** The live document read from the database, or null when the pathway has none. */
export async function readLiveDocument(pathwayId: string): Promise<Y.Doc | null> {
  const prisma = getPrisma();
  const doc = new Y.Doc();
  const { found } = await prisma.$transaction(async (tx) => readInto(tx, pathwayId, doc));
  return found ? doc : null;
}

type WriteBackHere = (pathwayId: string) => Promise<boolean>;

/**
 * Set by the collaboration server (server.ts): write back its in-memory document of the pathway,
 * answering false when it has none loaded. Its document holds every acknowledged edit, and a
 * merge it makes reaches the people in the room at once.
 */
export const liveWriteBackHook = processHook<WriteBackHere>('liveWriteBack');

/**
 * Bring the working copy in step with the live document now, exactly as the write-back after
 * edits does: under the pathway's lock, merging in any save made outside the live document, and
 * recording in the snapshot which working copy the live document now matches. Saving a version in
 * the live room calls this and then versions the working copy.
 *
 * (Storing the derived document through savePathwayDraft instead left the snapshot's record
 * behind, so the next write-back took the version save for a save made outside the room and
 * merged it in again, setting back any field edited both before and just after the save.)
 *
 * Uses this server's in-memory document when it has one; otherwise the document read from the
 * database, whose merge, if any, goes to the log for the next load. False when the pathway has
 * no live document. Authorize before calling.
 */
export async function writeBackLiveDocument(pathwayId: string): Promise<boolean> {
  const here = liveWriteBackHook.get();
  if (here && (await here(pathwayId))) return true;
  const doc = await readLiveDocument(pathwayId);
  if (!doc) return false;
  await syncWorkingCopy(pathwayId, doc, { writeBack: true });
  return true;
}

/**
 * The pathway derived from the live document (issue 5: "saving a version derives the pathway
 * document and scores from the live document"). Every acknowledged edit is in the database, so
 * this is what the room sees, whichever server they are on. Null when the pathway has no live
 * document (then the working copy is the pathway). Authorize before calling.
 */
export async function deriveVersionFromLiveDoc(pathwayId: string): Promise<Pathway | null> {
  const doc = await readLiveDocument(pathwayId);
  return doc ? yDocToPathway(doc) : null;
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

/**
 * Who took part in designing the pathway, by role, with their contributions (edits, comments,
 * votes, ratings), and how many versions are saved: the collaboration record that feeds NV 6
 * (patients and carers took part) and NV 9 (a commissioner took part). A person who joined the live
 * document but changed nothing is listed with 0 contributions. Roles are people's professional
 * roles (a patient representative signs in with the role "patient"). Authorize before calling.
 */
export async function getCollaborationRecord(pathwayId: string): Promise<CollaborationRecord> {
  const prisma = getPrisma();
  const [recorded, pending, comments, ratings, versionCount] = await Promise.all([
    prisma.$queryRaw<{ userId: string; kind: string; count: number }[]>`
      SELECT "userId", "kind", "count" FROM "CollabContribution" WHERE "pathwayId" = ${pathwayId}`,
    prisma.$queryRaw<{ userId: string; count: bigint }[]>`
      SELECT "userId", COUNT(*) AS "count" FROM "CollabUpdate" WHERE "pathwayId" = ${pathwayId} AND "userId" IS NOT NULL GROUP BY "userId"`,
    prisma.comment.groupBy({ by: ['authorId'], where: { pathwayId }, _count: { _all: true } }),
    prisma.criterionRating.groupBy({ by: ['userId'], where: { version: { pathwayId }, kind: 'individual' }, _count: { _all: true } }),
    prisma.pathwayVersion.count({ where: { pathwayId } }),
  ]);
  const byUser = new Map<string, number>();
  const add = (userId: string, n: number) => byUser.set(userId, (byUser.get(userId) ?? 0) + n);
  for (const r of recorded) add(r.userId, r.kind === 'joined' ? 0 : Number(r.count));
  for (const r of pending) add(r.userId, Number(r.count));
  for (const r of comments) add(r.authorId, r._count._all);
  for (const r of ratings) add(r.userId, r._count._all);
  const users = byUser.size
    ? await prisma.user.findMany({ where: { id: { in: [...byUser.keys()] } }, select: { id: true, professionalRole: true } })
    : [];
  const byRole = new Map<Role, number>();
  for (const u of users) {
    if (!ROLE_SET.has(u.professionalRole)) continue;
    const role = u.professionalRole as Role;
    byRole.set(role, (byRole.get(role) ?? 0) + (byUser.get(u.id) ?? 0));
  }
  const participants: Participant[] = [...byRole]
    .sort((a, b) => ROLES.indexOf(a[0]) - ROLES.indexOf(b[0]))
    .map(([role, contributions]) => ({ role, contributions }));
  return { participants, versionCount };
}
