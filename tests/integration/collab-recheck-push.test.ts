// A change to someone's access reaches their open live connections at once, not at the next
// periodic recheck: the periodic recheck is set to an hour here, so only the push
// (lib/collab/access-changes.ts) can explain what happens within seconds. Two real app servers
// sharing Redis (as tests/integration/collab-redis.test.ts), real websockets, real PostgreSQL;
// the changes go through the real membership route and the real sign-out server action.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { CollaborativeSession } from '../../lib/collab/client';
import {
  acknowledged,
  copyPathway,
  openSession,
  signIn,
  startApp,
  storedPathway,
  synced,
  waitFor,
  type AppProcess,
} from './collab-support';

const databaseUrl = inject('databaseUrl');
const basePort = Number(process.env.PATHWEAVE_IT_PORT ?? 3200) + 26;
const redisUrl = process.env.PATHWEAVE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Far longer than any test: nothing here may be explained by the periodic recheck. */
const HOUR = String(60 * 60 * 1000);
/** "At once": the push, a database check and the client hearing it, on a busy test machine. */
const SOON = 3_000;
const db = new pg.Client({ connectionString: databaseUrl });
const sessions: CollaborativeSession[] = [];
let app: AppProcess;
let other: AppProcess;

beforeAll(async () => {
  await db.connect();
  const env = { PATHWEAVE_COLLAB_RECHECK_MS: HOUR, LOG_LEVEL: 'info', REDIS_URL: redisUrl };
  [app, other] = await Promise.all([
    startApp({ port: basePort, databaseUrl, env }),
    startApp({ port: basePort + 1, databaseUrl, env }),
  ]);
}, 180_000);

afterAll(async () => {
  for (const s of sessions) s.destroy();
  await Promise.all([app?.stop(), other?.stop()]);
  await db.end();
});

/** A new person in the pathway's workspace with the given role, signed in with the demo password. */
async function newMember(
  pathwayId: string,
  accessRole: 'facilitator' | 'editor' | 'commenter',
): Promise<{ email: string; userId: string; workspaceSlug: string }> {
  const suffix = randomBytes(5).toString('hex');
  const email = `push-${suffix}@pathweave.test`;
  const userId = `push${suffix}`;
  await db.query(
    `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "updatedAt")
     SELECT $1, 'Temporary Member', $2, 'community_nurse', "passwordHash", now() FROM "User" WHERE email = 'gp@pathweave.test'`,
    [userId, email],
  );
  const ws = await db.query(
    'SELECT w.id, w.slug FROM "Pathway" p JOIN "Workspace" w ON w.id = p."workspaceId" WHERE p.id = $1',
    [pathwayId],
  );
  await db.query(`INSERT INTO "Membership" (id, "userId", "workspaceId", "accessRole") VALUES ($1, $2, $3, $4)`, [
    `m${suffix}`,
    userId,
    ws.rows[0].id,
    accessRole,
  ]);
  return { email, userId, workspaceSlug: ws.rows[0].slug as string };
}

function open(server: AppProcess, pathwayId: string, cookie: string): CollaborativeSession {
  const live = openSession(server.baseUrl, pathwayId, { cookie });
  sessions.push(live);
  return live;
}

/** The membership route, as a facilitator's browser calls it. */
async function changeMember(
  facilitatorCookie: string,
  slug: string,
  userId: string,
  accessRole: string | null,
): Promise<Response> {
  return fetch(`${app.baseUrl}/api/workspaces/${encodeURIComponent(slug)}/members/${encodeURIComponent(userId)}`, {
    method: accessRole === null ? 'DELETE' : 'PATCH',
    headers: { cookie: facilitatorCookie, 'content-type': 'application/json', origin: app.baseUrl },
    ...(accessRole === null ? {} : { body: JSON.stringify({ accessRole }) }),
  });
}

/** Sign out as the page's plain form does without JavaScript: a POST of the server action's form. */
async function signOut(cookie: string, path: string): Promise<void> {
  const res0 = await fetch(`${app.baseUrl}${path}`, { headers: { cookie } });
  const page = await res0.text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
  if (!field) throw new Error(`no sign-out form on ${path} (HTTP ${res0.status})`);
  const form = new FormData();
  form.set(field, '');
  const res = await fetch(res0.url, {
    method: 'POST',
    body: form,
    headers: { cookie, origin: app.baseUrl },
    redirect: 'manual',
  });
  expect(res.status).toBeLessThan(400);
  expect(res.headers.getSetCookie().some((c) => /next-auth\.session-token=;/.test(c))).toBe(true);
}

const step = (title: string) =>
  ({ type: 'addStep', input: { kind: 'support', sector: 'community_health', title } }) as const;

describe('access changes reach open live connections at once', () => {
  it(
    'an editor moved down to viewer becomes read only within seconds, and their next write is refused',
    { timeout: 60_000 },
    async () => {
      const pathwayId = await copyPathway(db);
      const facilitator = await newMember(pathwayId, 'facilitator');
      const editor = await newMember(pathwayId, 'editor');
      const live = open(app, pathwayId, await signIn(app.baseUrl, editor.email));
      await synced(live);
      expect(live.apply(step('Added while an editor')).ok).toBe(true);
      await acknowledged(live);

      const res = await changeMember(
        await signIn(app.baseUrl, facilitator.email),
        facilitator.workspaceSlug,
        editor.userId,
        'viewer',
      );
      expect(res.status).toBe(200);
      const changedAt = Date.now();
      await waitFor(
        'the client hears it is read only',
        () => live.getSnapshot().readOnly && live.getSnapshot().status === 'synced',
        SOON,
      );
      expect(Date.now() - changedAt).toBeLessThan(SOON);
      expect(live.apply(step('Added after becoming a viewer')).ok).toBe(false);
      // Nor undo or redo: the step added as an editor stays, here and in the room, and this copy of
      // the document is untouched (nothing of this person's to send, or to keep as unsent).
      expect(live.getSnapshot().canUndo).toBe(false);
      const before = Y.encodeStateVector(live.ydoc);
      live.undo();
      live.redo();
      expect(live.getSnapshot().pathway?.steps.map((s) => s.title)).toContain('Added while an editor');
      expect(Y.encodeStateVector(live.ydoc)).toEqual(before);
      expect(app.output()).toContain('"trigger":"access-changed"');
      await new Promise((r) => setTimeout(r, 500));
      const titles = ((await storedPathway(db, pathwayId))?.steps ?? []).map((s) => s.title);
      expect(titles).toContain('Added while an editor');
      expect(titles).not.toContain('Added after becoming a viewer');
    },
  );

  it(
    'a commenter moved up to editor may edit within seconds, and the others see the edit',
    { timeout: 60_000 },
    async () => {
      const pathwayId = await copyPathway(db);
      const facilitator = await newMember(pathwayId, 'facilitator');
      const commenter = await newMember(pathwayId, 'commenter');
      const watching = open(app, pathwayId, await signIn(app.baseUrl, facilitator.email));
      const live = open(app, pathwayId, await signIn(app.baseUrl, commenter.email));
      await Promise.all([synced(watching), synced(live)]);
      expect(live.getSnapshot().readOnly).toBe(true);

      const res = await changeMember(
        await signIn(app.baseUrl, facilitator.email),
        facilitator.workspaceSlug,
        commenter.userId,
        'editor',
      );
      expect(res.status).toBe(200);
      await waitFor(
        'the client hears it may edit',
        () => !live.getSnapshot().readOnly && live.getSnapshot().status === 'synced',
        SOON,
      );
      expect(live.apply(step('Added after becoming an editor')).ok).toBe(true);
      await acknowledged(live, SOON);
      await waitFor(
        'the facilitator sees it',
        () => (watching.getSnapshot().pathway?.steps ?? []).some((s) => s.title === 'Added after becoming an editor'),
        SOON,
      );
      const titles = ((await storedPathway(db, pathwayId))?.steps ?? []).map((s) => s.title);
      expect(titles).toContain('Added after becoming an editor');
      expect(app.output()).toContain('collab.writable');
    },
  );

  it(
    'a member removed from the workspace is disconnected, on this server and on the other one (through Redis)',
    { timeout: 60_000 },
    async () => {
      const pathwayId = await copyPathway(db);
      const facilitator = await newMember(pathwayId, 'facilitator');
      const member = await newMember(pathwayId, 'editor');
      const cookie = await signIn(app.baseUrl, member.email);
      const here = open(app, pathwayId, cookie);
      const there = open(other, pathwayId, cookie);
      await Promise.all([synced(here), synced(there)]);

      const res = await changeMember(
        await signIn(app.baseUrl, facilitator.email),
        facilitator.workspaceSlug,
        member.userId,
        null,
      );
      expect(res.status).toBe(200);
      await waitFor('refused here', () => here.getSnapshot().status === 'denied', SOON);
      await waitFor('refused on the other server', () => there.getSnapshot().status === 'denied', SOON);
      expect(here.getSnapshot().deniedReason).toBe('not-found');
      expect(there.getSnapshot().deniedReason).toBe('not-found');
      const membership = await db.query('SELECT 1 FROM "Membership" WHERE "userId" = $1', [member.userId]);
      expect(membership.rowCount).toBe(0);
    },
  );

  it(
    'signing out closes that session’s live connection; the same person’s other session stays connected',
    { timeout: 60_000 },
    async () => {
      const pathwayId = await copyPathway(db);
      const person = await newMember(pathwayId, 'editor');
      const leaving = await signIn(app.baseUrl, person.email);
      const staying = await signIn(app.baseUrl, person.email); // another device: another session id
      const ended = open(app, pathwayId, leaving);
      const kept = open(app, pathwayId, staying);
      await Promise.all([synced(ended), synced(kept)]);

      await signOut(leaving, `/w/${person.workspaceSlug}`);
      await waitFor('the signed-out session is refused', () => ended.getSnapshot().status === 'denied', SOON);
      // The other session was asked too, and is still allowed: still connected, and still writes.
      await new Promise((r) => setTimeout(r, 500));
      expect(kept.getSnapshot().status).toBe('synced');
      expect(kept.getSnapshot().readOnly).toBe(false);
      expect(kept.apply(step('Added from the other device')).ok).toBe(true);
      await acknowledged(kept, SOON);
      const titles = ((await storedPathway(db, pathwayId))?.steps ?? []).map((s) => s.title);
      expect(titles).toContain('Added from the other device');
    },
  );

  it('only a facilitator may change someone’s role', { timeout: 30_000 }, async () => {
    const pathwayId = await copyPathway(db);
    const editor = await newMember(pathwayId, 'editor');
    const target = await newMember(pathwayId, 'editor');
    const refused = await changeMember(
      await signIn(app.baseUrl, editor.email),
      editor.workspaceSlug,
      target.userId,
      'viewer',
    );
    expect(refused.status).toBe(404);
    const still = await db.query('SELECT "accessRole" FROM "Membership" WHERE "userId" = $1', [target.userId]);
    expect(still.rows[0].accessRole).toBe('editor');
  });
});
