import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { AccessRole, Actor } from '@/lib/auth/can';

/**
 * The members page's server action logic (lib/server/workspace-members.ts) against the real,
 * migrated PostgreSQL of the integration suite: a submitted form becomes one changeMembership call,
 * a bad role is named with the roles allowed, the last facilitator is kept, the outcome is worded
 * with the person's name, and anyone who may not manage the workspace learns nothing. A workspace
 * and people of its own, so the demo workspace other tests use is left as it is.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = typeof import('@/lib/server/workspace-members') & {
  loadActor: typeof import('@/lib/auth/actor').loadActor;
  getPrisma: typeof import('@/lib/db/client').getPrisma;
  disconnect: () => Promise<void>;
};
let server: Server;

const SLUG = 'members-test-ws';
const WS_NAME = 'Members Test Network';
const PEOPLE = {
  lead: { name: 'Lena Lead', role: 'facilitator' },
  jo: { name: 'Jo Bloggs', role: 'editor' },
  kim: { name: 'Kim Commenter', role: 'commenter' },
  val: { name: 'Val Viewer', role: 'viewer' },
} as const satisfies Record<string, { name: string; role: AccessRole }>;
type Who = keyof typeof PEOPLE | 'stranger';

let workspaceId = '';
const ids = {} as Record<Who, string>;

async function actor(who: Who): Promise<Actor> {
  const a = await server.loadActor(ids[who]);
  if (!a) throw new Error(who);
  return a;
}

async function roleOf(who: Who): Promise<string | null> {
  const r = await db.query('SELECT "accessRole" FROM "Membership" WHERE "userId" = $1 AND "workspaceId" = $2', [
    ids[who],
    workspaceId,
  ]);
  return r.rows[0]?.accessRole ?? null;
}

/** The database's clock, so audit rows are read from this test on. */
async function dbNow(): Promise<Date> {
  return (await db.query('SELECT clock_timestamp() AS now')).rows[0].now as Date;
}

async function auditRows(actorWho: Who, since: Date) {
  const r = await db.query(
    'SELECT action, outcome, detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND at >= $3 ORDER BY at, id',
    [ids[actorWho], workspaceId, since],
  );
  return r.rows as { action: string; outcome: string; detail: Record<string, unknown> }[];
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [members, actorModule, client] = await Promise.all([
    import('@/lib/server/workspace-members'),
    import('@/lib/auth/actor'),
    import('@/lib/db/client'),
  ]);
  server = {
    ...members,
    loadActor: actorModule.loadActor,
    getPrisma: client.getPrisma,
    disconnect: client.disconnectPrisma,
  };
  const prisma = server.getPrisma();
  const ws = await prisma.workspace.create({ data: { slug: SLUG, name: WS_NAME, kind: 'pcn' }, select: { id: true } });
  workspaceId = ws.id;
  for (const [who, p] of [...Object.entries(PEOPLE), ['stranger', { name: 'Sol Stranger', role: null }]] as [
    Who,
    { name: string; role: AccessRole | null },
  ][]) {
    const user = await prisma.user.create({
      data: { name: p.name, email: `${who}.members@pathweave.test`, professionalRole: 'gp' },
      select: { id: true },
    });
    ids[who] = user.id;
  }
});

// Every test starts from the same members and roles.
beforeEach(async () => {
  const prisma = server.getPrisma();
  await prisma.membership.deleteMany({ where: { workspaceId } });
  await prisma.membership.createMany({
    data: Object.entries(PEOPLE).map(([who, p]) => ({ userId: ids[who as Who], workspaceId, accessRole: p.role })),
  });
});

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

const form = (userId: string, intent: 'role' | 'remove', accessRole?: string) => ({
  workspaceSlug: SLUG,
  userId,
  intent,
  accessRole,
});

describe('the members list', () => {
  it('lists every member by name for a facilitator, and nothing for anyone else', async () => {
    const list = await server.listWorkspaceMembers(await actor('lead'), workspaceId);
    expect(list?.map((m) => [m.name, m.accessRole])).toEqual([
      ['Jo Bloggs', 'editor'],
      ['Kim Commenter', 'commenter'],
      ['Lena Lead', 'facilitator'],
      ['Val Viewer', 'viewer'],
    ]);
    expect(list?.[0]?.email).toBe('jo.members@pathweave.test');
    for (const who of ['jo', 'kim', 'val', 'stranger'] as const) {
      expect(await server.listWorkspaceMembers(await actor(who), workspaceId), who).toBeNull();
    }
  });
});

describe('changing a member from the members page', () => {
  it('changes a role and says so with the person’s name, audited', async () => {
    const since = await dbNow();
    const result = await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role', 'viewer'));
    expect(result).toMatchObject({ ok: true, message: 'Jo Bloggs is now a viewer.', userId: ids.jo });
    expect(result.redirectTo).toBeUndefined();
    expect(await roleOf('jo')).toBe('viewer');
    const again = await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role', 'editor'));
    expect(again.message).toBe('Jo Bloggs is now an editor.');
    expect(await auditRows('lead', since)).toEqual([
      {
        action: 'workspace:changeMemberRole',
        outcome: 'allowed',
        detail: { userId: ids.jo, from: 'editor', to: 'viewer' },
      },
      {
        action: 'workspace:changeMemberRole',
        outcome: 'allowed',
        detail: { userId: ids.jo, from: 'viewer', to: 'editor' },
      },
    ]);
  });

  it('names the field, the value and the roles allowed for a role that is not one, and changes nothing', async () => {
    for (const sent of ['owner', 'Facilitator', '']) {
      const result = await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role', sent));
      expect(result.ok).toBe(false);
      expect(result.userId).toBe(ids.jo);
      expect(result.errors).toEqual([
        {
          path: 'accessRole',
          message: sent
            ? `Role: “${sent}” is not a role. Choose facilitator, editor, commenter or viewer.`
            : 'Role: choose facilitator, editor, commenter or viewer.',
        },
      ]);
    }
    const missing = await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role'));
    expect(missing.errors?.[0]?.path).toBe('accessRole');
    expect(await roleOf('jo')).toBe('editor');
  });

  it('keeps the last facilitator, and says why, beside the field that was used', async () => {
    const lead = await actor('lead');
    const demote = await server.changeMemberFromForm(lead, form(ids.lead, 'role', 'editor'));
    expect(demote.ok).toBe(false);
    expect(demote.message).toMatch(/at least one facilitator/);
    expect(demote.errors).toEqual([{ path: 'accessRole', message: demote.message }]);
    expect(demote.values).toEqual({ accessRole: 'editor' });
    const leave = await server.changeMemberFromForm(lead, form(ids.lead, 'remove'));
    expect(leave.ok).toBe(false);
    expect(leave.errors).toEqual([{ path: 'remove', message: leave.message }]);
    expect(await roleOf('lead')).toBe('facilitator');
  });

  it('removes a member and says so', async () => {
    const result = await server.changeMemberFromForm(await actor('lead'), form(ids.kim, 'remove'));
    expect(result).toMatchObject({ ok: true, message: `Kim Commenter has been removed from ${WS_NAME}.` });
    expect(await roleOf('kim')).toBeNull();
    // Removed already: the same "not found" as for anyone who is not a member.
    const twice = await server.changeMemberFromForm(await actor('lead'), form(ids.kim, 'remove'));
    expect(twice).toMatchObject({ ok: false, message: server.MEMBER_NOT_FOUND });
  });

  it('sends a facilitator who stepped down or left away from the page that is no longer theirs', async () => {
    await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role', 'facilitator'));
    const down = await server.changeMemberFromForm(await actor('jo'), form(ids.jo, 'role', 'commenter'));
    expect(down).toMatchObject({
      ok: true,
      message: `You are now a commenter in ${WS_NAME}.`,
      redirectTo: `/w/${SLUG}/pathways?notice=role`,
    });
    await server.changeMemberFromForm(await actor('lead'), form(ids.jo, 'role', 'facilitator'));
    const left = await server.changeMemberFromForm(await actor('jo'), form(ids.jo, 'remove'));
    expect(left).toMatchObject({ ok: true, message: `You have left ${WS_NAME}.`, redirectTo: '/?notice=left' });
    expect(await roleOf('jo')).toBeNull();
  });

  it('refuses everyone else as "not found", whatever they send, audited, and changes nothing', async () => {
    const since = await dbNow();
    for (const who of ['jo', 'kim', 'val'] as const) {
      const a = await actor(who);
      for (const attempt of [
        form(ids.val, 'role', 'facilitator'),
        form(ids.lead, 'remove'),
        form(ids.val, 'role', 'owner'),
      ]) {
        const result = await server.changeMemberFromForm(a, attempt);
        expect(result, `${who} ${attempt.intent} ${attempt.accessRole}`).toMatchObject({
          ok: false,
          message: server.MEMBER_NOT_FOUND,
        });
        expect(result.errors).toBeUndefined();
      }
      const denied = await auditRows(who, since);
      expect(denied.map((r) => [r.action, r.outcome])).toEqual([
        ['workspace:changeMemberRole', 'denied'],
        ['workspace:removeMember', 'denied'],
        ['workspace:changeMemberRole', 'denied'],
      ]);
    }
    // Not a member at all: the workspace is not found for them either.
    const stranger = await server.changeMemberFromForm(await actor('stranger'), form(ids.val, 'role', 'facilitator'));
    expect(stranger).toMatchObject({ ok: false, message: server.MEMBER_NOT_FOUND });
    expect(await roleOf('val')).toBe('viewer');
    expect(await roleOf('lead')).toBe('facilitator');
  });
});
