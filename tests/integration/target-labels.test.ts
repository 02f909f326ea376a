import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import type { Actor } from '@/lib/auth/can';
import type { Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { copyPathway } from './collab-support';
import { loadDemoActors } from './demo-actors';

/**
 * Comment threads and dots are pinned to a step or transition by id. The server stores what the
 * target was called when the thread was started or the dot placed (from the pathway's own current
 * document, the live workshop document or the working copy, never from the browser), so a thread
 * or a dot on a step since removed can still name it after a reload. Against the real, migrated
 * and seeded PostgreSQL of the integration suite.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = typeof import('@/lib/server/comments') &
  typeof import('@/lib/server/workshop') & {
    savePathwayDraft: typeof import('@/lib/server/save-pathway-draft').savePathwayDraft;
    store: typeof import('@/lib/collab/store');
    doc: typeof import('@/lib/collab/doc');
    commands: typeof import('@/lib/pathway/commands');
    disconnect: () => Promise<void>;
  };
let server: Server;
const actors: Record<string, Actor> = {};
const EMAILS = { facilitator: 'gp@pathweave.test', commenter: 'patient.rep@pathweave.test' } as const;
type Who = keyof typeof EMAILS;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [comments, workshop, draft, store, doc, commands, client] = await Promise.all([
    import('@/lib/server/comments'),
    import('@/lib/server/workshop'),
    import('@/lib/server/save-pathway-draft'),
    import('@/lib/collab/store'),
    import('@/lib/collab/doc'),
    import('@/lib/pathway/commands'),
    import('@/lib/db/client'),
  ]);
  server = {
    ...comments,
    ...workshop,
    savePathwayDraft: draft.savePathwayDraft,
    store,
    doc,
    commands,
    disconnect: client.disconnectPrisma,
  };
  Object.assign(actors, await loadDemoActors(db, EMAILS));
});

afterAll(async () => {
  await server?.store.closeUpdateLog();
  await server?.disconnect();
  await db.end();
});

function as(who: Who): Actor {
  const actor = actors[who];
  if (!actor) throw new Error(who);
  return actor;
}

/** The working copy (Pathway.document). */
async function workingCopy(pathwayId: string): Promise<Pathway> {
  const r = await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId]);
  const parsed = parsePathway(r.rows[0]?.document);
  if (!parsed.ok) throw new Error('the copied pathway is not valid');
  return parsed.pathway;
}

/** Save the working copy as the single-user editor does (outside the live room). */
async function save(pathwayId: string, next: Pathway): Promise<void> {
  const rev = await db.query('SELECT revision FROM "Pathway" WHERE id = $1', [pathwayId]);
  const saved = await server.savePathwayDraft({
    actor: as('facilitator'),
    pathwayId,
    baseRevision: rev.rows[0].revision as number,
    document: next,
  });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
}

async function commentLabel(commentId: string): Promise<string | null | undefined> {
  const r = await db.query('SELECT "targetLabel" FROM "Comment" WHERE id = $1', [commentId]);
  return r.rows[0]?.targetLabel;
}

async function dotLabels(pathwayId: string, stepId: string): Promise<(string | null)[]> {
  const r = await db.query('SELECT "stepLabel" FROM "WorkshopVote" WHERE "pathwayId" = $1 AND "stepId" = $2', [
    pathwayId,
    stepId,
  ]);
  return r.rows.map((row) => row.stepLabel as string | null);
}

describe('what a comment thread is on is stored with it', () => {
  it('names a step and a transition from the working copy, keeps the name for replies, and still gives it after the step is removed', async () => {
    const pathwayId = await copyPathway(db);
    const doc = await workingCopy(pathwayId);
    const step = doc.steps[0]!;
    const transition = doc.transitions.find((t) => t.from === step.id) ?? doc.transitions[0]!;
    const titleOf = (id: string) => doc.steps.find((s) => s.id === id)?.title;

    const onStep = await server.addComment({
      actor: as('commenter'),
      pathwayId,
      targetId: step.id,
      body: 'The wait here is too long.',
    });
    if (!onStep.ok) throw new Error(onStep.message);
    expect(onStep.comment.targetLabel).toBe(step.title);
    expect(await commentLabel(onStep.comment.id)).toBe(step.title);

    const onTransition = await server.addComment({
      actor: as('commenter'),
      pathwayId,
      targetId: transition.id,
      body: 'Who sends the letter?',
    });
    if (!onTransition.ok) throw new Error(onTransition.message);
    expect(onTransition.comment.targetLabel).toBe(`${titleOf(transition.from)} → ${titleOf(transition.to)}`);

    // A reply takes its thread's pin and name; a pathway-wide thread and an unknown id have none.
    const reply = await server.addComment({
      actor: as('facilitator'),
      pathwayId,
      parentId: onStep.comment.id,
      body: 'We will look at it.',
    });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.comment.targetLabel).toBe(step.title);
    const whole = await server.addComment({ actor: as('commenter'), pathwayId, body: 'On the whole pathway.' });
    const unknown = await server.addComment({
      actor: as('commenter'),
      pathwayId,
      targetId: 'not-a-step',
      body: 'On nothing known.',
    });
    if (!whole.ok || !unknown.ok) throw new Error('comments refused');
    expect(whole.comment.targetLabel).toBeNull();
    expect(unknown.comment.targetLabel).toBeNull();

    // The step is removed: the thread still says what it was on.
    await save(pathwayId, server.commands.removeStep(doc, step.id));
    expect((await workingCopy(pathwayId)).steps.some((s) => s.id === step.id)).toBe(false);
    const listed = await server.listComments({ actor: as('commenter'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    const thread = listed.threads.find((t) => t.id === onStep.comment.id);
    expect(thread?.targetLabel).toBe(step.title);
    expect(thread?.replies[0]?.targetLabel).toBe(step.title);
    // A new thread on the removed step (from a page that has not caught up) has no name to store.
    const late = await server.addComment({ actor: as('commenter'), pathwayId, targetId: step.id, body: 'Late.' });
    if (!late.ok) throw new Error(late.message);
    expect(late.comment.targetLabel).toBeNull();
  });

  it('names a step from the live workshop document when the room has changed it since the working copy was written', async () => {
    const pathwayId = await copyPathway(db);
    const before = await workingCopy(pathwayId);
    const step = before.steps[1]!;
    // The room renames the step: the update is in the live document's log, not yet in the working copy.
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, await server.store.openLiveDocument(pathwayId));
    const live = server.doc.yDocToPathway(ydoc);
    const updates: Uint8Array[] = [];
    ydoc.on('update', (u: Uint8Array) => updates.push(u));
    server.doc.applyPathwayChange(
      ydoc,
      live,
      server.commands.updateStep(live, step.id, { title: 'Falls review (renamed live)' }),
    );
    for (const u of updates) await server.store.appendUpdate(pathwayId, as('facilitator').userId, u);
    expect((await workingCopy(pathwayId)).steps.find((s) => s.id === step.id)?.title).toBe(step.title);

    const c = await server.addComment({
      actor: as('commenter'),
      pathwayId,
      targetId: step.id,
      body: 'In the live room.',
    });
    if (!c.ok) throw new Error(c.message);
    expect(c.comment.targetLabel).toBe('Falls review (renamed live)');

    // A save made outside the room since (not yet merged into it) is the newer name.
    await save(
      pathwayId,
      server.commands.updateStep(await workingCopy(pathwayId), step.id, { title: 'Falls review (saved outside)' }),
    );
    const d = await server.addComment({
      actor: as('commenter'),
      pathwayId,
      targetId: step.id,
      body: 'Outside the room.',
    });
    if (!d.ok) throw new Error(d.message);
    expect(d.comment.targetLabel).toBe('Falls review (saved outside)');
  });

  it('threads from before names were kept have none, as before', async () => {
    const pathwayId = await copyPathway(db);
    const author = as('commenter').userId;
    await db.query(
      `INSERT INTO "Comment" (id, "pathwayId", "targetId", "authorId", body, "updatedAt") VALUES ($1, $2, 'gone-step', $3, 'Old thread.', now())`,
      [`old-${pathwayId}`, pathwayId, author],
    );
    const listed = await server.listComments({ actor: as('commenter'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.threads.map((t) => [t.targetId, t.targetLabel])).toEqual([['gone-step', null]]);
  });
});

describe('a step renamed after its thread began', () => {
  it('is named as it is now after a save, so once removed its thread and dots say the name it last had', async () => {
    const pathwayId = await copyPathway(db);
    const doc = await workingCopy(pathwayId);
    const step = doc.steps[4]!;
    const untouched = doc.steps[5]!;
    const thread = await server.addComment({ actor: as('commenter'), pathwayId, targetId: step.id, body: 'Too many letters.' });
    const other = await server.addComment({ actor: as('commenter'), pathwayId, targetId: untouched.id, body: 'Fine.' });
    if (!thread.ok || !other.ok) throw new Error('comments refused');
    const dot = await server.voteOnStep({ actor: as('commenter'), pathwayId, stepId: step.id, delta: 1 });
    if (!dot.ok) throw new Error(dot.message);

    // Renamed in the editor and saved: the stored names follow.
    await save(pathwayId, server.commands.updateStep(doc, step.id, { title: 'Letters sent by the practice' }));
    expect(await commentLabel(thread.comment.id)).toBe('Letters sent by the practice');
    expect(await dotLabels(pathwayId, step.id)).toEqual(['Letters sent by the practice']);
    expect(await commentLabel(other.comment.id)).toBe(untouched.title);

    // Removed: the last name stays, in the list the page reads after a reload.
    await save(pathwayId, server.commands.removeStep(await workingCopy(pathwayId), step.id));
    const listed = await server.listComments({ actor: as('commenter'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.threads.find((t) => t.id === thread.comment.id)?.targetLabel).toBe('Letters sent by the practice');
    expect(await dotLabels(pathwayId, step.id)).toEqual(['Letters sent by the practice']);
  });

  it('is named as it is now when the live workshop writes its pathway back', async () => {
    const pathwayId = await copyPathway(db);
    const before = await workingCopy(pathwayId);
    const step = before.steps[6]!;
    const thread = await server.addComment({ actor: as('commenter'), pathwayId, targetId: step.id, body: 'Who rings?' });
    if (!thread.ok) throw new Error(thread.message);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, await server.store.openLiveDocument(pathwayId));
    const live = server.doc.yDocToPathway(ydoc);
    const updates: Uint8Array[] = [];
    ydoc.on('update', (u: Uint8Array) => updates.push(u));
    server.doc.applyPathwayChange(ydoc, live, server.commands.updateStep(live, step.id, { title: 'Phone call from the nurse' }));
    for (const u of updates) await server.store.appendUpdate(pathwayId, as('facilitator').userId, u);
    expect(await commentLabel(thread.comment.id)).toBe(step.title);
    expect(await server.store.writeBackLiveDocument(pathwayId)).toBe(true);
    expect((await workingCopy(pathwayId)).steps.find((s) => s.id === step.id)?.title).toBe('Phone call from the nurse');
    expect(await commentLabel(thread.comment.id)).toBe('Phone call from the nurse');
  });
});

describe('what a dot is on is stored with it', () => {
  it('names the step each dot was put on, and still gives the name once the step is removed', async () => {
    const pathwayId = await copyPathway(db);
    const doc = await workingCopy(pathwayId);
    const step = doc.steps[2]!;
    const other = doc.steps[3]!;
    const vote = async (stepId: string, delta: 1 | -1) => {
      const r = await server.voteOnStep({ actor: as('commenter'), pathwayId, stepId, delta });
      if (!r.ok) throw new Error(r.message);
    };
    await vote(step.id, 1);
    await vote(step.id, 1);
    await vote(other.id, 1);
    expect(await dotLabels(pathwayId, step.id)).toEqual([step.title]);

    await save(pathwayId, server.commands.removeStep(doc, step.id));
    // Taking one back keeps the name; so does a dot the page sends after the step went.
    await vote(step.id, -1);
    const view = await server.getWorkshop({ actor: as('commenter'), pathwayId });
    if (!view.ok) throw new Error(view.message);
    expect(view.workshop.votes.map((v) => [v.stepId, v.mine, v.label]).sort()).toEqual(
      [
        [step.id, 1, step.title],
        [other.id, 1, other.title],
      ].sort(),
    );
    await vote(step.id, 1);
    expect(await dotLabels(pathwayId, step.id)).toEqual([step.title]);

    // Dots from before names were kept have none.
    await db.query(`UPDATE "WorkshopVote" SET "stepLabel" = NULL WHERE "pathwayId" = $1 AND "stepId" = $2`, [
      pathwayId,
      other.id,
    ]);
    const again = await server.getWorkshop({ actor: as('facilitator'), pathwayId });
    if (!again.ok) throw new Error(again.message);
    expect(again.workshop.votes.find((v) => v.stepId === other.id)?.label).toBeNull();
  });
});
