import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Actor } from '@/lib/auth/can';
import { loadDemoActors } from './demo-actors';
import type { Pathway } from '@/lib/pathway/schema';

/**
 * The editor's persistence use cases (lib/server) against the real, migrated and seeded
 * PostgreSQL of the integration suite. Nothing is mocked: saves, conflicts, versions and their
 * database triggers are the real ones.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  getPathwayForEditing: typeof import('@/lib/server/get-pathway-for-editing').getPathwayForEditing;
  savePathwayDraft: typeof import('@/lib/server/save-pathway-draft').savePathwayDraft;
  savePathwayVersion: typeof import('@/lib/server/save-pathway-version').savePathwayVersion;
  compareVersions: typeof import('@/lib/server/compare-versions').compareVersions;
  createPathway: typeof import('@/lib/server/create-pathway').createPathway;
  importPathway: typeof import('@/lib/server/import-pathway').importPathway;
  commands: typeof import('@/lib/pathway/commands');
  io: typeof import('@/lib/pathway/io');
  disconnect: () => Promise<void>;
};
let server: Server;
let workspaceId = '';
const actors: Record<string, Actor> = {};

const EMAILS = {
  facilitator: 'gp@pathweave.test',
  editor: 'consultant@pathweave.test',
  editor2: 'community.nurse@pathweave.test',
  commenter: 'voluntary@pathweave.test',
  viewer: 'manager@pathweave.test',
  patient: 'patient@pathweave.test',
} as const;
type Who = keyof typeof EMAILS;

beforeAll(async () => {
  // lib/server reads DATABASE_URL when the Prisma client is first made: set it before importing.
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [get, draft, version, compare, create, imp, commands, io, client] = await Promise.all([
    import('@/lib/server/get-pathway-for-editing'),
    import('@/lib/server/save-pathway-draft'),
    import('@/lib/server/save-pathway-version'),
    import('@/lib/server/compare-versions'),
    import('@/lib/server/create-pathway'),
    import('@/lib/server/import-pathway'),
    import('@/lib/pathway/commands'),
    import('@/lib/pathway/io'),
    import('@/lib/db/client'),
  ]);
  server = {
    getPathwayForEditing: get.getPathwayForEditing,
    savePathwayDraft: draft.savePathwayDraft,
    savePathwayVersion: version.savePathwayVersion,
    compareVersions: compare.compareVersions,
    createPathway: create.createPathway,
    importPathway: imp.importPathway,
    commands,
    io,
    disconnect: client.disconnectPrisma,
  };
  const ws = await db.query('SELECT id FROM "Workspace" ORDER BY "createdAt" LIMIT 1');
  workspaceId = ws.rows[0].id;
  Object.assign(actors, await loadDemoActors(db, EMAILS));
});

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

function as(who: Who): Actor {
  const actor = actors[who];
  if (!actor) throw new Error(who);
  return actor;
}

let counter = 0;
/** A fresh blank pathway of the demo workspace, made by an editor. */
async function freshPathway(title = 'Editing test'): Promise<{ id: string; doc: Pathway; revision: number }> {
  counter++;
  const created = await server.createPathway({ actor: as('editor'), workspaceId, title: `${title} ${counter}`, conditions: ['COPD'] });
  if (!created.ok) throw new Error(created.message);
  const loaded = await server.getPathwayForEditing({ actor: as('editor'), pathwayId: created.pathway.id });
  if (!loaded?.document) throw new Error('not loaded');
  return { id: created.pathway.id, doc: loaded.document, revision: loaded.revision };
}

async function stored(pathwayId: string): Promise<{ revision: number; document: Pathway; title: string }> {
  const r = await db.query('SELECT revision, document, title FROM "Pathway" WHERE id = $1', [pathwayId]);
  return r.rows[0];
}

describe('opening a pathway for editing', () => {
  it('gives a blank pathway one entry and one exit step, revision 0, and the editor’s permissions', async () => {
    const { id, doc, revision } = await freshPathway();
    expect(revision).toBe(0);
    expect(doc.steps.map((s) => s.kind)).toEqual(['entry', 'exit']);
    expect(doc.transitions).toHaveLength(1);
    const loaded = await server.getPathwayForEditing({ actor: as('editor'), pathwayId: id });
    expect(loaded?.permissions).toEqual({ canEdit: true, canComment: true, canVersion: true });
    expect(loaded?.source).toBeNull();
    expect(loaded?.workspace.id).toBe(workspaceId);
  });

  it('reports the ids used before (saved versions, comments, votes) so a new step never takes one', async () => {
    const { id, doc } = await freshPathway();
    const { commands } = server;
    const withTwo = commands.applyCommand(
      commands.applyCommand(doc, { type: 'addStep', input: { kind: 'review', sector: 'social_care', id: 's3' } }),
      { type: 'addStep', input: { kind: 'support', sector: 'voluntary_community', id: 's4' } },
    );
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: withTwo })).toMatchObject({ ok: true });
    expect(await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: 'With s4' })).toMatchObject({ ok: true });
    // s4 (the highest) is deleted from the working copy; a comment and a dot vote name other old steps.
    const without = commands.applyCommand(withTwo, { type: 'removeStep', stepId: 's4' });
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 1, document: without })).toMatchObject({ ok: true });
    const userId = as('editor').userId;
    await db.query(`INSERT INTO "Comment" (id, "pathwayId", "targetId", "authorId", body, "updatedAt") VALUES ($1, $2, 's7', $3, 'On a step since deleted', now())`, [`c-${id}`, id, userId]);
    await db.query(`INSERT INTO "WorkshopVote" ("pathwayId", "userId", "stepId", dots, "updatedAt") VALUES ($1, $2, 's9', 1, now())`, [id, userId]);

    const loaded = await server.getPathwayForEditing({ actor: as('editor'), pathwayId: id });
    // Ids in the working copy are not "retired"; the rest are, whoever can see them.
    expect(loaded?.retiredIds).toEqual(['s4', 's7', 's9']);
    const next = commands.withIds(loaded!.document!, { type: 'addStep', input: { kind: 'review', sector: 'self_care' } }, new Set(loaded!.retiredIds));
    expect(next.type === 'addStep' && next.input.id).toBe('s10');
    // Without them, the old behaviour: the deleted step's id comes back.
    const plain = commands.withIds(loaded!.document!, { type: 'addStep', input: { kind: 'review', sector: 'self_care' } });
    expect(plain.type === 'addStep' && plain.input.id).toBe('s4');
  });

  it('gives each role its permissions, and a non-member exactly what a missing pathway gives', async () => {
    const { id } = await freshPathway();
    expect((await server.getPathwayForEditing({ actor: as('commenter'), pathwayId: id }))?.permissions).toEqual({
      canEdit: false,
      canComment: true,
      canVersion: false,
    });
    expect((await server.getPathwayForEditing({ actor: as('viewer'), pathwayId: id }))?.permissions).toEqual({
      canEdit: false,
      canComment: false,
      canVersion: false,
    });
    expect(await server.getPathwayForEditing({ actor: as('patient'), pathwayId: id })).toBeNull();
    expect(await server.getPathwayForEditing({ actor: as('editor'), pathwayId: 'no-such-pathway' })).toBeNull();
  });
});

describe('saving the working copy', () => {
  it('saves with the right revision, bumps it, keeps the row’s title in step, and audits', async () => {
    const { id, doc } = await freshPathway();
    const { commands: c } = server;
    let next = c.addStep(doc, { kind: 'assessment', sector: 'community_health', title: 'Spirometry' }).doc;
    next = c.connect(next, 's1', 's3', { information: 'shared_record' }).doc;
    next = c.updateMetadata(next, { title: 'COPD: local version', conditions: ['COPD', 'Asthma'] });
    const saved = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: next });
    expect(saved).toMatchObject({ ok: true, revision: 1 });
    const row = await stored(id);
    expect(row.revision).toBe(1);
    expect(row.title).toBe('COPD: local version');
    expect(row.document.steps.map((s) => s.title)).toContain('Spirometry');
    const conditions = await db.query('SELECT conditions FROM "Pathway" WHERE id = $1', [id]);
    expect(conditions.rows[0].conditions).toEqual(['COPD', 'Asthma']);
    const events = await db.query(
      `SELECT outcome, detail FROM "AuditEvent" WHERE "resourceId" = $1 AND action = 'pathway:edit' ORDER BY at`,
      [id],
    );
    expect(events.rows.map((e) => e.outcome)).toEqual(['allowed']);
    expect(events.rows[0].detail).toMatchObject({ revision: 1 });
  });

  it('lets one of two saves from the same revision win; the other gets a conflict, stores nothing, and can save on top', async () => {
    const { id, doc } = await freshPathway();
    const { commands: c } = server;
    const mine = c.addStep(doc, { kind: 'review', sector: 'primary_care', title: 'Annual review' }).doc;
    const theirs = c.addStep(doc, { kind: 'support', sector: 'voluntary_community', title: 'Breathe Easy group' }).doc;
    const results = await Promise.all([
      server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: mine }),
      server.savePathwayDraft({ actor: as('editor2'), pathwayId: id, baseRevision: 0, document: theirs }),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0]!;
    if (loser.ok || loser.reason !== 'conflict') throw new Error(`expected a conflict, got ${JSON.stringify(loser)}`);
    const winnerDoc = results[0]!.ok ? mine : theirs;
    const loserDoc = results[0]!.ok ? theirs : mine;
    // The loser is told what is stored now, and what differs from their document.
    expect(loser.current.revision).toBe(1);
    expect(loser.current.document?.steps.map((s) => s.title)).toEqual(winnerDoc.steps.map((s) => s.title));
    expect(loser.changes?.steps.changed.map((s) => s.title)).toEqual([winnerDoc.steps[2]!.title]);
    expect(loser.message).toMatch(/someone else saved/i);
    // Nothing of the loser's was stored, and the winner's save is intact.
    const row = await stored(id);
    expect(row.revision).toBe(1);
    expect(row.document.steps.map((s) => s.title)).toEqual(winnerDoc.steps.map((s) => s.title));
    // The loser still has their document and can save it on top of the new revision.
    const again = await server.savePathwayDraft({ actor: as(results[0]!.ok ? 'editor2' : 'editor'), pathwayId: id, baseRevision: 1, document: loserDoc });
    expect(again).toMatchObject({ ok: true, revision: 2 });
    expect((await stored(id)).document.steps.map((s) => s.title)).toEqual(loserDoc.steps.map((s) => s.title));
  });

  it('refuses a save from an old revision as a conflict', async () => {
    const { id, doc } = await freshPathway();
    const first = server.commands.updateStep(doc, 's1', { title: 'First' });
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: first })).toMatchObject({ ok: true });
    const stale = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: doc });
    // Their own earlier save (another tab): said as "you".
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 1 }, savedBy: 'you' });
    expect((await stored(id)).document.steps[0]!.title).toBe('First');
    // Someone else's stale save is told who saved in between, by name (from the audit trail).
    const other = await server.savePathwayDraft({ actor: as('editor2'), pathwayId: id, baseRevision: 0, document: doc });
    const editorName = (await db.query('SELECT name FROM "User" WHERE id = $1', [as('editor').userId])).rows[0].name as string;
    expect(other).toMatchObject({ ok: false, reason: 'conflict', savedBy: editorName });
  });

  it('returns field errors for an invalid document and stores nothing', async () => {
    const { id, doc } = await freshPathway();
    const bad = { ...doc, steps: doc.steps.map((s, i) => (i === 0 ? { ...s, sector: 'hospital' } : s)) };
    const result = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: bad });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'invalid') throw new Error('expected invalid');
    expect(result.errors).toContainEqual(expect.objectContaining({ path: 'steps[0].sector', message: expect.stringContaining('primary_care') }));
    expect((await stored(id)).revision).toBe(0);
  });

  it.each(['viewer', 'commenter', 'patient'] as const)('a %s cannot save, and is told exactly what a missing pathway gives', async (who) => {
    const { id, doc } = await freshPathway();
    const changed = server.commands.updateStep(doc, 's1', { title: 'Hijacked' });
    const denied = await server.savePathwayDraft({ actor: as(who), pathwayId: id, baseRevision: 0, document: changed });
    const missing = await server.savePathwayDraft({ actor: as(who), pathwayId: 'no-such-pathway', baseRevision: 0, document: changed });
    expect(denied).toEqual(missing);
    expect(denied).toMatchObject({ ok: false, reason: 'not_found' });
    const row = await stored(id);
    expect(row.revision).toBe(0);
    expect(row.document.steps[0]!.title).not.toBe('Hijacked');
  });

  it('refuses a revision larger than the database can hold as a field error, not "try again"', async () => {
    const { id, doc } = await freshPathway();
    const result = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 2 ** 31, document: doc });
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'baseRevision', message: expect.stringContaining('from 0 to 2,147,483,647') }],
    });
    expect((await stored(id)).revision).toBe(0);
    // The largest one there can be is still only a conflict.
    const largest = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 2 ** 31 - 1, document: doc });
    expect(largest).toMatchObject({ ok: false, reason: 'conflict' });
  });

  it('refuses text the database cannot store (NUL, half an emoji), naming the step and field, and stores nothing', async () => {
    const { id, doc } = await freshPathway();
    const withNul = { ...doc, steps: doc.steps.map((s, i) => (i === 0 ? { ...s, title: 'Comes\u0000 in' } : s)) };
    const result = await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: withNul });
    if (result.ok || result.reason !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    expect(result.errors).toContainEqual({
      path: 'steps[0].title',
      message: expect.stringContaining('title has a character that cannot be stored (U+0000) after “Comes”'),
    });
    const withHalfEmoji = { ...doc, summary: 'Breathing \uD83D' };
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: withHalfEmoji })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'summary', message: expect.stringContaining('(U+D83D)') }],
    });
    expect((await stored(id)).revision).toBe(0);
    // Whole emoji and other languages are fine.
    const fine = { ...doc, summary: 'Anadlu 🫁 — التنفس' };
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: fine })).toMatchObject({ ok: true, revision: 1 });
    expect((await stored(id)).document.summary).toBe('Anadlu 🫁 — التنفس');
  });

  it('audits a member’s denied save', async () => {
    const { id, doc } = await freshPathway();
    await server.savePathwayDraft({ actor: as('viewer'), pathwayId: id, baseRevision: 0, document: doc });
    const events = await db.query(`SELECT outcome, "actorId" FROM "AuditEvent" WHERE "resourceId" = $1 AND action = 'pathway:edit'`, [id]);
    expect(events.rows).toEqual([{ outcome: 'denied', actorId: as('viewer').userId }]);
  });
});

describe('versions', () => {
  it('numbers versions saved at the same moment one after the other, each with its scores', async () => {
    const { id } = await freshPathway();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((n, i) =>
        server.savePathwayVersion({ actor: as(i % 2 ? 'editor' : 'editor2'), pathwayId: id, note: `Version ${n}` }),
      ),
    );
    for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.version.number : 0)).sort();
    expect(numbers).toEqual([1, 2, 3, 4]);
    const rows = await db.query('SELECT number, note, scores, "authorId" FROM "PathwayVersion" WHERE "pathwayId" = $1 ORDER BY number', [id]);
    expect(rows.rows).toHaveLength(4);
    for (const row of rows.rows) {
      expect(row.scores.frameworks.map((f: { id: string }) => f.id).sort()).toEqual(['national-voices', 'rcgp-five-tests']);
      expect(row.authorId).toBeTruthy();
    }
    const fifth = await server.savePathwayVersion({ actor: as('facilitator'), pathwayId: id, note: 'Fifth' });
    expect(fifth).toMatchObject({ ok: true, version: { number: 5, note: 'Fifth', revision: 0 } });
  });

  it('keeps versions immutable: the database refuses to change one, and later saves leave it alone', async () => {
    const { id, doc } = await freshPathway();
    const v = await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: 'Baseline' });
    if (!v.ok) throw new Error(v.message);
    await expect(db.query(`UPDATE "PathwayVersion" SET document = '{}'::jsonb WHERE id = $1`, [v.version.id])).rejects.toThrow(/immutable/);
    await expect(db.query(`UPDATE "PathwayVersion" SET number = 99 WHERE id = $1`, [v.version.id])).rejects.toThrow(/immutable/);
    const edited = server.commands.updateStep(doc, 's1', { title: 'Changed after the version' });
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: edited })).toMatchObject({ ok: true });
    const row = await db.query('SELECT document FROM "PathwayVersion" WHERE id = $1', [v.version.id]);
    expect(row.rows[0].document.steps[0].title).toBe(doc.steps[0]!.title);
  });

  it('needs a note, refuses a stale revision, and is not open to viewers or commenters', async () => {
    const { id } = await freshPathway();
    const empty = await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: '   ' });
    expect(empty).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'note' }] });
    const long = await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: `  ${'n'.repeat(2001)}  ` });
    const tooLong = 'Version note: 2,001 characters is too long; keep it to 2,000 or fewer.';
    expect(long).toEqual({ ok: false, reason: 'invalid', message: tooLong, errors: [{ path: 'note', message: tooLong }] });
    const stale = await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: 'x', expectedRevision: 7 });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 0 } });
    for (const who of ['viewer', 'commenter', 'patient'] as const) {
      const denied = await server.savePathwayVersion({ actor: as(who), pathwayId: id, note: 'Mine' });
      expect(denied).toEqual(await server.savePathwayVersion({ actor: as(who), pathwayId: 'nope', note: 'Mine' }));
    }
    const count = await db.query('SELECT count(*)::int AS n FROM "PathwayVersion" WHERE "pathwayId" = $1', [id]);
    expect(count.rows[0].n).toBe(0);
  });

  it('compares two versions: steps added, removed and changed, and the stored score change per criterion', async () => {
    const { id, doc } = await freshPathway();
    const { commands: c } = server;
    let v1doc = c.addStep(doc, { kind: 'assessment', sector: 'secondary_care', title: 'Respiratory clinic' }).doc;
    v1doc = c.connect(v1doc, 's1', 's3').doc;
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 0, document: v1doc })).toMatchObject({ ok: true });
    const v1 = await server.savePathwayVersion({ actor: as('editor'), pathwayId: id, note: 'First', expectedRevision: 1 });
    let v2doc = c.addStep(v1doc, { kind: 'self_management', sector: 'self_care', title: 'Self-management plan' }).doc;
    v2doc = c.removeStep(v2doc, 's3');
    v2doc = c.updateStep(v2doc, 's1', { patientBenefit: 'Taken seriously early', flags: { whatMattersToMe: true } });
    expect(await server.savePathwayDraft({ actor: as('editor'), pathwayId: id, baseRevision: 1, document: v2doc })).toMatchObject({ ok: true });
    const v2 = await server.savePathwayVersion({ actor: as('editor2'), pathwayId: id, note: 'Second', expectedRevision: 2 });
    if (!v1.ok || !v2.ok) throw new Error('versions not saved');

    const cmp = await server.compareVersions({ actor: as('viewer'), pathwayId: id, fromVersionId: v1.version.id, toVersionId: v2.version.id });
    expect(cmp).not.toBeNull();
    expect(cmp!.from).toMatchObject({ number: 1, note: 'First' });
    expect(cmp!.to).toMatchObject({ number: 2, note: 'Second' });
    expect(cmp!.changes.steps.added.map((s) => s.title)).toEqual(['Self-management plan']);
    expect(cmp!.changes.steps.removed.map((s) => s.title)).toEqual(['Respiratory clinic']);
    expect(cmp!.changes.steps.changed).toHaveLength(1);
    expect(cmp!.changes.steps.changed[0]!.changes.map((f) => f.field)).toEqual(['patientBenefit', 'flags.whatMattersToMe']);
    expect(cmp!.changes.transitions.removed.map((t) => t.to)).toEqual(['s3']);

    // The score change comes from the scores stored with each version.
    const rows = await db.query('SELECT id, scores FROM "PathwayVersion" WHERE "pathwayId" = $1', [id]);
    const storedScores = new Map(rows.rows.map((r) => [r.id, r.scores]));
    const criteria = cmp!.scores.frameworks.flatMap((f) => f.criteria);
    expect(criteria).toHaveLength(17);
    for (const ch of criteria) {
      const before = storedScores.get(v1.version.id).frameworks.find((f: { id: string }) => f.id === ch.frameworkId).criteria.find((x: { id: string }) => x.id === ch.criterionId);
      const after = storedScores.get(v2.version.id).frameworks.find((f: { id: string }) => f.id === ch.frameworkId).criteria.find((x: { id: string }) => x.id === ch.criterionId);
      expect(ch.before).toMatchObject({ status: before.status, score: before.score });
      expect(ch.after).toMatchObject({ status: after.status, score: after.score });
    }
    expect(criteria.some((ch) => ch.direction !== 'same')).toBe(true);

    // Against the working copy, and not across pathways or for non-members.
    const draft = await server.compareVersions({ actor: as('editor'), pathwayId: id, fromVersionId: v2.version.id, toVersionId: 'draft' });
    expect(draft && draft.changes.steps.added.length + draft.changes.steps.removed.length + draft.changes.steps.changed.length).toBe(0);
    const other = await freshPathway();
    expect(await server.compareVersions({ actor: as('editor'), pathwayId: other.id, fromVersionId: v1.version.id, toVersionId: v2.version.id })).toBeNull();
    expect(await server.compareVersions({ actor: as('patient'), pathwayId: id, fromVersionId: v1.version.id, toVersionId: v2.version.id })).toBeNull();
  });

  it('re-scores a version saved without scores as of the UK day it was saved, not the UTC day', async () => {
    const { id, doc } = await freshPathway();
    // NV 12 reads today's date: a review date on or before it has passed.
    const document: Pathway = {
      ...doc,
      metadata: { ...doc.metadata, reviewDate: '2026-07-02', evaluationPlan: 'Readmissions audited every six months.' },
    };
    // Versions saved before scores were stored (scores NULL). In British Summer Time, 22:59 UTC on
    // 1 July is 23:59 on 1 July in London; 23:30 UTC is 00:30 on 2 July, the review date.
    const legacy = async (number: number, createdAt: string) => {
      const versionId = `${id}-legacy-v${number}`;
      await db.query(
        `INSERT INTO "PathwayVersion" ("id", "pathwayId", "number", "document", "scores", "note", "createdAt")
         VALUES ($1, $2, $3, $4, NULL, 'Saved before scores were stored', $5)`,
        [versionId, id, number, JSON.stringify(document), createdAt],
      );
      return versionId;
    };
    const v1 = await legacy(1, '2026-07-01T22:59:00Z');
    const v2 = await legacy(2, '2026-07-01T23:30:00Z');

    const cmp = await server.compareVersions({
      actor: as('viewer'),
      pathwayId: id,
      fromVersionId: v1,
      toVersionId: v2,
    });
    const nv12 = cmp?.scores.frameworks.flatMap((f) => f.criteria).find((c) => c.criterionId === 'nv-12');
    // Version 1, on 1 July in London: the review date is still ahead, and only one version is saved.
    expect(nv12?.before).toMatchObject({ status: 'partly', score: 0.5 });
    expect(nv12?.before?.measure).toContain('review date 2026-07-02;');
    // Version 2, on 2 July in London: the review date has been reached, so it has passed.
    expect(nv12?.after).toMatchObject({ status: 'not_met', score: 0 });
    expect(nv12?.after?.measure).toContain('review date 2026-07-02 (passed)');
  });
});

describe('creating from a template', () => {
  it('makes a localised copy of the template’s latest version that remembers where it came from', async () => {
    const t = await db.query(`SELECT id, title FROM "Pathway" WHERE "isTemplate" AND title LIKE 'COPD%' LIMIT 1`);
    const template = t.rows[0];
    const versions = await db.query('SELECT id, number, document FROM "PathwayVersion" WHERE "pathwayId" = $1 ORDER BY number', [template.id]);
    const latest = versions.rows.at(-1);
    const first = versions.rows[0];

    const created = await server.createPathway({
      actor: as('editor'),
      workspaceId,
      title: 'COPD: Riverside local pathway',
      template: { pathwayId: template.id },
    });
    if (!created.ok) throw new Error(created.message);
    const row = await db.query('SELECT "sourcePathwayId", "sourceVersionId", title, revision FROM "Pathway" WHERE id = $1', [created.pathway.id]);
    expect(row.rows[0]).toEqual({ sourcePathwayId: template.id, sourceVersionId: latest.id, title: 'COPD: Riverside local pathway', revision: 0 });
    const loaded = await server.getPathwayForEditing({ actor: as('editor'), pathwayId: created.pathway.id });
    expect(loaded?.source).toEqual({ pathwayId: template.id, versionId: latest.id, title: template.title });
    expect(loaded?.document?.title).toBe('COPD: Riverside local pathway');
    // Same steps and ids as the template's version, so the two can be compared later.
    expect(loaded?.document?.steps).toEqual(latest.document.steps);

    const fromFirst = await server.createPathway({ actor: as('editor'), workspaceId, template: { pathwayId: template.id, versionId: first.id } });
    if (!fromFirst.ok) throw new Error(fromFirst.message);
    const firstRow = await db.query('SELECT "sourceVersionId", document FROM "Pathway" WHERE id = $1', [fromFirst.pathway.id]);
    expect(firstRow.rows[0].sourceVersionId).toBe(first.id);
    expect(firstRow.rows[0].document.steps.map((s: { id: string }) => s.id)).toEqual(first.document.steps.map((s: { id: string }) => s.id));

    // Copied from a pathway in a workspace the editor cannot see: nothing of it is given, not even its ids.
    const elsewhere = await db.query(
      `SELECT w.id FROM "Workspace" w WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = w.id AND m."userId" = $1) LIMIT 1`,
      [as('editor').userId],
    );
    expect(elsewhere.rows).toHaveLength(1);
    const foreign = await db.query(
      `INSERT INTO "Pathway" (id, "workspaceId", title, document, "updatedAt")
       SELECT 'it-foreign-' || md5(random()::text), $1, 'Zz pathway of another workspace (test)', document, now() FROM "Pathway" WHERE id = $2
       RETURNING id`,
      [elsewhere.rows[0].id, template.id],
    );
    // (Removed again at once: other test files pick "the first pathway by title" from the shared database.)
    try {
      await db.query('UPDATE "Pathway" SET "sourcePathwayId" = $1 WHERE id = $2', [foreign.rows[0].id, fromFirst.pathway.id]);
      const hidden = await server.getPathwayForEditing({ actor: as('editor'), pathwayId: fromFirst.pathway.id });
      expect(hidden?.source).toEqual({ pathwayId: null, versionId: null, title: null });
      expect(JSON.stringify(hidden)).not.toContain(foreign.rows[0].id);
    } finally {
      await db.query('UPDATE "Pathway" SET "sourcePathwayId" = NULL WHERE id = $1', [fromFirst.pathway.id]);
      await db.query('DELETE FROM "Pathway" WHERE id = $1', [foreign.rows[0].id]);
    }
  });

  it('is refused as not found for viewers, unknown templates and versions of another pathway', async () => {
    const t = await db.query(`SELECT id FROM "Pathway" WHERE "isTemplate" LIMIT 1`);
    const foreignVersion = await db.query(`SELECT id FROM "PathwayVersion" WHERE "pathwayId" <> $1 LIMIT 1`, [t.rows[0].id]);
    const before = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    expect(await server.createPathway({ actor: as('viewer'), workspaceId, template: { pathwayId: t.rows[0].id } })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.createPathway({ actor: as('patient'), workspaceId, title: 'Mine' })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.createPathway({ actor: as('editor'), workspaceId, template: { pathwayId: 'no-such-template' } })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(
      await server.createPathway({ actor: as('editor'), workspaceId, template: { pathwayId: t.rows[0].id, versionId: foreignVersion.rows[0].id } }),
    ).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.createPathway({ actor: as('editor'), workspaceId, title: '  ' })).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'title' }] });
    expect(await server.createPathway({ actor: as('editor'), workspaceId, title: 't'.repeat(201) })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'title', message: 'Pathway title: 201 characters is too long; keep it to 200 or fewer.' }],
    });
    const after = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('creating a blank pathway', () => {
  it('trims the title before checking its length, so spaces around it never make it too long', async () => {
    const title = `${'T'.repeat(199)}${Date.now() % 10}`;
    const created = await server.createPathway({ actor: as('editor'), workspaceId, title: `   ${title}   ` });
    expect(created).toMatchObject({ ok: true, pathway: { title } });
    if (!created.ok) return;
    const row = await db.query('SELECT title, document FROM "Pathway" WHERE id = $1', [created.pathway.id]);
    expect(row.rows[0].title).toBe(title);
    expect(row.rows[0].document.title).toBe(title);
  });
});

describe('importing', () => {
  it('gives bad JSON a clear error with line and column, and imports nothing', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    const result = await server.importPathway({ actor: as('editor'), text: '{\n  "format": "pathweave.pathway/v1",\n  "title": "x",\n}', into: { workspaceId } });
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok || result.reason !== 'invalid') throw new Error('expected invalid');
    expect(result.errors[0]).toMatchObject({ line: 4, column: 1 });
    expect(result.errors[0]!.message).toMatch(/trailing commas/);
    const after = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('names the field, the bad value and the allowed values for a file that is JSON but not a pathway', async () => {
    const { doc } = await freshPathway();
    const json = JSON.parse(server.io.exportPathwayJson(doc));
    json.steps[1].sector = 'hospital';
    json.transitions[0].to = 'ghost';
    const result = await server.importPathway({ actor: as('editor'), text: JSON.stringify(json), into: { workspaceId } });
    if (result.ok || result.reason !== 'invalid' || !('summary' in result)) throw new Error('expected invalid');
    expect(result.errors.map((e) => e.path).sort()).toEqual(['steps[1].sector', 'transitions[0].to']);
    expect(result.errors.find((e) => e.path === 'steps[1].sector')!.message).toMatch(/"hospital".*self_care, primary_care/);
    expect(result.summary.split('\n')).toHaveLength(2);
    expect(result.message).toBe('The file has 2 problems, so nothing was imported.');
  });

  it('imports a good file as a new pathway, or as a new working copy of an existing one with the conflict check', async () => {
    const { id, doc } = await freshPathway();
    const extended = server.commands.addStep(doc, { kind: 'support', sector: 'social_care', title: 'Carer’s assessment' }).doc;
    const text = server.io.exportPathwayJson(extended);
    const asNew = await server.importPathway({ actor: as('editor'), text, into: { workspaceId, title: 'Imported COPD' } });
    if (!asNew.ok || !('pathway' in asNew)) throw new Error(JSON.stringify(asNew));
    const row = await stored(asNew.pathway.id);
    expect(row.title).toBe('Imported COPD');
    expect(row.document.steps.map((s) => s.title)).toEqual(extended.steps.map((s) => s.title));

    expect(await server.importPathway({ actor: as('editor'), text, into: { pathwayId: id, baseRevision: 0 } })).toMatchObject({ ok: true, revision: 1 });
    expect(await server.importPathway({ actor: as('editor'), text, into: { pathwayId: id, baseRevision: 0 } })).toMatchObject({ ok: false, reason: 'conflict' });
    expect((await stored(id)).document.steps.map((s) => s.title)).toContain('Carer’s assessment');
  });

  it('names the step and field of a file with \\u0000 in a title, instead of failing to store it', async () => {
    const { id, doc } = await freshPathway();
    const text = JSON.stringify({ ...doc, steps: doc.steps.map((s, i) => (i === 1 ? { ...s, title: 'Leaves\u0000' } : s)) });
    expect(text).toContain('\\u0000');
    const result = await server.importPathway({ actor: as('editor'), text, into: { pathwayId: id, baseRevision: 0 } });
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'steps[1].title', message: expect.stringContaining('cannot be stored (U+0000)') }],
    });
    expect((await stored(id)).revision).toBe(0);
  });

  it('tells a viewer "not found" before looking at the file', async () => {
    const { id } = await freshPathway();
    expect(await server.importPathway({ actor: as('viewer'), text: 'not json', into: { pathwayId: id, baseRevision: 0 } })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(await server.importPathway({ actor: as('viewer'), text: 'not json', into: { workspaceId } })).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('records a viewer’s refused import as denied, as a refused create or save is', async () => {
    const { id } = await freshPathway();
    const since = (await db.query('SELECT clock_timestamp() AS now')).rows[0].now as Date;
    const viewer = as('viewer').userId;
    await server.importPathway({ actor: as('viewer'), text: 'not json', into: { pathwayId: id, baseRevision: 0 } });
    await server.importPathway({ actor: as('viewer'), text: 'not json', into: { workspaceId } });
    const events = await db.query(
      `SELECT action, "resourceType", "resourceId", outcome, detail FROM "AuditEvent" WHERE "actorId" = $1 AND at >= $2 ORDER BY at, id`,
      [viewer, since],
    );
    expect(events.rows).toEqual([
      { action: 'pathway:edit', resourceType: 'pathway', resourceId: id, outcome: 'denied', detail: { via: 'import' } },
      {
        action: 'pathway:create',
        resourceType: 'workspace',
        resourceId: workspaceId,
        outcome: 'denied',
        detail: { via: 'import' },
      },
    ]);
  });
});
