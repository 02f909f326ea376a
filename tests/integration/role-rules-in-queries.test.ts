import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ACCESS_ROLES, can, type AccessRole, type Actor } from '@/lib/auth/can';
import { parsePathway } from '@/lib/pathway/validate';
import { copyPathway } from './collab-support';

/**
 * Seven queries filter by workspace role in the database as well as asking can(): the care plans a
 * person can reach (carePlansReachableBy), the care team's list of plans (listCarePlans), the
 * draft save's compare-and-set (savePathwayDraft), the inserts of a version
 * (savePathwayVersion), a pathway (createPathway) and a comment (addComment), and the change of a
 * workspace member's role (changeMembership). They take their role
 * lists from can.ts (ROLES_THAT_MAY). Here, for every workspace role and for no membership, what the query finds
 * and what can() says agree, allowed and refused alike. Where the use case asks can() first, the
 * query is reached with an actor whose memberships say more than the database (a membership
 * lowered since the actor was loaded), so the database's own filter is what decides.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  carePlansReachableBy: typeof import('@/lib/server/care-plan-access').carePlansReachableBy;
  listCarePlans: typeof import('@/lib/server/list-care-plans').listCarePlans;
  savePathwayDraft: typeof import('@/lib/server/save-pathway-draft').savePathwayDraft;
  savePathwayVersion: typeof import('@/lib/server/save-pathway-version').savePathwayVersion;
  createPathway: typeof import('@/lib/server/create-pathway').createPathway;
  addComment: typeof import('@/lib/server/comments').addComment;
  changeMembership: typeof import('@/lib/server/workspaces').changeMembership;
  loadActor: typeof import('@/lib/auth/actor').loadActor;
  prisma: ReturnType<typeof import('@/lib/db/client').getPrisma>;
  disconnect: () => Promise<void>;
};
let server: Server;

type Who = AccessRole | 'none';
const EVERYONE: readonly Who[] = [...ACCESS_ROLES, 'none'];
const suffix = randomBytes(5).toString('hex');
const workspaceId = `rr-ws-${suffix}`;
const planId = `rr-plan-${suffix}`;
const ids = {} as Record<Who | 'patient' | 'carer' | 'carerRevoked', string>;
const actors = {} as Record<Who | 'patient' | 'carer' | 'carerRevoked', Actor>;
let pathwayId = '';

async function addUser(key: keyof typeof ids, professionalRole: string): Promise<void> {
  const id = `rr-${key}-${suffix}`;
  await db.query(
    `INSERT INTO "User" (id, name, email, "professionalRole", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [id, `Role rules ${key}`, `${id}@pathweave.test`, professionalRole],
  );
  ids[key] = id;
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [access, list, draft, version, create, comments, workspaces, actor, client] = await Promise.all([
    import('@/lib/server/care-plan-access'),
    import('@/lib/server/list-care-plans'),
    import('@/lib/server/save-pathway-draft'),
    import('@/lib/server/save-pathway-version'),
    import('@/lib/server/create-pathway'),
    import('@/lib/server/comments'),
    import('@/lib/server/workspaces'),
    import('@/lib/auth/actor'),
    import('@/lib/db/client'),
  ]);
  server = {
    carePlansReachableBy: access.carePlansReachableBy,
    listCarePlans: list.listCarePlans,
    savePathwayDraft: draft.savePathwayDraft,
    savePathwayVersion: version.savePathwayVersion,
    createPathway: create.createPathway,
    addComment: comments.addComment,
    changeMembership: workspaces.changeMembership,
    loadActor: actor.loadActor,
    prisma: client.getPrisma(),
    disconnect: client.disconnectPrisma,
  };

  // A workspace with one member of each role and one person who is not a member, all of them in
  // the care team of one person's plan; that person and two carers (one grant live, one revoked).
  await db.query(`INSERT INTO "Workspace" (id, slug, name, kind) VALUES ($1, $1, 'Role rules', 'pcn')`, [workspaceId]);
  for (const who of EVERYONE) await addUser(who, 'community_nurse');
  await addUser('patient', 'patient');
  await addUser('carer', 'carer');
  await addUser('carerRevoked', 'carer');
  for (const role of ACCESS_ROLES) {
    await db.query(`INSERT INTO "Membership" (id, "userId", "workspaceId", "accessRole") VALUES ($1, $2, $3, $4)`, [
      `rr-m-${role}-${suffix}`,
      ids[role],
      workspaceId,
      role,
    ]);
  }
  await db.query(
    `INSERT INTO "CarePlan" (id, "workspaceId", "patientId", title, "updatedAt") VALUES ($1, $2, $3, 'Role rules plan', now())`,
    [planId, workspaceId, ids.patient],
  );
  for (const who of EVERYONE) {
    await db.query(
      `INSERT INTO "CarePlanMember" (id, "carePlanId", "userId", name, role) VALUES ($1, $2, $3, $4, 'community_nurse')`,
      [`rr-cm-${who}-${suffix}`, planId, ids[who], who],
    );
  }
  await db.query(
    `INSERT INTO "CarePlanCarerGrant" (id, "carePlanId", "carerId", "canContribute") VALUES ($1, $2, $3, true)`,
    [`rr-g-${suffix}`, planId, ids.carer],
  );
  await db.query(
    `INSERT INTO "CarePlanCarerGrant" (id, "carePlanId", "carerId", "canContribute", "revokedAt") VALUES ($1, $2, $3, true, now())`,
    [`rr-gr-${suffix}`, planId, ids.carerRevoked],
  );
  pathwayId = await copyPathway(db, { workspaceId });

  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    const actor = await server.loadActor(ids[key]);
    if (!actor) throw new Error(`no actor ${key}`);
    actors[key] = actor;
  }
});

afterAll(async () => {
  await db.query(`DELETE FROM "Workspace" WHERE id = $1`, [workspaceId]).catch(() => undefined);
  await server?.disconnect();
  await db.end();
});

/** The plan's facts as can() takes them (a revoked grant is not listed). */
function planResource() {
  return {
    type: 'carePlan' as const,
    workspaceId,
    patientId: ids.patient,
    careTeamUserIds: EVERYONE.map((w) => ids[w]),
    carerGrants: [{ carerId: ids.carer, canContribute: true }],
  };
}

/** The actor as loaded, but believing they are a facilitator of the workspace: can() lets them through to the query. */
function believesFacilitator(actor: Actor): Actor {
  return { ...actor, memberships: { ...actor.memberships, [workspaceId]: 'facilitator' } };
}

describe('the database filters and can() agree, role by role', () => {
  it('carePlansReachableBy finds the plan for exactly those can() lets view it', async () => {
    const outcomes: Record<string, { found: boolean; view: boolean; edit: boolean }> = {};
    for (const key of [...EVERYONE, 'patient', 'carer', 'carerRevoked'] as const) {
      const actor = actors[key];
      const found = await server.prisma.carePlan.findFirst({
        where: { id: planId, ...server.carePlansReachableBy(actor) },
        select: { id: true },
      });
      outcomes[key] = {
        found: found !== null,
        view: can(actor, 'carePlan:view', planResource()),
        edit: can(actor, 'carePlan:edit', planResource()),
      };
    }
    for (const [key, o] of Object.entries(outcomes))
      expect(o.found, `${key}: found by the query, allowed by can()`).toBe(o.view);
    // Care team members reach it only as clinicians: the query's role rule is can()'s.
    for (const who of EVERYONE) expect(outcomes[who]!.found, `${who} in the care team`).toBe(outcomes[who]!.edit);
    // Both answers occur, so the agreement means something.
    expect(Object.fromEntries(EVERYONE.map((w) => [w, outcomes[w]!.found]))).toEqual({
      facilitator: true,
      editor: true,
      commenter: false,
      viewer: false,
      none: false,
    });
    expect([outcomes.patient!.found, outcomes.carer!.found, outcomes.carerRevoked!.found]).toEqual([true, true, false]);
  });

  it('the care team’s list shows the plan for exactly those can() lets view it', async () => {
    const listed: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const allowed = can(actors[who], 'carePlan:view', planResource());
      // As the person really is, and with can()'s own checks passed, so that only the query decides.
      const asTheyAre = await server.listCarePlans({ actor: actors[who], workspaceId });
      const queryAlone = await server.listCarePlans({ actor: believesFacilitator(actors[who]), workspaceId });
      expect(
        asTheyAre.some((p) => p.id === planId),
        `${who}: listed`,
      ).toBe(allowed);
      expect(
        queryAlone.some((p) => p.id === planId),
        `${who}: found by the list's query`,
      ).toBe(allowed);
      listed[who] = allowed;
    }
    expect(listed).toEqual({ facilitator: true, editor: true, commenter: false, viewer: false, none: false });
  });

  it('the draft save stores the working copy for exactly those can() lets edit it', async () => {
    const saved: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const row = await db.query('SELECT revision, document FROM "Pathway" WHERE id = $1', [pathwayId]);
      const parsed = parsePathway(row.rows[0].document);
      if (!parsed.ok) throw new Error('the copied pathway is not valid');
      const document = { ...parsed.pathway, summary: `Saved by ${who}` };
      const allowed = can(actors[who], 'pathway:edit', { type: 'pathway', workspaceId, pathwayId });
      const asTheyAre = await server.savePathwayDraft({
        actor: actors[who],
        pathwayId,
        baseRevision: row.rows[0].revision,
        document,
      });
      expect(asTheyAre.ok, `${who}: saved`).toBe(allowed);
      if (asTheyAre.ok) continue;
      // Refused by can(): now past can(), the compare-and-set's own role rule refuses it too.
      const queryAlone = await server.savePathwayDraft({
        actor: believesFacilitator(actors[who]),
        pathwayId,
        baseRevision: row.rows[0].revision,
        document,
      });
      expect(queryAlone.ok, `${who}: saved by the compare-and-set`).toBe(false);
      const after = await db.query('SELECT revision, document FROM "Pathway" WHERE id = $1', [pathwayId]);
      expect(after.rows[0].revision, `${who}: nothing stored`).toBe(row.rows[0].revision);
      saved[who] = false;
    }
    for (const who of EVERYONE) saved[who] ??= true;
    expect(saved).toEqual({ facilitator: true, editor: true, commenter: false, viewer: false, none: false });
  });

  it('a version is saved for exactly those can() lets save one, checked again as it goes in', async () => {
    const saved: Record<string, boolean> = {};
    const versions = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "PathwayVersion" WHERE "pathwayId" = $1', [pathwayId])).rows[0]
        .n as number;
    for (const who of EVERYONE) {
      const allowed = can(actors[who], 'version:create', { type: 'version', workspaceId, pathwayId });
      const before = await versions();
      const asTheyAre = await server.savePathwayVersion({ actor: actors[who], pathwayId, note: `By ${who}` });
      expect(asTheyAre.ok, `${who}: saved`).toBe(allowed);
      saved[who] = asTheyAre.ok;
      if (asTheyAre.ok) continue;
      // Past can() (a role lowered since the request began): the insert's own check refuses it, and audits it.
      const denials = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'version:create' AND outcome = 'denied'`,
            [ids[who]],
          )
        ).rows[0].n as number;
      const deniedBefore = await denials();
      const queryAlone = await server.savePathwayVersion({
        actor: believesFacilitator(actors[who]),
        pathwayId,
        note: 'Stale role',
      });
      expect(queryAlone, `${who}: saved past the insert's check`).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await versions(), `${who}: no version stored`).toBe(before);
      // A non-member finds no pathway at all (the lookup is scoped to their memberships in the
      // database), so only members are refused at the insert, and audited there.
      expect(await denials(), `${who}: refusal audited`).toBe(deniedBefore + (who === 'none' ? 0 : 1));
    }
    expect(saved).toEqual({ facilitator: true, editor: true, commenter: false, viewer: false, none: false });
  });

  /** Denied rows for one person and action, written by the inserts' own check ('access changed'). */
  const accessChangedDenials = async (who: Who, action: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM "AuditEvent"
          WHERE "actorId" = $1 AND action = $2 AND outcome = 'denied' AND detail->>'reason' = 'access changed'`,
        [ids[who], action],
      )
    ).rows[0].n as number;

  it('a pathway is created for exactly those can() lets create one, checked again as it goes in', async () => {
    const pathways = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "Pathway" WHERE "workspaceId" = $1', [workspaceId])).rows[0]
        .n as number;
    const created: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const allowed = can(actors[who], 'pathway:create', { type: 'pathway', workspaceId });
      const asTheyAre = await server.createPathway({ actor: actors[who], workspaceId, title: `By ${who}` });
      expect(asTheyAre.ok, `${who}: created`).toBe(allowed);
      created[who] = asTheyAre.ok;
      if (asTheyAre.ok) continue;
      const before = await pathways();
      const deniedBefore = await accessChangedDenials(who, 'pathway:create');
      const queryAlone = await server.createPathway({
        actor: believesFacilitator(actors[who]),
        workspaceId,
        title: 'Stale role',
      });
      expect(queryAlone, `${who}: created past the insert's check`).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await pathways(), `${who}: no pathway stored`).toBe(before);
      // A non-member finds no workspace at all (the lookup is scoped to their memberships), so only
      // members reach the insert's check, and are audited there.
      expect(await accessChangedDenials(who, 'pathway:create'), `${who}: refusal audited`).toBe(
        deniedBefore + (who === 'none' ? 0 : 1),
      );
    }
    expect(created).toEqual({ facilitator: true, editor: true, commenter: false, viewer: false, none: false });
  });

  it('a comment is added for exactly those can() lets comment, checked again as it goes in', async () => {
    const comments = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "pathwayId" = $1', [pathwayId])).rows[0]
        .n as number;
    const added: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const allowed = can(actors[who], 'comment:create', { type: 'comment', workspaceId, pathwayId });
      const asTheyAre = await server.addComment({ actor: actors[who], pathwayId, body: `From ${who}` });
      expect(asTheyAre.ok, `${who}: added`).toBe(allowed);
      added[who] = asTheyAre.ok;
      if (asTheyAre.ok) continue;
      const before = await comments();
      const deniedBefore = await accessChangedDenials(who, 'comment:create');
      const queryAlone = await server.addComment({
        actor: believesFacilitator(actors[who]),
        pathwayId,
        body: 'Stale role',
      });
      expect(queryAlone, `${who}: added past the insert's check`).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await comments(), `${who}: no comment stored`).toBe(before);
      expect(await accessChangedDenials(who, 'comment:create'), `${who}: refusal audited`).toBe(
        deniedBefore + (who === 'none' ? 0 : 1),
      );
    }
    expect(added).toEqual({ facilitator: true, editor: true, commenter: true, viewer: false, none: false });
  });

  it('a member’s role is changed for exactly those can() lets manage the workspace, checked again under the lock', async () => {
    // Setting the viewer's role to what it is: allowed, it changes nothing, so every role can try.
    const roleChanges = async (who: Who, outcome: 'allowed' | 'denied', reason?: string) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "AuditEvent"
            WHERE "actorId" = $1 AND action = 'workspace:changeMemberRole' AND "resourceId" = $2 AND outcome = $3
              AND ($4::text IS NULL OR detail->>'reason' = $4)`,
          [ids[who], workspaceId, outcome, reason ?? null],
        )
      ).rows[0].n as number;
    const changed: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const allowed = can(actors[who], 'workspace:manage', { type: 'workspace', workspaceId });
      const input = { workspaceId, userId: ids.viewer, accessRole: 'viewer' as const };
      const allowedBefore = await roleChanges(who, 'allowed');
      const asTheyAre = await server.changeMembership(actors[who], input);
      expect(asTheyAre.ok, `${who}: changed`).toBe(allowed);
      expect(await roleChanges(who, 'allowed'), `${who}: change audited`).toBe(allowedBefore + (allowed ? 1 : 0));
      changed[who] = asTheyAre.ok;
      if (asTheyAre.ok) continue;
      // Past can() (a role lowered since the request began): the check made under the lock refuses
      // it, and audits why.
      const deniedBefore = await roleChanges(who, 'denied', 'no longer a facilitator');
      const queryAlone = await server.changeMembership(believesFacilitator(actors[who]), input);
      expect(queryAlone, `${who}: changed past the check under the lock`).toMatchObject({
        ok: false,
        reason: 'not_found',
      });
      expect(await roleChanges(who, 'denied', 'no longer a facilitator'), `${who}: refusal audited`).toBe(
        deniedBefore + 1,
      );
      expect(await roleChanges(who, 'allowed'), `${who}: nothing changed`).toBe(allowedBefore);
    }
    expect(changed).toEqual({ facilitator: true, editor: false, commenter: false, viewer: false, none: false });
  });
});
