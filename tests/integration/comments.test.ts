import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Actor } from '@/lib/auth/can';
import { loadDemoActors } from './demo-actors';

/**
 * Comments (issue 5 "Comments") through the use cases in lib/server/comments.ts, against the real,
 * migrated and seeded PostgreSQL of the integration suite: threads pinned to a step, replies,
 * resolve and reopen, delete, who may do what, workspace scoping and the audit trail.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = typeof import('@/lib/server/comments') & {
  createPathway: typeof import('@/lib/server/create-pathway').createPathway;
  disconnect: () => Promise<void>;
};
let server: Server;
let workspaceId = '';
const actors: Record<string, Actor> = {};

const EMAILS = {
  facilitator: 'gp@pathweave.test',
  editor: 'consultant@pathweave.test',
  commenter: 'patient.rep@pathweave.test',
  commenter2: 'voluntary@pathweave.test',
  viewer: 'manager@pathweave.test',
  outsider: 'outsider.gp@pathweave.test',
} as const;
type Who = keyof typeof EMAILS;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [comments, create, client] = await Promise.all([
    import('@/lib/server/comments'),
    import('@/lib/server/create-pathway'),
    import('@/lib/db/client'),
  ]);
  server = { ...comments, createPathway: create.createPathway, disconnect: client.disconnectPrisma };
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
async function freshPathway(): Promise<string> {
  counter++;
  const created = await server.createPathway({ actor: as('editor'), workspaceId, title: `Comments test ${counter}`, conditions: ['COPD'] });
  if (!created.ok) throw new Error(created.message);
  return created.pathway.id;
}

async function auditRows(resourceId: string, action: string): Promise<{ outcome: string; actorId: string }[]> {
  const r = await db.query('SELECT outcome, "actorId" FROM "AuditEvent" WHERE "resourceId" = $1 AND action = $2 ORDER BY "at", id', [resourceId, action]);
  return r.rows;
}

describe('comments', () => {
  it('a commenter starts a thread on a step, others reply, and everyone in the workspace sees it threaded', async () => {
    const pathwayId = await freshPathway();
    const first = await server.addComment({ actor: as('commenter'), pathwayId, targetId: 'step-a', body: '  Waiting six weeks here is too long.  ' });
    if (!first.ok) throw new Error(first.message);
    expect(first.comment.body).toBe('Waiting six weeks here is too long.');
    expect(first.comment.targetId).toBe('step-a');
    expect(first.comment.authorName).toBe('Priya Osei');
    expect(first.comment.authorRole).toBe('patient');

    const reply = await server.addComment({ actor: as('facilitator'), pathwayId, parentId: first.comment.id, targetId: 'somewhere-else', body: 'Agreed: we will look at it.' });
    if (!reply.ok) throw new Error(reply.message);
    // A reply joins the thread and takes its pin, whatever target it names.
    expect(reply.comment.parentId).toBe(first.comment.id);
    expect(reply.comment.targetId).toBe('step-a');
    // A reply to the reply joins the same thread.
    const nested = await server.addComment({ actor: as('commenter2'), pathwayId, parentId: reply.comment.id, body: 'Same in our area.' });
    if (!nested.ok) throw new Error(nested.message);
    expect(nested.comment.parentId).toBe(first.comment.id);
    expect(nested.comment.targetId).toBe('step-a');

    await server.addComment({ actor: as('editor'), pathwayId, targetId: 'transition-x', body: 'Who sends the letter?' });

    const listed = await server.listComments({ actor: as('viewer'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.threads.map((t) => t.targetId)).toEqual(['step-a', 'transition-x']);
    expect(listed.threads[0]?.replies.map((r) => r.body)).toEqual(['Agreed: we will look at it.', 'Same in our area.']);
    expect(Object.fromEntries(server.openCountsByTarget(listed.threads))).toEqual({ 'step-a': 1, 'transition-x': 1 });
    expect((await auditRows(first.comment.id, 'comment:create'))[0]?.outcome).toBe('allowed');
  });

  it('a viewer cannot comment, and the refusal is audited', async () => {
    const pathwayId = await freshPathway();
    const result = await server.addComment({ actor: as('viewer'), pathwayId, targetId: 'step-a', body: 'I should not be able to say this.' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('not_found');
    const r = await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "pathwayId" = $1', [pathwayId]);
    expect(r.rows[0].n).toBe(0);
    const denied = await auditRows(pathwayId, 'comment:create');
    expect(denied.map((d) => d.outcome)).toEqual(['denied']);
    expect(denied[0]?.actorId).toBe(as('viewer').userId);
  });

  it('empty and oversized comments are refused with a reason', async () => {
    const pathwayId = await freshPathway();
    const empty = await server.addComment({ actor: as('commenter'), pathwayId, body: '   ' });
    expect(empty).toMatchObject({ ok: false, reason: 'invalid' });
    const long = await server.addComment({ actor: as('commenter'), pathwayId, body: 'x'.repeat(server.COMMENT_MAX_LENGTH + 1) });
    expect(long).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('a comment sent again with its key, after a lost answer, is the same comment: never added twice', async () => {
    const pathwayId = await freshPathway();
    const clientKey = `key-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const count = async () => (await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "pathwayId" = $1', [pathwayId])).rows[0].n as number;
    const first = await server.addComment({ actor: as('commenter'), pathwayId, body: 'Who do I call at night?', targetId: 's1', clientKey });
    const again = await server.addComment({ actor: as('commenter'), pathwayId, body: 'Who do I call at night?', targetId: 's1', clientKey });
    if (!first.ok || !again.ok) throw new Error('not added');
    expect(again.comment.id).toBe(first.comment.id);
    expect(await count()).toBe(1);
    expect(await auditRows(first.comment.id, 'comment:create')).toHaveLength(1);

    // At the same moment, from two tabs of a flaky connection: still one.
    const key2 = `${clientKey}-2`;
    const both = await Promise.all([1, 2, 3].map(() => server.addComment({ actor: as('commenter'), pathwayId, body: 'And at weekends?', clientKey: key2 })));
    expect(new Set(both.map((r) => (r.ok ? r.comment.id : r.reason))).size).toBe(1);
    expect(await count()).toBe(2);

    // Keys are each author's own: the same key from someone else is their own comment.
    const other = await server.addComment({ actor: as('editor'), pathwayId, body: 'The out-of-hours line.', clientKey });
    expect(other.ok && other.comment.id !== first.comment.id).toBe(true);
    // Without a key, each sending is a new comment, as before.
    await server.addComment({ actor: as('commenter'), pathwayId, body: 'Who do I call at night?' });
    await server.addComment({ actor: as('commenter'), pathwayId, body: 'Who do I call at night?' });
    expect(await count()).toBe(5);
  });

  it('a malformed comment key, or one used on another pathway, is refused naming the key, and nothing is added', async () => {
    const pathwayId = await freshPathway();
    for (const clientKey of ['short', 'spaces are not allowed here', 'x'.repeat(65)]) {
      const r = await server.addComment({ actor: as('commenter'), pathwayId, body: 'Hello', clientKey });
      expect(r, clientKey).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'clientKey' }] });
      if (!r.ok && r.reason === 'invalid') expect(r.errors[0]?.message).toContain('16 to 64 letters, digits, hyphens or underscores');
    }
    const clientKey = `key-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    expect((await server.addComment({ actor: as('commenter'), pathwayId, body: 'Hello', clientKey })).ok).toBe(true);
    const elsewhere = await freshPathway();
    const reused = await server.addComment({ actor: as('commenter'), pathwayId: elsewhere, body: 'Hello', clientKey });
    expect(reused).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'clientKey' }] });
    const n = await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "pathwayId" = ANY($1)', [[pathwayId, elsewhere]]);
    expect(n.rows[0].n).toBe(1);
  });

  it('resolve and reopen: the author and editors may; another commenter and a viewer may not', async () => {
    const pathwayId = await freshPathway();
    const made = await server.addComment({ actor: as('commenter'), pathwayId, targetId: 'step-b', body: 'Is the leaflet in easy read?' });
    if (!made.ok) throw new Error(made.message);
    const id = made.comment.id;

    expect(await server.setCommentResolved({ actor: as('commenter2'), commentId: id, resolved: true })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.setCommentResolved({ actor: as('viewer'), commentId: id, resolved: true })).toMatchObject({ ok: false, reason: 'not_found' });

    const resolved = await server.setCommentResolved({ actor: as('commenter'), commentId: id, resolved: true });
    if (!resolved.ok) throw new Error(resolved.message);
    expect(resolved.comment.resolvedAt).not.toBeNull();
    let listed = await server.listComments({ actor: as('editor'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    expect(server.openCountsByTarget(listed.threads).get('step-b')).toBeUndefined();

    const reopened = await server.setCommentResolved({ actor: as('editor'), commentId: id, resolved: false });
    if (!reopened.ok) throw new Error(reopened.message);
    expect(reopened.comment.resolvedAt).toBeNull();
    listed = await server.listComments({ actor: as('editor'), pathwayId });
    if (!listed.ok) throw new Error(listed.message);
    expect(server.openCountsByTarget(listed.threads).get('step-b')).toBe(1);

    expect((await auditRows(id, 'comment:resolve')).map((a) => a.outcome)).toEqual(['denied', 'denied', 'allowed']);
    expect((await auditRows(id, 'comment:reopen')).map((a) => a.outcome)).toEqual(['allowed']);

    // Only a whole thread is resolved, not a single reply.
    const reply = await server.addComment({ actor: as('commenter'), pathwayId, parentId: id, body: 'And large print?' });
    if (!reply.ok) throw new Error(reply.message);
    expect(await server.setCommentResolved({ actor: as('facilitator'), commentId: reply.comment.id, resolved: true })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('delete: the author and facilitators may, an editor may not; a thread takes its replies with it', async () => {
    const pathwayId = await freshPathway();
    const made = await server.addComment({ actor: as('commenter2'), pathwayId, targetId: 'step-c', body: 'Typo in the title.' });
    if (!made.ok) throw new Error(made.message);
    const reply = await server.addComment({ actor: as('editor'), pathwayId, parentId: made.comment.id, body: 'Fixed.' });
    if (!reply.ok) throw new Error(reply.message);

    expect(await server.deleteComment({ actor: as('editor'), commentId: made.comment.id })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.deleteComment({ actor: as('commenter'), commentId: made.comment.id })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.deleteComment({ actor: as('facilitator'), commentId: made.comment.id })).toEqual({ ok: true });
    const r = await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "pathwayId" = $1', [pathwayId]);
    expect(r.rows[0].n).toBe(0);

    const own = await server.addComment({ actor: as('commenter'), pathwayId, body: 'About the whole pathway.' });
    if (!own.ok) throw new Error(own.message);
    expect(own.comment.targetId).toBeNull();
    expect(await server.deleteComment({ actor: as('commenter'), commentId: own.comment.id })).toEqual({ ok: true });
  });

  it("another workspace's member can neither see, add to, resolve nor delete comments", async () => {
    const pathwayId = await freshPathway();
    const made = await server.addComment({ actor: as('commenter'), pathwayId, targetId: 'step-d', body: 'Private to Riverside.' });
    if (!made.ok) throw new Error(made.message);
    // outsider.gp is a facilitator, but of another workspace.
    expect(await server.listComments({ actor: as('outsider'), pathwayId })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.addComment({ actor: as('outsider'), pathwayId, body: 'Hello' })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.addComment({ actor: as('outsider'), pathwayId, parentId: made.comment.id, body: 'Hello' })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.setCommentResolved({ actor: as('outsider'), commentId: made.comment.id, resolved: true })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await server.deleteComment({ actor: as('outsider'), commentId: made.comment.id })).toMatchObject({ ok: false, reason: 'not_found' });
    const r = await db.query('SELECT count(*)::int AS n, bool_and("resolvedAt" IS NULL) AS open FROM "Comment" WHERE "pathwayId" = $1', [pathwayId]);
    expect(r.rows[0]).toEqual({ n: 1, open: true });
  });
});

describe('what each person is offered (the same can() rule the use cases enforce)', () => {
  it('canResolve and canDelete on each listed comment match what setCommentResolved and deleteComment then allow', async () => {
    const pathwayId = await freshPathway();
    const made = await server.addComment({ actor: as('commenter'), pathwayId, targetId: 'step-e', body: 'Who rings me with the results?' });
    if (!made.ok) throw new Error(made.message);
    const reply = await server.addComment({ actor: as('commenter2'), pathwayId, parentId: made.comment.id, body: 'Same question here.' });
    if (!reply.ok) throw new Error(reply.message);
    // Returned to the person who wrote it: their own comment, theirs to resolve and delete.
    expect(made.comment).toMatchObject({ canResolve: true, canDelete: true });
    // A reply is never offered "resolve" (only a whole thread is), but its author may delete it.
    expect(reply.comment).toMatchObject({ canResolve: false, canDelete: true });

    const offered: Record<Who, { thread: [boolean, boolean]; reply: [boolean, boolean] }> = {
      commenter: { thread: [true, true], reply: [false, false] },
      commenter2: { thread: [false, false], reply: [false, true] },
      editor: { thread: [true, false], reply: [false, false] },
      facilitator: { thread: [true, true], reply: [false, true] },
      viewer: { thread: [false, false], reply: [false, false] },
      outsider: { thread: [false, false], reply: [false, false] },
    };
    for (const who of Object.keys(offered) as Who[]) {
      const listed = await server.listComments({ actor: as(who), pathwayId });
      if (who === 'outsider') {
        expect(listed).toMatchObject({ ok: false, reason: 'not_found' });
        continue;
      }
      if (!listed.ok) throw new Error(listed.message);
      const thread = listed.threads[0];
      const r = thread?.replies[0];
      expect([thread?.canResolve, thread?.canDelete], `${who}: thread`).toEqual(offered[who].thread);
      expect([r?.canResolve, r?.canDelete], `${who}: reply`).toEqual(offered[who].reply);
    }

    // The flags are not just words: each person offered "resolve" can, each one not offered it cannot.
    for (const who of Object.keys(offered) as Who[]) {
      const result = await server.setCommentResolved({ actor: as(who), commentId: made.comment.id, resolved: true });
      expect(result.ok, `${who} resolving`).toBe(offered[who].thread[0]);
      if (result.ok) await server.setCommentResolved({ actor: as(who), commentId: made.comment.id, resolved: false });
    }
    // And deleting the reply: refused for everyone not offered it, then done by its author.
    for (const who of ['commenter', 'editor', 'viewer', 'outsider'] as Who[]) {
      expect(await server.deleteComment({ actor: as(who), commentId: reply.comment.id }), `${who} deleting the reply`).toMatchObject({ ok: false, reason: 'not_found' });
    }
    expect(await server.deleteComment({ actor: as('commenter2'), commentId: reply.comment.id })).toEqual({ ok: true });
  });
});
