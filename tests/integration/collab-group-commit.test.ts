// Group commit of the update log (issue 5 "Durability" and "Speed"), in a real PostgreSQL and
// through the real collaboration server: many updates written concurrently are all stored and
// released in order; a batch that fails to commit is refused whole and acknowledged to no one; a
// client whose update was refused sends it again once the database takes it, and only then do the
// others see it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { CollaborativeSession } from '../../lib/collab/client';
import { acknowledged, copyPathway, openSession, signIn, storedPathway, synced, waitFor } from './collab-support';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
process.env.DATABASE_URL = databaseUrl;
const db = new pg.Client({ connectionString: databaseUrl });
const store = await import('../../lib/collab/store');
const { disconnectPrisma } = await import('../../lib/db/client');
const sessions: CollaborativeSession[] = [];

beforeAll(async () => {
  await db.connect();
});
afterAll(async () => {
  for (const s of sessions) s.destroy();
  await db.end();
  await store.closeUpdateLog();
  await disconnectPrisma();
});

/** `n` successive edits of one client's own step title: each update depends on the one before. */
function clientUpdates(client: number, n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const map = doc.getMap<string>(`client-${client}`);
  for (let i = 0; i < n; i++) map.set('title', `client ${client} edit ${i}`);
  return updates;
}

async function storedUpdates(pathwayId: string): Promise<Buffer[]> {
  const rows = await db.query('SELECT "update" FROM "CollabUpdate" WHERE "pathwayId" = $1 ORDER BY seq', [pathwayId]);
  return rows.rows.map((r) => r.update as Buffer);
}

describe('the update log under concurrent writes', () => {
  it('stores every update, releases each in the order it came, and groups them into few INSERTs', async () => {
    const pathwayIds = [await copyPathway(db), await copyPathway(db)];
    const clients = 12;
    const perClient = 40;
    const streams = Array.from({ length: clients }, (_, c) => clientUpdates(c, perClient));
    const before = store.appendStats();
    const released: string[] = [];
    const calls: string[] = [];
    const pending: Promise<void>[] = [];
    // Interleaved as they would arrive from many connections, all at once.
    for (let i = 0; i < perClient; i++) {
      for (let c = 0; c < clients; c++) {
        const key = `${c}:${i}`;
        calls.push(key);
        pending.push(store.appendUpdate(pathwayIds[c % 2] as string, null, streams[c]![i]!).then(() => void released.push(key)));
      }
    }
    await Promise.all(pending);
    expect(released).toEqual(calls);
    const after = store.appendStats();
    const rows = after.rows - before.rows;
    const inserts = after.batches - before.batches;
    expect(rows).toBe(clients * perClient);
    expect(inserts).toBeLessThan(rows / 4);
    expect(after.failedBatches).toBe(before.failedBatches);

    for (const [k, pathwayId] of pathwayIds.entries()) {
      const stored = await storedUpdates(pathwayId);
      expect(stored).toHaveLength((clients / 2) * perClient);
      const doc = new Y.Doc();
      for (const u of stored) Y.applyUpdate(doc, new Uint8Array(u));
      for (let c = k; c < clients; c += 2) expect(doc.getMap<string>(`client-${c}`).get('title')).toBe(`client ${c} edit ${perClient - 1}`);
    }
  });

  it('refuses a whole batch whose INSERT fails, stores none of it, and keeps the batches around it', async () => {
    const pathwayId = await copyPathway(db);
    const [first, second, good1, good2, retry] = clientUpdates(99, 5) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const before = store.appendStats();
    const outcome = (p: Promise<void>) => p.then(() => 'stored', (e: unknown) => `refused: ${e instanceof Error ? e.message : String(e)}`);
    // The first write goes at once (and the second too, on the pool's other connection); the rest
    // wait and go together in one INSERT, where a NUL byte in one row's text makes PostgreSQL
    // refuse the whole statement.
    const updates = [first, second, good1, Uint8Array.from([0, 0]), good2];
    const results = await Promise.all(updates.map((u, i) => outcome(store.appendUpdate(i === 3 ? `${pathwayId}\u0000` : pathwayId, null, u))));
    expect(results[0]).toBe('stored');
    for (const r of results.slice(2)) expect(r).toMatch(/^refused: /);
    expect(store.appendStats().failedBatches).toBe(before.failedBatches + 1);
    // Stored exactly when acknowledged.
    const stored = new Set((await storedUpdates(pathwayId)).map((b) => b.toString('hex')));
    updates.forEach((u, i) => expect(stored.has(Buffer.from(u).toString('hex')), `update ${i}`).toBe(results[i] === 'stored'));

    // Sent again, the refused updates are stored, and later writes go on.
    await Promise.all([good1, good2].map((u) => store.appendUpdate(pathwayId, null, u)));
    await store.appendUpdate(pathwayId, null, retry);
    expect(await storedUpdates(pathwayId)).toHaveLength(5);
  });
});

describe('a client whose update could not be logged', () => {
  it('is not acknowledged, nobody sees the edit, and it is sent again and stored once the database takes it', { timeout: 90_000 }, async () => {
    const pathwayId = await copyPathway(db);
    const constraint = `c5_refuse_${pathwayId}`;
    const writer = openSession(baseUrl, pathwayId, { cookie: await signIn(baseUrl, 'gp@pathweave.test') });
    const watcher = openSession(baseUrl, pathwayId, { cookie: await signIn(baseUrl, 'consultant@pathweave.test') });
    sessions.push(writer, watcher);
    await synced(writer);
    await synced(watcher);

    // The log refuses this pathway's rows for a while (as a failing database would).
    await db.query(`ALTER TABLE "CollabUpdate" ADD CONSTRAINT "${constraint}" CHECK ("pathwayId" <> '${pathwayId}') NOT VALID`);
    try {
      expect(writer.apply({ type: 'updateMetadata', patch: { summary: 'Written while the log refused' } }).ok).toBe(true);
      // The writer is told at once (the server left the document but kept the socket open, which the
      // provider alone would only notice after half a minute of silence), and asks again on a new one.
      await waitFor('the writer is told the pathway cannot be reached', () => writer.getSnapshot().status === 'unavailable', 5_000);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
      expect(watcher.getSnapshot().pathway?.summary).not.toBe('Written while the log refused');
      expect((await storedPathway(db, pathwayId))?.summary).not.toBe('Written while the log refused');
    } finally {
      await db.query(`ALTER TABLE "CollabUpdate" DROP CONSTRAINT IF EXISTS "${constraint}"`);
    }

    // The client reconnects by itself and sends the edit again; now it is stored, then seen.
    await acknowledged(writer, 60_000);
    expect((await storedPathway(db, pathwayId))?.summary).toBe('Written while the log refused');
    await waitFor('the watcher sees the edit', () => watcher.getSnapshot().pathway?.summary === 'Written while the log refused', 30_000);
  });
});
