// The live document's storage in a real PostgreSQL (lib/collab/store.ts): seeding once, the log
// and its compaction (including a row that commits late), the working copy kept in step, and the
// collaboration record.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { copyPathway, userId } from './collab-support';

const databaseUrl = inject('databaseUrl');
process.env.DATABASE_URL = databaseUrl;
const db = new pg.Client({ connectionString: databaseUrl });
const store = await import('../../lib/collab/store');
const { applyCommandToYDoc, yDocToPathway } = await import('../../lib/collab/doc');
const { disconnectPrisma } = await import('../../lib/db/client');

beforeAll(async () => {
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await disconnectPrisma();
});

/** An edit made as a client would: the update it produces, logged as that person. */
async function clientEdit(doc: Y.Doc, who: string | null, pathwayId: string, command: Parameters<typeof applyCommandToYDoc>[1]) {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  applyCommandToYDoc(doc, command, 'test');
  doc.off('update', capture);
  if (!update) throw new Error('no update');
  await store.appendUpdate(pathwayId, who, update);
  return update as Uint8Array;
}

function docFrom(state: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return d;
}

describe('opening a live document', () => {
  it('seeds it once from the working copy, even when several servers open it at the same moment', async () => {
    const pathwayId = await copyPathway(db);
    expect(await store.deriveVersionFromLiveDoc(pathwayId)).toBeNull();
    const states = await Promise.all([store.openLiveDocument(pathwayId), store.openLiveDocument(pathwayId), store.openLiveDocument(pathwayId)]);
    const vectors = states.map((s) => Buffer.from(Y.encodeStateVectorFromUpdate(s)).toString('hex'));
    expect(new Set(vectors).size).toBe(1);
    const snapshots = await db.query('SELECT count(*)::int AS n FROM "CollabSnapshot" WHERE "pathwayId" = $1', [pathwayId]);
    expect(snapshots.rows[0].n).toBe(1);
    const working = (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document;
    const derived = yDocToPathway(docFrom(states[0] as Uint8Array));
    expect(derived.steps.map((s) => s.id)).toEqual(working.steps.map((s: { id: string }) => s.id));
    expect(await store.deriveVersionFromLiveDoc(pathwayId)).toEqual(derived);
  });

  it('refuses a pathway that does not exist', async () => {
    await expect(store.openLiveDocument('no-such-pathway')).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('skips a stored row Yjs cannot read instead of failing the whole document', async () => {
    const pathwayId = await copyPathway(db);
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    await store.appendUpdate(pathwayId, null, Uint8Array.from([1, 2, 3, 250, 250, 250]));
    await clientEdit(doc, null, pathwayId, { type: 'updateMetadata', patch: { summary: 'After the bad row' } });
    const reopened = docFrom(await store.openLiveDocument(pathwayId));
    expect(yDocToPathway(reopened).summary).toBe('After the bad row');
  });
});

describe('the log and its compaction', () => {
  it('merges the log into the snapshot, counts who edited, and deletes exactly the merged rows', async () => {
    const pathwayId = await copyPathway(db);
    const gp = await userId(db, 'gp@pathweave.test');
    const consultant = await userId(db, 'consultant@pathweave.test');
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const first = yDocToPathway(doc).steps[0]!.id;
    for (let i = 0; i < 5; i++) await clientEdit(doc, gp, pathwayId, { type: 'updateStep', stepId: first, patch: { title: `GP ${i}` } });
    for (let i = 0; i < 3; i++) await clientEdit(doc, consultant, pathwayId, { type: 'updateStep', stepId: first, patch: { patientBenefit: `C ${i}` } });

    // A row that gets its seq now but commits only after the compaction has read the log.
    const late = new pg.Client({ connectionString: databaseUrl });
    await late.connect();
    await late.query('BEGIN');
    const lateDoc = docFrom(Y.encodeStateAsUpdate(doc));
    let lateUpdate: Uint8Array | null = null;
    lateDoc.on('update', (u: Uint8Array) => (lateUpdate = u));
    applyCommandToYDoc(lateDoc, { type: 'updateMetadata', patch: { population: 'Committed late' } }, 'late');
    await late.query(`INSERT INTO "CollabUpdate" ("pathwayId", "userId", "update") VALUES ($1, $2, $3)`, [pathwayId, gp, Buffer.from(lateUpdate!)]);
    await clientEdit(doc, consultant, pathwayId, { type: 'updateMetadata', patch: { summary: 'Committed on time' } });

    const { merged } = await store.compactLiveDocument(pathwayId);
    expect(merged).toBe(9);
    await late.query('COMMIT');
    await late.end();

    const left = await db.query('SELECT "userId" FROM "CollabUpdate" WHERE "pathwayId" = $1', [pathwayId]);
    expect(left.rows).toEqual([{ userId: gp }]);
    const derived = await store.deriveVersionFromLiveDoc(pathwayId);
    expect(derived?.steps[0]).toMatchObject({ title: 'GP 4', patientBenefit: 'C 2' });
    expect(derived?.summary).toBe('Committed on time');
    expect(derived?.population).toBe('Committed late');

    await store.recordContribution(pathwayId, await userId(db, 'manager@pathweave.test'), 'joined');
    const record = await store.getCollaborationRecord(pathwayId);
    // The GP: 5 compacted + 1 still in the log. The consultant: 4. The manager joined only.
    expect(record.participants).toEqual([
      { role: 'gp', contributions: 6 },
      { role: 'consultant', contributions: 4 },
      { role: 'manager', contributions: 0 },
    ]);
    expect(record.versionCount).toBe(0);
  });

  it('counts comments in the collaboration record, by the author’s role', async () => {
    const pathwayId = await copyPathway(db);
    const voluntary = await userId(db, 'voluntary@pathweave.test');
    await db.query(`INSERT INTO "Comment" (id, "pathwayId", "authorId", body, "updatedAt") VALUES ($1, $2, $3, 'Where does the carer fit?', now())`, [
      `c5c${Date.now()}`,
      pathwayId,
      voluntary,
    ]);
    const record = await store.getCollaborationRecord(pathwayId);
    expect(record.participants).toEqual([{ role: 'voluntary_worker', contributions: 1 }]);
  });
});

describe('the working copy', () => {
  it('is written back from the live document, and a save made outside it is merged in, not lost', async () => {
    const pathwayId = await copyPathway(db);
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const steps = yDocToPathway(doc).steps;
    await clientEdit(doc, null, pathwayId, { type: 'updateStep', stepId: steps[0]!.id, patch: { title: 'Live title' } });
    const before = (await db.query('SELECT revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].revision as number;

    // Someone saves the working copy outside the live document: another step's title changes.
    const row = (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document;
    row.steps[1].title = 'Saved outside';
    await db.query('UPDATE "Pathway" SET document = $2, revision = revision + 1 WHERE id = $1', [pathwayId, row]);

    const result = await store.syncWorkingCopy(pathwayId, doc, { writeBack: true });
    expect(result).toEqual({ merged: true, wroteBack: true });
    const live = yDocToPathway(doc);
    expect(live.steps[0]?.title).toBe('Live title');
    expect(live.steps[1]?.title).toBe('Saved outside');
    const stored = (await db.query('SELECT document, revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0];
    expect(stored.document.steps[0].title).toBe('Live title');
    expect(stored.document.steps[1].title).toBe('Saved outside');
    expect(stored.revision).toBe(before + 2);
    // The merge went through the log like any edit: a fresh load has it.
    expect((await store.deriveVersionFromLiveDoc(pathwayId))?.steps[1]?.title).toBe('Saved outside');
    // Nothing changed since: nothing to do.
    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: false });
  });

  it('is not written back while the live document is not a valid pathway (a hand-crafted update removed its entry steps)', async () => {
    const pathwayId = await copyPathway(db);
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const entries = yDocToPathway(doc)
      .steps.filter((s) => s.kind === 'entry')
      .map((s) => s.id);
    expect(entries.length).toBeGreaterThan(0);
    const before = (await db.query('SELECT document, revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0];
    // Not through a command (which keeps an entry): the steps removed from the shared map outright.
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on('update', capture);
    doc.transact(() => {
      for (const id of entries) doc.getMap('steps').delete(id);
    });
    doc.off('update', capture);
    await store.appendUpdate(pathwayId, null, update as unknown as Uint8Array);
    expect(yDocToPathway(doc).steps.some((s) => s.kind === 'entry')).toBe(false);

    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: false });
    const after = (await db.query('SELECT document, revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0];
    expect(after.revision).toBe(before.revision);
    expect(after.document.steps.filter((s: { kind: string }) => s.kind === 'entry').map((s: { id: string }) => s.id)).toEqual(entries);

    // Once the room edits it back into a valid pathway, it is written back again.
    await clientEdit(doc, null, pathwayId, { type: 'updateStep', stepId: yDocToPathway(doc).steps[0]!.id, patch: { kind: 'entry' } });
    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: true });
  });

  it('is written back when an old or hand-written client puts NUL (U+0000) in a title, without it, instead of failing every time', async () => {
    // PostgreSQL's jsonb refuses \u0000: before, every write-back of this room failed, so the
    // working copy stayed behind for good. Commands refuse such text; a raw update does not.
    const pathwayId = await copyPathway(db);
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const first = yDocToPathway(doc).steps[0]!.id;
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on('update', capture);
    doc.transact(() => {
      (doc.getMap('steps').get(first) as Y.Map<unknown>).set('title', 'Breathless\u0000ness review');
      doc.getMap('pathway').set('summary', 'Shared\u0000 summary');
    });
    doc.off('update', capture);
    await store.appendUpdate(pathwayId, null, update as unknown as Uint8Array);

    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: true });
    const stored = (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document;
    expect(stored.steps[0].title).toBe('Breathlessness review');
    expect(stored.summary).toBe('Shared summary');
    // The room goes on: the next edit is written back too.
    await clientEdit(doc, null, pathwayId, { type: 'updateStep', stepId: first, patch: { patientBenefit: 'Breathes easier' } });
    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: true });
    expect((await store.deriveVersionFromLiveDoc(pathwayId))?.steps[0]?.title).toBe('Breathlessness review');
  });

  it('tells a save from outside the room that the stored copy is the live room’s, so the editor does not offer to overwrite it', async () => {
    const { savePathwayDraft } = await import('../../lib/server/save-pathway-draft');
    const { loadActor } = await import('../../lib/auth/actor');
    const actor = await loadActor(await userId(db, 'gp@pathweave.test'));
    if (!actor) throw new Error('no actor');
    const pathwayId = await copyPathway(db);
    const opened = (await db.query('SELECT document, revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0];

    // Two ordinary saves from the same starting point: the second is a conflict, not with a room.
    const mine = { ...opened.document, summary: 'Saved outside the room' };
    expect(await savePathwayDraft({ actor, pathwayId, baseRevision: opened.revision, document: mine })).toMatchObject({ ok: true });
    const plain = await savePathwayDraft({ actor, pathwayId, baseRevision: opened.revision, document: mine });
    expect(plain).toMatchObject({ ok: false, reason: 'conflict', liveRoom: false });

    // The room edits and its pathway is written back: a save from the editor opened before is told so.
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const before = (await db.query('SELECT revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].revision as number;
    await clientEdit(doc, null, pathwayId, { type: 'updateMetadata', patch: { summary: 'Changed by the room' } });
    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toMatchObject({ wroteBack: true });
    const late = await savePathwayDraft({ actor, pathwayId, baseRevision: before, document: mine });
    expect(late).toMatchObject({ ok: false, reason: 'conflict', liveRoom: true });
  });

  it('saving a version in the live room keeps edits made just after it (the save is not merged in again later)', async () => {
    const pathwayId = await copyPathway(db);
    // The server's in-memory document: every acknowledged edit is logged, then applied to it.
    const doc = docFrom(await store.openLiveDocument(pathwayId));
    const first = yDocToPathway(doc).steps[0]!.id;
    await clientEdit(doc, null, pathwayId, { type: 'updateStep', stepId: first, patch: { title: 'Before the version' } });

    // Save a version: the working copy becomes the live document (this process has no collaboration
    // server, so the document is read from the database).
    expect(await store.writeBackLiveDocument(pathwayId)).toBe(true);
    const saved = (await db.query('SELECT document, revision FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0];
    expect(saved.document.steps[0].title).toBe('Before the version');
    const snapshot = (await db.query('SELECT "workingRevision" FROM "CollabSnapshot" WHERE "pathwayId" = $1', [pathwayId])).rows[0];
    expect(snapshot.workingRevision).toBe(saved.revision);

    // The room goes on: the same field changes again, then the server writes back as usual.
    await clientEdit(doc, null, pathwayId, { type: 'updateStep', stepId: first, patch: { title: 'After the version' } });
    expect(await store.syncWorkingCopy(pathwayId, doc, { writeBack: true })).toEqual({ merged: false, wroteBack: true });
    expect(yDocToPathway(doc).steps[0]?.title).toBe('After the version');
    const stored = (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document;
    expect(stored.steps[0].title).toBe('After the version');
    expect((await store.deriveVersionFromLiveDoc(pathwayId))?.steps[0]?.title).toBe('After the version');
  });
});
