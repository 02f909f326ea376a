// Access is asked again while people stay connected (issue 5 "Access"): a person removed from the
// workspace is disconnected and refused on reconnecting, and a person moved down to viewer can no
// longer write, without either of them reconnecting first. Real app server (rechecking every
// 300 ms here; 30 s by default), real websockets, real PostgreSQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CollaborativeSession } from '../../lib/collab/client';
import { readSessionCookie } from '../../lib/collab/access';
import { TEST_SECRET, acknowledged, copyPathway, openSession, signIn, startApp, storedPathway, synced, waitFor, type AppProcess } from './collab-support';

const databaseUrl = inject('databaseUrl');
const port = Number(process.env.PATHWEAVE_IT_PORT ?? 3200) + 20;
const db = new pg.Client({ connectionString: databaseUrl });
const sessions: CollaborativeSession[] = [];
let app: AppProcess;

beforeAll(async () => {
  await db.connect();
  app = await startApp({ port, databaseUrl, env: { PATHWEAVE_COLLAB_RECHECK_MS: '300', LOG_LEVEL: 'info' } });
}, 120_000);

afterAll(async () => {
  for (const s of sessions) s.destroy();
  await app?.stop();
  await db.end();
});

/** The server's log lines recording a refusal (event collab.refused) for this person. */
function refusals(userId: string): string[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes('"event":"collab.refused"') && line.includes(userId));
}

/** A new editor of the pathway's workspace, with the demo password. */
async function newEditor(pathwayId: string): Promise<{ email: string; userId: string; workspaceId: string }> {
  const suffix = randomBytes(5).toString('hex');
  const email = `recheck-${suffix}@pathweave.test`;
  const userId = `recheck${suffix}`;
  await db.query(
    `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "updatedAt")
     SELECT $1, 'Temporary Editor', $2, 'community_nurse', "passwordHash", now() FROM "User" WHERE email = 'gp@pathweave.test'`,
    [userId, email],
  );
  const ws = await db.query('SELECT "workspaceId" FROM "Pathway" WHERE id = $1', [pathwayId]);
  const workspaceId = ws.rows[0].workspaceId as string;
  await db.query(`INSERT INTO "Membership" (id, "userId", "workspaceId", "accessRole") VALUES ($1, $2, $3, 'editor')`, [`m${suffix}`, userId, workspaceId]);
  return { email, userId, workspaceId };
}

describe('access asked again while connected', () => {
  it('someone removed from the workspace is disconnected and refused', { timeout: 60_000 }, async () => {
    const pathwayId = await copyPathway(db);
    const person = await newEditor(pathwayId);
    const live = openSession(app.baseUrl, pathwayId, { cookie: await signIn(app.baseUrl, person.email) });
    sessions.push(live);
    await synced(live);
    expect(live.getSnapshot().readOnly).toBe(false);
    await db.query('DELETE FROM "Membership" WHERE "userId" = $1', [person.userId]);
    await waitFor('the removed person is refused', () => live.getSnapshot().status === 'denied', 20_000);
    expect(live.getSnapshot().deniedReason).toBe('not-found');
    // Refused, and logged for the people who run the service.
    await waitFor('the refusal is logged', () => refusals(person.userId).some((l) => l.includes('connection closed on a later check')), 5_000);
  });

  it('a session ended by signing out elsewhere is disconnected and refused', { timeout: 60_000 }, async () => {
    const pathwayId = await copyPathway(db);
    const person = await newEditor(pathwayId);
    const cookie = await signIn(app.baseUrl, person.email);
    const live = openSession(app.baseUrl, pathwayId, { cookie });
    sessions.push(live);
    await synced(live);
    const session = await readSessionCookie(cookie, TEST_SECRET);
    const sid = session && session !== 'expired' ? session.sid : undefined;
    expect(typeof sid).toBe('string');
    // What signing out records (lib/auth/sign-out.ts), for this session only.
    await db.query(`INSERT INTO "RevokedSession" (sid, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [sid, person.userId]);
    await waitFor('the ended session is refused', () => live.getSnapshot().status === 'denied', 20_000);
    // The same person signed in afresh (a new session) is let in.
    const again = openSession(app.baseUrl, pathwayId, { cookie: await signIn(app.baseUrl, person.email) });
    sessions.push(again);
    await synced(again);
    expect(again.getSnapshot().readOnly).toBe(false);
  });

  it('someone moved down to viewer is told, and can no longer change the pathway', { timeout: 60_000 }, async () => {
    const pathwayId = await copyPathway(db);
    const person = await newEditor(pathwayId);
    const live = openSession(app.baseUrl, pathwayId, { cookie: await signIn(app.baseUrl, person.email) });
    sessions.push(live);
    await synced(live);
    expect(live.apply({ type: 'addStep', input: { kind: 'support', sector: 'community_health', title: 'Added while an editor' } }).ok).toBe(true);
    await acknowledged(live);

    await db.query(`UPDATE "Membership" SET "accessRole" = 'viewer' WHERE "userId" = $1`, [person.userId]);
    await waitFor(
      'the server lowers the connection to read-only',
      () => app.output().split('\n').some((line) => line.includes('collab.readonly') && line.includes(person.userId)),
      20_000,
    );
    // The connection is closed and comes back read only: the editor knows, and says so.
    await waitFor('the client hears it is read only', () => live.getSnapshot().readOnly && live.getSnapshot().status === 'synced', 20_000);
    const refused = live.apply({ type: 'addStep', input: { kind: 'support', sector: 'community_health', title: 'Added after becoming a viewer' } });
    expect(refused.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1000));
    const stored = await storedPathway(db, pathwayId);
    const titles = (stored?.steps ?? []).map((s) => s.title);
    expect(titles).toContain('Added while an editor');
    expect(titles).not.toContain('Added after becoming a viewer');
  });
});
