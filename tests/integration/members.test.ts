import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import type { AccessRole, Actor } from '@/lib/auth/can';
import { DEMO_PASSWORD, Session } from '../support/http';

/**
 * changeMembership (lib/server/workspaces.ts), behind the members API: who may change a member's
 * role or remove them, the rule that a workspace keeps at least one facilitator (also when two
 * facilitators act at once), and a facilitator removed a moment ago no longer acting on a stale
 * session. Each case has a workspace of its own on the real PostgreSQL.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });
const suffix = randomBytes(5).toString('hex');
const workspaces: string[] = [];

type Server = {
  changeMembership: typeof import('@/lib/server/workspaces').changeMembership;
  loadActor: typeof import('@/lib/auth/actor').loadActor;
  disconnect: () => Promise<void>;
};
let server: Server;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [ws, actor, client] = await Promise.all([
    import('@/lib/server/workspaces'),
    import('@/lib/auth/actor'),
    import('@/lib/db/client'),
  ]);
  server = { changeMembership: ws.changeMembership, loadActor: actor.loadActor, disconnect: client.disconnectPrisma };
});

afterAll(async () => {
  for (const id of workspaces) await db.query(`DELETE FROM "Workspace" WHERE id = $1`, [id]).catch(() => undefined);
  await db.query(`DELETE FROM "User" WHERE id LIKE $1`, [`mb-%-${suffix}`]).catch(() => undefined);
  await db.end();
  await server?.disconnect();
});

let counter = 0;

/** A workspace with these members (name → role); returns its id and each person's id and actor. */
async function workspaceWith(members: Record<string, AccessRole | 'none'>) {
  counter += 1;
  const workspaceId = `mb-ws-${counter}-${suffix}`;
  workspaces.push(workspaceId);
  await db.query(`INSERT INTO "Workspace" (id, slug, name, kind) VALUES ($1, $1, 'Members', 'pcn')`, [workspaceId]);
  const ids: Record<string, string> = {};
  for (const [name, role] of Object.entries(members)) {
    const id = `mb-${name}-${counter}-${suffix}`;
    ids[name] = id;
    await db.query(
      `INSERT INTO "User" (id, name, email, "professionalRole", "updatedAt") VALUES ($1, $2, $3, 'gp', now())`,
      [id, `Member ${name}`, `${id}@pathweave.test`],
    );
    if (role !== 'none') {
      await db.query(`INSERT INTO "Membership" (id, "userId", "workspaceId", "accessRole") VALUES ($1, $2, $3, $4)`, [
        `mb-m-${name}-${counter}-${suffix}`,
        id,
        workspaceId,
        role,
      ]);
    }
  }
  const actors: Record<string, Actor> = {};
  for (const [name, id] of Object.entries(ids)) {
    const actor = await server.loadActor(id);
    if (!actor) throw new Error(`no actor ${name}`);
    actors[name] = actor;
  }
  return { workspaceId, ids, actors };
}

/** What changeMembership recorded for `actorId` on the workspace, in order. */
async function auditOf(workspaceId: string, actorId: string) {
  const { rows } = await db.query<{ action: string; outcome: string; detail: Record<string, unknown> | null }>(
    `SELECT action, outcome, detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 ORDER BY at, id`,
    [actorId, workspaceId],
  );
  return rows;
}

async function roleOf(workspaceId: string, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ accessRole: string }>(
    `SELECT "accessRole" FROM "Membership" WHERE "workspaceId" = $1 AND "userId" = $2`,
    [workspaceId, userId],
  );
  return rows[0]?.accessRole ?? null;
}

describe('changing a workspace member', () => {
  it('a facilitator changes a role and removes a member; both are stored and audited', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ lead: 'facilitator', nurse: 'editor', guest: 'viewer' });
    const changed = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.nurse!, accessRole: 'viewer' });
    expect(changed).toEqual({ ok: true, userId: ids.nurse, accessRole: 'viewer' });
    expect(await roleOf(workspaceId, ids.nurse!)).toBe('viewer');
    const removed = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.guest!, accessRole: null });
    expect(removed.ok).toBe(true);
    expect(await roleOf(workspaceId, ids.guest!)).toBeNull();
    const { rows } = await db.query<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 ORDER BY at`,
      [ids.lead, workspaceId],
    );
    expect(rows).toEqual([
      { action: 'workspace:changeMemberRole', outcome: 'allowed' },
      { action: 'workspace:removeMember', outcome: 'allowed' },
    ]);
  });

  it('refuses everyone but a facilitator, as not found, changes nothing and records the refusal', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ lead: 'facilitator', nurse: 'editor', outsider: 'none' });
    for (const who of ['nurse', 'outsider'] as const) {
      const result = await server.changeMembership(actors[who]!, { workspaceId, userId: ids.lead!, accessRole: 'viewer' });
      expect(result).toMatchObject({ ok: false, reason: 'not_found' });
      const gone = await server.changeMembership(actors[who]!, { workspaceId, userId: ids.lead!, accessRole: null });
      expect(gone).toMatchObject({ ok: false, reason: 'not_found' });
    }
    expect(await roleOf(workspaceId, ids.lead!)).toBe('facilitator');
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "AuditEvent" WHERE "resourceId" = $1 AND outcome = 'denied'`,
      [workspaceId],
    );
    expect(Number(rows[0]?.n)).toBe(4);
  });

  it('a person who is not a member is not found', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ lead: 'facilitator', outsider: 'none' });
    const result = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.outsider!, accessRole: 'editor' });
    expect(result).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await roleOf(workspaceId, ids.outsider!)).toBeNull();
  });

  it('the last facilitator can neither step down nor leave, and is told why', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ lead: 'facilitator', nurse: 'editor' });
    for (const accessRole of ['editor', null] as const) {
      const result = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.lead!, accessRole });
      expect(result).toMatchObject({ ok: false, reason: 'invalid' });
      expect(result.ok ? '' : result.message).toMatch(/at least one facilitator/);
    }
    expect(await roleOf(workspaceId, ids.lead!)).toBe('facilitator');
    // With a second facilitator, stepping down is allowed.
    await server.changeMembership(actors.lead!, { workspaceId, userId: ids.nurse!, accessRole: 'facilitator' });
    const stepped = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.lead!, accessRole: 'editor' });
    expect(stepped.ok).toBe(true);
    expect(await roleOf(workspaceId, ids.lead!)).toBe('editor');
  });

  it('records a facilitator’s refused change as denied, with why: a person not a member, the last facilitator', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ lead: 'facilitator', outsider: 'none' });
    const notMember = await server.changeMembership(actors.lead!, {
      workspaceId,
      userId: ids.outsider!,
      accessRole: null,
    });
    expect(notMember).toMatchObject({ ok: false, reason: 'not_found' });
    const stepDown = await server.changeMembership(actors.lead!, {
      workspaceId,
      userId: ids.lead!,
      accessRole: 'viewer',
    });
    expect(stepDown).toMatchObject({ ok: false, reason: 'invalid' });
    const leave = await server.changeMembership(actors.lead!, { workspaceId, userId: ids.lead!, accessRole: null });
    expect(leave).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await auditOf(workspaceId, ids.lead!)).toEqual([
      { action: 'workspace:removeMember', outcome: 'denied', detail: { userId: ids.outsider, reason: 'not a member' } },
      {
        action: 'workspace:changeMemberRole',
        outcome: 'denied',
        detail: { userId: ids.lead, reason: 'last facilitator' },
      },
      { action: 'workspace:removeMember', outcome: 'denied', detail: { userId: ids.lead, reason: 'last facilitator' } },
    ]);
    expect(await roleOf(workspaceId, ids.lead!)).toBe('facilitator');
  });

  it('two facilitators demoting each other at once leave one facilitator, never none', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ a: 'facilitator', b: 'facilitator' });
    const [first, second] = await Promise.all([
      server.changeMembership(actors.a!, { workspaceId, userId: ids.b!, accessRole: 'editor' }),
      server.changeMembership(actors.b!, { workspaceId, userId: ids.a!, accessRole: 'editor' }),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    const roles = [await roleOf(workspaceId, ids.a!), await roleOf(workspaceId, ids.b!)];
    expect(roles.filter((r) => r === 'facilitator')).toHaveLength(1);
  });

  it('a facilitator removed a moment ago can no longer change anyone, even with the session loaded before', async () => {
    const { workspaceId, ids, actors } = await workspaceWith({ a: 'facilitator', b: 'facilitator', nurse: 'editor' });
    const staleB = actors.b!; // loaded while b was still a facilitator
    const removed = await server.changeMembership(actors.a!, { workspaceId, userId: ids.b!, accessRole: null });
    expect(removed.ok).toBe(true);
    const result = await server.changeMembership(staleB, { workspaceId, userId: ids.nurse!, accessRole: 'viewer' });
    expect(result).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await roleOf(workspaceId, ids.nurse!)).toBe('editor');
    const { rows } = await db.query<{ outcome: string }>(
      `SELECT outcome FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2`,
      [ids.b, workspaceId],
    );
    expect(rows).toEqual([{ outcome: 'denied' }]);
  });
});

describe('the members API (DELETE /api/workspaces/[workspace]/members/[userId])', () => {
  it('refuses a removal another website’s page sent, changing nothing, and lets the app’s own page through', async () => {
    const { workspaceId, ids } = await workspaceWith({ lead: 'facilitator', nurse: 'editor' });
    // The demo password, so the facilitator signs in through the real sign-in endpoint.
    await db.query(
      `UPDATE "User" SET "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE email = 'gp@pathweave.test') WHERE id = $1`,
      [ids.lead],
    );
    const s = new Session(baseUrl);
    expect(await s.signIn(`${ids.lead}@pathweave.test`, DEMO_PASSWORD, { 'x-forwarded-for': '10.7.1.1' })).toBeNull();
    const remove = (headers: Record<string, string>) =>
      s.fetch(`/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(ids.nurse!)}`, {
        method: 'DELETE',
        headers,
      });
    // A sibling subdomain's page, or any other site's; and a browser that only sends Origin.
    const elsewhere: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of elsewhere) {
      const res = await remove(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({
        error: 'This request came from another website, so Pathweave did not act on it.',
      });
    }
    expect(await roleOf(workspaceId, ids.nurse!)).toBe('editor');
    expect(await auditOf(workspaceId, ids.lead!)).toEqual([]);
    // The app's own page is let through.
    const own = await remove({ 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ userId: ids.nurse, accessRole: null });
    expect(await roleOf(workspaceId, ids.nurse!)).toBeNull();
  });
});
