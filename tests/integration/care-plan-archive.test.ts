import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { SignedInActor } from '@/lib/auth/actor';
import { DEMO_PASSWORD, Session } from '../support/http';

/**
 * Archiving and restoring a care plan, against the real PostgreSQL and the real app. The plans here
 * are made for two people of this file's own (Ada, whose plan is archived, and Ben, whose plan stays
 * active), shared with a carer of its own (Cal), so no other test's plan or list is touched. The care
 * team is the practice nurse (who makes both plans; no other file lists her plans); the manager (a
 * workspace viewer) and a GP of another workspace are named in Ada's team, which is not enough.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  createCarePlan: typeof import('@/lib/server/create-care-plan').createCarePlan;
  getCarePlan: typeof import('@/lib/server/get-care-plan').getCarePlan;
  editCarePlan: typeof import('@/lib/server/edit-care-plan').editCarePlan;
  mergeCarePlanSteps: typeof import('@/lib/server/merge-care-plan-steps').mergeCarePlanSteps;
  addCarePlanNote: typeof import('@/lib/server/add-care-plan-note').addCarePlanNote;
  setCarePlanActionDone: typeof import('@/lib/server/set-care-plan-action-done').setCarePlanActionDone;
  grantCarePlanAccess: typeof import('@/lib/server/grant-care-plan-access').grantCarePlanAccess;
  respondToCarePlanInvitation: typeof import('@/lib/server/care-plan-invitations').respondToCarePlanInvitation;
  listCarePlans: typeof import('@/lib/server/list-care-plans').listCarePlans;
  listMyCarePlans: typeof import('@/lib/server/list-my-care-plans').listMyCarePlans;
  getCarePlanAudit: typeof import('@/lib/server/get-care-plan-audit').getCarePlanAudit;
  archiveCarePlan: typeof import('@/lib/server/archive-care-plan').archiveCarePlan;
  restoreCarePlan: typeof import('@/lib/server/archive-care-plan').restoreCarePlan;
  loadActor: typeof import('@/lib/auth/session').loadActor;
  disconnect: () => Promise<void>;
};
let server: Server;

const EMAIL = {
  ada: 'ada.archive@pathweave.test', // patient: her plan is archived here
  ben: 'ben.archive@pathweave.test', // patient: his plan stays active
  cal: 'cal.archive@pathweave.test', // carer both share their plan with
  clinician: 'practice.nurse@pathweave.test', // makes both plans: care team + workspace editor
  nurse: 'community.nurse@pathweave.test', // workspace editor, not in these care teams
  manager: 'manager@pathweave.test', // workspace viewer, named in Ada's team below
  outsider: 'outsider.gp@pathweave.test', // facilitator of another workspace, named in Ada's team below
} as const;
type Who = keyof typeof EMAIL;
/** Ada's and Ben's NHS numbers: valid, from the NHS test range, and nobody else's. */
const NHS: Partial<Record<Who, string>> = { ada: '9990000077', ben: '9990000085' };
const ids = {} as Record<Who, string>;
const actors = {} as Record<Who, SignedInActor>;
let workspaceId = '';
let slug = '';
let planAda = '';
let planBen = '';
let adaActionId = '';
/** Ada's invitation to Ben, made before her plan is archived and never answered. */
let adaInvitationId = '';
const GUESSED = 'cmzzzzzzzzzzzzzzzzzzzzzzz';

/** What one of the plan's own forms was drawn from, as the care team's page draws it (its hidden revision). */
async function formRevisionOf(who: Who, planId: string, form: 'people' | 'medication'): Promise<string> {
  const read = await server.getCarePlan({ actor: actors[who], planId, via: 'editor', requireEdit: true });
  const revision = read?.plan.formRevisions?.[form];
  if (!revision) throw new Error(`no ${form} revision for ${planId}`);
  return revision;
}

async function deniedArchiveRows(actorId: string, resourceId: string, op: 'archive' | 'restore'): Promise<number> {
  const r = await db.query(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:edit' AND outcome = 'denied' AND detail->>'op' = $3`,
    [actorId, resourceId, op],
  );
  return r.rows[0].n as number;
}

async function planRow(id: string) {
  const r = await db.query(
    'SELECT status::text AS status, "archivedAt", "archivedById", title FROM "CarePlan" WHERE id = $1',
    [id],
  );
  return r.rows[0] as { status: string; archivedAt: Date | null; archivedById: string | null; title: string };
}

/** What Ada is told when she asks someone new to see her archived plan. */
const INVITE_REFUSED =
  'This plan is archived, so nobody new can be invited to see it. Ask your care team to restore it first.';

/** Ada's refusals to share her plan because it is archived, as recorded, oldest first. */
async function archivedShareRefusals(): Promise<unknown[]> {
  const r = await db.query(
    `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:share' AND outcome = 'denied' AND detail->>'reason' = 'archived' ORDER BY at`,
    [ids.ada, planAda],
  );
  return r.rows.map((row) => row.detail);
}

/** Until some statement waits at a care plan's row lock (FOR NO KEY UPDATE): `what` names it if none ever does. */
async function untilWaitingAtPlanRow(what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const waiting = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE%'`,
    );
    if (waiting.rows[0].n > 0) return;
    if (Date.now() > deadline) throw new Error(`the ${what} never waited at the plan’s row lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Until some statement waits at a lock on a care plan's row, whether it asks for the row first
 * (FOR NO KEY UPDATE) or goes straight to updating it: `what` names it if none ever does.
 */
async function untilWaitingOnPlan(what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const waiting = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"CarePlan"%' AND pid <> pg_backend_pid()`,
    );
    if (waiting.rows[0].n > 0) return;
    if (Date.now() > deadline) throw new Error(`the ${what} never waited at the plan’s row`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function invitationsTo(email: string): Promise<number> {
  const r = await db.query(
    'SELECT count(*)::int AS n FROM "CarePlanInvitation" WHERE "carePlanId" = $1 AND lower(email) = lower($2)',
    [planAda, email],
  );
  return r.rows[0].n as number;
}

const unescapeHtml = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * What a browser without JavaScript sends for the page's form that contains `marker`: its hidden
 * and typed fields (the server action's own fields among them), with no box ticked.
 */
function formFields(html: string, marker: string): FormData {
  const form = html.match(/<form\b[\s\S]*?<\/form>/g)?.find((f) => f.includes(marker));
  if (!form) throw new Error(`no form on the page has ${marker}`);
  const fields = new FormData();
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name || /\btype="checkbox"/.test(input)) continue;
    fields.set(unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  return fields;
}

/** Sends a form as the browser does without JavaScript: a POST of its fields to the page. */
function postForm(session: Session, path: string, fields: FormData): Promise<Response> {
  return session.fetch(path, { method: 'POST', body: fields, headers: { origin: baseUrl } });
}

async function signedIn(who: Who, n: number): Promise<Session> {
  const s = new Session(baseUrl);
  const error = await s.signIn(EMAIL[who], DEMO_PASSWORD, { 'x-forwarded-for': `10.71.${n}.1` });
  expect(error, `sign-in of ${who}`).toBeNull();
  return s;
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [create, get, edit, merge, add, done, grant, invitations, list, listMine, auditMod, archive, session] =
    await Promise.all([
      import('@/lib/server/create-care-plan'),
      import('@/lib/server/get-care-plan'),
      import('@/lib/server/edit-care-plan'),
      import('@/lib/server/merge-care-plan-steps'),
      import('@/lib/server/add-care-plan-note'),
      import('@/lib/server/set-care-plan-action-done'),
      import('@/lib/server/grant-care-plan-access'),
      import('@/lib/server/care-plan-invitations'),
      import('@/lib/server/list-care-plans'),
      import('@/lib/server/list-my-care-plans'),
      import('@/lib/server/get-care-plan-audit'),
      import('@/lib/server/archive-care-plan'),
      import('@/lib/auth/session'),
    ]);
  const client = await import('@/lib/db/client');
  server = {
    createCarePlan: create.createCarePlan,
    getCarePlan: get.getCarePlan,
    editCarePlan: edit.editCarePlan,
    mergeCarePlanSteps: merge.mergeCarePlanSteps,
    addCarePlanNote: add.addCarePlanNote,
    setCarePlanActionDone: done.setCarePlanActionDone,
    grantCarePlanAccess: grant.grantCarePlanAccess,
    respondToCarePlanInvitation: invitations.respondToCarePlanInvitation,
    listCarePlans: list.listCarePlans,
    listMyCarePlans: listMine.listMyCarePlans,
    getCarePlanAudit: auditMod.getCarePlanAudit,
    archiveCarePlan: archive.archiveCarePlan,
    restoreCarePlan: archive.restoreCarePlan,
    loadActor: session.loadActor,
    disconnect: client.disconnectPrisma,
  };

  // Ada, Ben and Cal, with the demo password (copied from the demo patient's account).
  for (const [who, name, role] of [
    ['ada', 'Ada Archer', 'patient'],
    ['ben', 'Ben Archer', 'patient'],
    ['cal', 'Cal Archer', 'carer'],
  ] as const) {
    await db.query(
      `INSERT INTO "User" (id, name, email, "nhsNumber", "professionalRole", "passwordHash", "updatedAt")
       SELECT $1, $2, $3, $5, $4, "passwordHash", now() FROM "User" WHERE email = 'patient@pathweave.test'
       ON CONFLICT (email) DO NOTHING`,
      [`it-archive-${who}`, name, EMAIL[who], role, NHS[who] ?? null],
    );
  }
  for (const who of Object.keys(EMAIL) as Who[]) {
    const r = await db.query('SELECT id FROM "User" WHERE email = $1', [EMAIL[who]]);
    ids[who] = r.rows[0].id;
    const actor = await server.loadActor(ids[who]);
    if (!actor) throw new Error(`no user ${who}`);
    actors[who] = actor;
  }
  const ws = await db.query(`SELECT id, slug FROM "Workspace" WHERE name = 'Riverside GP Cluster'`);
  workspaceId = ws.rows[0].id;
  slug = ws.rows[0].slug;
  const pathways = await db.query(
    `SELECT id FROM "Pathway" WHERE "workspaceId" = $1 AND NOT "isTemplate" ORDER BY title`,
    [workspaceId],
  );
  expect(pathways.rows.length).toBeGreaterThanOrEqual(2);

  for (const who of ['ada', 'ben'] as const) {
    const created = await server.createCarePlan({
      actor: actors.clinician,
      workspaceId,
      input: { patientNhsNumber: NHS[who], patientEmail: EMAIL[who], pathwayIds: [pathways.rows[0].id, pathways.rows[1].id] },
    });
    if (!created.ok) throw new Error(`could not make ${who}'s plan: ${created.message}`);
    if (who === 'ada') planAda = created.planId;
    else planBen = created.planId;
    // Both share their plan with Cal, who says yes (and may add notes and tick off jobs).
    const shared = await server.grantCarePlanAccess({
      actor: actors[who],
      planId: created.planId,
      input: { carerEmail: EMAIL.cal, canContribute: true },
    });
    if (!shared.ok || shared.kind !== 'invited') throw new Error('not invited');
    expect(
      await server.respondToCarePlanInvitation({ actor: actors.cal, invitationId: shared.invitationId, accept: true }),
    ).toMatchObject({ ok: true });
  }
  // Ada also asks Ben to see her plan; he has not answered when it is archived.
  const waiting = await server.grantCarePlanAccess({
    actor: actors.ada,
    planId: planAda,
    input: { carerEmail: EMAIL.ben, canContribute: false },
  });
  if (!waiting.ok || waiting.kind !== 'invited') throw new Error('Ben not invited');
  adaInvitationId = waiting.invitationId;
  // Named in Ada's care team, without the workspace role to care for her (viewer; another workspace).
  for (const who of ['manager', 'outsider'] as const) {
    await db.query(
      `INSERT INTO "CarePlanMember" (id, "carePlanId", "userId", name, role) VALUES ($1, $2, $3, $4, 'gp') ON CONFLICT DO NOTHING`,
      [`it-archive-member-${who}`, planAda, ids[who], who],
    );
  }
  // A coordinator with a phone number, for the person's notice; and a job of Ada's own.
  const member = await db.query('SELECT id FROM "CarePlanMember" WHERE "carePlanId" = $1 AND "userId" = $2', [
    planAda,
    ids.clinician,
  ]);
  const people = await server.editCarePlan({
    actor: actors.clinician,
    planId: planAda,
    edit: {
      op: 'people',
      revision: await formRevisionOf('clinician', planAda, 'people'),
      coordinatorId: member.rows[0].id,
      crisisContactName: '',
      crisisContactPhone: '',
      crisisContactDetail: '',
    },
  });
  expect(people).toMatchObject({ ok: true });
  await db.query(`UPDATE "CarePlanMember" SET phone = '01632 960 555' WHERE id = $1`, [member.rows[0].id]);
  const job = await server.editCarePlan({
    actor: actors.clinician,
    planId: planAda,
    edit: {
      op: 'action.save',
      description: 'Walk to the end of the road',
      ownerKind: 'person',
      dueDate: '',
      status: 'to_do',
    },
  });
  if (!job.ok || !job.id) throw new Error(`no action: ${JSON.stringify(job)}`);
  adaActionId = job.id;
});

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

describe('who may archive a care plan', () => {
  it('refuses the person, their carer, a viewer or another workspace’s GP named in the team, an editor outside the team, and a guessed id, as "not found", on the plan’s record', async () => {
    for (const who of ['ada', 'cal', 'manager', 'outsider', 'nurse'] as const) {
      const before = await deniedArchiveRows(ids[who], planAda, 'archive');
      const r = await server.archiveCarePlan({ actor: actors[who], planId: planAda, confirm: 'yes' });
      expect(r, who).toEqual({
        ok: false,
        reason: 'not_found',
        message: 'This care plan was not found, or you do not have access to it.',
      });
      expect(await deniedArchiveRows(ids[who], planAda, 'archive'), who).toBe(before + 1);
    }
    const guessed = await server.archiveCarePlan({ actor: actors.clinician, planId: GUESSED, confirm: 'yes' });
    expect(guessed).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await planRow(planAda)).toMatchObject({ status: 'active', archivedAt: null, archivedById: null });
  });

  it('does not archive without the confirmation, and says which field and what it got', async () => {
    for (const confirm of [undefined, '', 'on', 'true']) {
      const r = await server.archiveCarePlan({ actor: actors.clinician, planId: planAda, confirm });
      expect(r, String(confirm)).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'confirm' }] });
      if (confirm === 'on' && !r.ok && r.reason === 'invalid') expect(r.errors[0]?.message).toContain('“on”');
    }
    expect((await planRow(planAda)).status).toBe('active');
    const allowed = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "resourceId" = $1 AND outcome = 'allowed' AND detail->>'op' = 'archive'`,
      [planAda],
    );
    expect(allowed.rows[0].n).toBe(0);
  });
});

describe('an archived plan', () => {
  it('is archived by a clinician of the care team, with the date and who, and audited with the change', async () => {
    const before = Date.now();
    const r = await server.archiveCarePlan({ actor: actors.clinician, planId: planAda, confirm: 'yes' });
    expect(r).toMatchObject({ ok: true, status: 'archived' });
    const row = await planRow(planAda);
    expect(row.status).toBe('archived');
    expect(row.archivedById).toBe(ids.clinician);
    expect(row.archivedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const audited = await db.query(
      `SELECT action, outcome FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND detail->>'op' = 'archive' AND outcome = 'allowed'`,
      [ids.clinician, planAda],
    );
    expect(audited.rows).toEqual([{ action: 'carePlan:edit', outcome: 'allowed' }]);
    // Archiving twice changes nothing and says so.
    const again = await server.archiveCarePlan({ actor: actors.clinician, planId: planAda, confirm: 'yes' });
    expect(again).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('already archived') });
    expect((await planRow(planAda)).archivedAt!.getTime()).toBe(row.archivedAt!.getTime());
  });

  it('refuses every change, from the care team, the person and their carer, naming why, and records the refusal', async () => {
    const title = (await planRow(planAda)).title;
    const edit = await server.editCarePlan({
      actor: actors.clinician,
      planId: planAda,
      edit: { op: 'details', title: 'Changed after archiving', whatMattersToMe: '', reviewDate: '' },
    });
    expect(edit).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/^This plan was archived on \d+ \w+ \d{4}, so it cannot be changed\./),
      errors: [{ path: 'planId', message: expect.stringContaining('Plan status: archived.') }],
    });
    expect((await planRow(planAda)).title).toBe(title);
    const merge = await server.mergeCarePlanSteps({
      actor: actors.clinician,
      planId: planAda,
      input: { title: 'x', steps: [] },
    });
    expect(merge).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'planId' }] });

    for (const who of ['ada', 'cal'] as const) {
      const note = await server.addCarePlanNote({ actor: actors[who], planId: planAda, input: { body: 'A question' } });
      expect(note, who).toMatchObject({
        ok: false,
        reason: 'invalid',
        message: expect.stringContaining('This plan is no longer in use'),
      });
      const tick = await server.setCarePlanActionDone({
        actor: actors[who],
        planId: planAda,
        input: { actionId: adaActionId, done: true },
      });
      expect(tick, who).toMatchObject({ ok: false, reason: 'invalid' });
    }
    const notes = await db.query('SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1', [planAda]);
    expect(notes.rows[0].n).toBe(0);
    const action = await db.query('SELECT status::text AS status FROM "CarePlanAction" WHERE id = $1', [adaActionId]);
    expect(action.rows[0].status).toBe('to_do');
    const refusals = await db.query(
      `SELECT "actorId", detail->>'op' AS op FROM "AuditEvent" WHERE "resourceId" = $1 AND outcome = 'denied' AND detail->>'reason' = 'archived' ORDER BY at`,
      [planAda],
    );
    expect(refusals.rows).toEqual([
      { actorId: ids.clinician, op: 'details' },
      { actorId: ids.clinician, op: 'merge' },
      { actorId: ids.ada, op: 'note.add' },
      { actorId: ids.ada, op: 'action.done' },
      { actorId: ids.cal, op: 'note.add' },
      { actorId: ids.cal, op: 'action.done' },
    ]);
    // Someone outside the team is still told only "not found", not that the plan is archived.
    const outside = await server.editCarePlan({
      actor: actors.nurse,
      planId: planAda,
      edit: { op: 'medication', medicationSummary: 'x' },
    });
    expect(outside).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('can still be read by the person, their carer and the care team, and each read is audited', async () => {
    for (const [who, via] of [
      ['ada', 'page'],
      ['cal', 'page'],
      ['clinician', 'editor'],
    ] as const) {
      const views = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:view' AND outcome = 'allowed'`,
            [ids[who], planAda],
          )
        ).rows[0].n as number;
      const before = await views();
      const read = await server.getCarePlan({
        actor: actors[who],
        planId: planAda,
        via,
        ...(who === 'clinician' ? { workspaceId, requireEdit: true } : {}),
      });
      expect(read?.plan.status, who).toBe('archived');
      expect(read?.plan.archivedAt, who).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await views(), who).toBe(before + 1);
    }
    // The manager, named in the team but only a viewer of the workspace, still cannot read it.
    expect(await server.getCarePlan({ actor: actors.manager, planId: planAda, via: 'page' })).toBeNull();
  });

  it('is listed after the active plans, marked as archived, for the care team and for the carer', async () => {
    const mine = await server.listMyCarePlans({ actor: actors.cal });
    expect(mine.map((p) => [p.id, p.status])).toEqual([
      [planBen, 'active'],
      [planAda, 'archived'],
    ]);
    expect(mine[1]?.archivedAt).toMatch(/^\d{4}-/);
    const adaOwn = await server.listMyCarePlans({ actor: actors.ada });
    expect(adaOwn.map((p) => [p.id, p.status])).toEqual([[planAda, 'archived']]);

    const team = await server.listCarePlans({ actor: actors.clinician, workspaceId });
    const statuses = team.map((p) => p.status);
    const firstArchived = statuses.indexOf('archived');
    expect(team.find((p) => p.id === planAda)?.status).toBe('archived');
    expect(team.find((p) => p.id === planBen)?.status).toBe('active');
    expect(statuses.slice(firstArchived).every((s) => s === 'archived')).toBe(true);
  });

  it('says so on the care team’s page (read-only, with the way to restore) and on the person’s page (with who to contact)', async () => {
    const clinician = await signedIn('clinician', 1);
    const teamPage = await clinician.fetch(`/w/${slug}/care-plans/${planAda}`);
    expect(teamPage.status).toBe(200);
    const teamHtml = await teamPage.text();
    expect(teamHtml).toContain('This plan is archived');
    expect(teamHtml).toMatch(/Archived on \d+ \w+ \d{4}\./);
    expect(teamHtml).toContain('Restore this plan');
    // No editing forms: the "Archive this plan" form and the details form are not there.
    expect(teamHtml).not.toContain('aria-label="Archive this plan"');
    expect(teamHtml).not.toContain('name="op"');

    const ada = await signedIn('ada', 2);
    const own = await ada.fetch('/my-plan');
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).toContain('This plan is no longer in use');
    expect(ownHtml).toContain('Your care team stopped using this plan on');
    expect(ownHtml).toContain('01632 960 555');
    // Nothing to tick off or write.
    expect(ownHtml).not.toContain('name="actionId"');
  });

  it('invites nobody new, over HTTP or in the use case, saying why, on the plan’s record; the person can still take back an invitation and stop sharing', async () => {
    const sharingPath = `/my-plan/${planAda}/sharing`;
    const before = await archivedShareRefusals();

    // Ada's sharing page: no form to ask anyone new, and why; her invitation from before archiving
    // and Cal's access are still listed, each with its button.
    const ada = await signedIn('ada', 3);
    const page = await ada.fetch(sharingPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(INVITE_REFUSED);
    expect(html).not.toContain('aria-label="Share your plan with someone"');
    expect(html).not.toContain('name="carerEmail"');
    expect(html).toContain(EMAIL.ben);
    expect(html).toContain('They cannot say yes while your plan is archived.');

    // The invite form as a page opened before archiving would send it (taken from Ben's page, as
    // Ada's has none: the same server action), naming Ada's plan: refused, and nobody is invited.
    const ben = await signedIn('ben', 4);
    const benPage = await ben.fetch(`/my-plan/${planBen}/sharing`);
    expect(benPage.status).toBe(200);
    const invite = formFields(await benPage.text(), 'aria-label="Share your plan with someone"');
    invite.set('planId', planAda);
    invite.set('carerEmail', 'newcomer.archive@pathweave.test');
    const sent = await postForm(ada, sharingPath, invite);
    expect(sent.status).toBe(200);
    expect(await sent.text()).not.toContain('You have asked newcomer.archive@pathweave.test');
    expect(await invitationsTo('newcomer.archive@pathweave.test')).toBe(0);
    const refusal = { op: 'invite', id: planAda, reason: 'archived' };
    expect(await archivedShareRefusals()).toEqual([...before, refusal]);

    // The use case says why, in the page's words. Asking Ben again (his invitation is still waiting)
    // is refused too, and leaves it as it was.
    const again = await server.grantCarePlanAccess({
      actor: actors.ada,
      planId: planAda,
      input: { carerEmail: EMAIL.ben, canContribute: true },
    });
    expect(again).toEqual({
      ok: false,
      reason: 'invalid',
      message: INVITE_REFUSED,
      errors: [{ path: 'planId', message: `Plan status: archived. ${INVITE_REFUSED}` }],
    });
    const waiting = await db.query('SELECT "canContribute", "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [
      adaInvitationId,
    ]);
    expect(waiting.rows).toEqual([{ canContribute: false, respondedAt: null }]);
    expect(await invitationsTo(EMAIL.ben)).toBe(1);
    expect(await archivedShareRefusals()).toEqual([...before, refusal, refusal]);
    // Ben still cannot say yes to it while the plan is archived.
    expect(
      await server.respondToCarePlanInvitation({ actor: actors.ben, invitationId: adaInvitationId, accept: true }),
    ).toMatchObject({ ok: false, reason: 'not_found' });

    // Ada takes the invitation back, and stops sharing with Cal, with her page's own forms.
    const cancelled = await postForm(ada, sharingPath, formFields(html, `value="${adaInvitationId}"`));
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toContain('notice=cancelled');
    const taken = await db.query('SELECT outcome::text AS outcome FROM "CarePlanInvitation" WHERE id = $1', [
      adaInvitationId,
    ]);
    expect(taken.rows).toEqual([{ outcome: 'cancelled' }]);
    // The page the answer leads to reads the taken-back address: that read is on the plan's record,
    // as a read of who can see the plan (carePlan:view), never as a change of it (carePlan:share).
    const noticeReads = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:view' AND outcome = 'allowed' AND detail = '{"via": "sharing", "notice": "cancel-invite"}'::jsonb`,
          [ids.ada, planAda],
        )
      ).rows[0].n as number;
    const shareRows = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:share'`,
          [ids.ada, planAda],
        )
      ).rows[0].n as number;
    const readsBefore = await noticeReads();
    const shareRowsBefore = await shareRows();
    const notice = await ada.fetch(cancelled.headers.get('location')!);
    expect(notice.status).toBe(200);
    expect(await notice.text()).toContain(EMAIL.ben);
    expect(await noticeReads()).toBe(readsBefore + 1);
    expect(await shareRows()).toBe(shareRowsBefore);
    // The care team's record says so: a look, not a change, of who can see the plan.
    const trail = await server.getCarePlanAudit({ actor: actors.clinician, planId: planAda });
    const byAda = trail?.entries.filter((e) => e.who === 'The person').map((e) => e.what);
    expect(byAda).toContain('Looked at who can see the plan');
    expect(byAda).not.toContain('Changed who can see the plan');
    const stopped = await postForm(ada, sharingPath, formFields(html, 'name="grantId"'));
    expect(stopped.status).toBe(303);
    expect(stopped.headers.get('location')).toContain('notice=stopped');
    const live = await db.query(
      'SELECT count(*)::int AS n FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
      [planAda, ids.cal],
    );
    expect(live.rows[0].n).toBe(0);
    expect(await server.getCarePlan({ actor: actors.cal, planId: planAda, via: 'page' })).toBeNull();
    const changes = await db.query(
      `SELECT detail->>'op' AS op FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:share' AND outcome = 'allowed' AND detail->>'op' IN ('cancel-invite', 'revoke') ORDER BY at`,
      [ids.ada, planAda],
    );
    expect(changes.rows).toEqual([{ op: 'cancel-invite' }, { op: 'revoke' }]);
    expect(await archivedShareRefusals()).toHaveLength(before.length + 2);

    // Cal saw the plan before, so he is not someone new: Ada can share it with him again.
    const back = await server.grantCarePlanAccess({
      actor: actors.ada,
      planId: planAda,
      input: { carerEmail: EMAIL.cal, canContribute: true },
    });
    expect(back).toMatchObject({ ok: true, kind: 'granted', name: 'Cal Archer' });
    expect((await server.getCarePlan({ actor: actors.cal, planId: planAda, via: 'page' }))?.plan.status).toBe(
      'archived',
    );
  });

  it('is restored only by a clinician of the care team, audited, and can then be changed again', async () => {
    for (const who of ['ada', 'cal', 'manager', 'outsider', 'nurse'] as const) {
      const before = await deniedArchiveRows(ids[who], planAda, 'restore');
      expect(await server.restoreCarePlan({ actor: actors[who], planId: planAda }), who).toMatchObject({
        ok: false,
        reason: 'not_found',
      });
      expect(await deniedArchiveRows(ids[who], planAda, 'restore'), who).toBe(before + 1);
    }
    expect((await planRow(planAda)).status).toBe('archived');

    expect(await server.restoreCarePlan({ actor: actors.clinician, planId: planAda })).toEqual({
      ok: true,
      status: 'active',
      archivedAt: null,
    });
    expect(await planRow(planAda)).toMatchObject({ status: 'active', archivedAt: null, archivedById: null });
    const audit = await server.getCarePlanAudit({ actor: actors.ada, planId: planAda });
    expect(audit?.entries.map((e) => e.what)).toEqual(
      expect.arrayContaining(['Archived the plan: it is no longer in use', 'Restored the plan: it is in use again']),
    );
    // Restoring twice says there is nothing to restore.
    expect(await server.restoreCarePlan({ actor: actors.clinician, planId: planAda })).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringContaining('not archived'),
    });
    const note = await server.addCarePlanNote({ actor: actors.ada, planId: planAda, input: { body: 'Back again' } });
    expect(note).toMatchObject({ ok: true });
    expect(
      await server.editCarePlan({
        actor: actors.clinician,
        planId: planAda,
        edit: {
          op: 'medication',
          medicationSummary: 'Unchanged',
          revision: await formRevisionOf('clinician', planAda, 'medication'),
        },
      }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a change that was waiting while the plan was being archived (no change lands on an archived plan)', async () => {
    // Another connection archives the plan and holds its transaction open: the row is locked.
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `UPDATE "CarePlan" SET status = 'archived', "archivedAt" = now(), "archivedById" = $2 WHERE id = $1`,
        [planAda, ids.clinician],
      );
      // Passes the first check (the plan still reads active), then waits at the row lock.
      const revision = await formRevisionOf('clinician', planAda, 'medication');
      const pending = server.editCarePlan({
        actor: actors.clinician,
        planId: planAda,
        edit: { op: 'medication', medicationSummary: 'Written while archiving', revision },
      });
      // Wait until the change is actually waiting at the plan's row lock, then let the archive commit.
      await untilWaitingAtPlanRow('change');
      await other.query('COMMIT');
      expect(await pending).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'planId' }] });
      const row = await db.query('SELECT "medicationSummary" FROM "CarePlan" WHERE id = $1', [planAda]);
      expect(row.rows[0].medicationSummary).toBe('Unchanged');
    } finally {
      await other.query(
        `UPDATE "CarePlan" SET status = 'active', "archivedAt" = NULL, "archivedById" = NULL WHERE id = $1`,
        [planAda],
      );
      await other.end();
    }
  });
  it('refuses an invitation that was waiting while the plan was being archived (nobody is invited to an archived plan)', async () => {
    const before = await archivedShareRefusals();
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `UPDATE "CarePlan" SET status = 'archived', "archivedAt" = now(), "archivedById" = $2 WHERE id = $1`,
        [planAda, ids.clinician],
      );
      // Passes the first check (the plan still reads active), then waits at the plan's row lock.
      const pending = server.grantCarePlanAccess({
        actor: actors.ada,
        planId: planAda,
        input: { carerEmail: 'late.archive@pathweave.test', canContribute: false },
      });
      await untilWaitingAtPlanRow('invitation');
      await other.query('COMMIT');
      expect(await pending).toMatchObject({ ok: false, reason: 'invalid', message: INVITE_REFUSED });
      expect(await invitationsTo('late.archive@pathweave.test')).toBe(0);
      expect(await archivedShareRefusals()).toEqual([...before, { op: 'invite', id: planAda, reason: 'archived' }]);
    } finally {
      await other.query(
        `UPDATE "CarePlan" SET status = 'active', "archivedAt" = NULL, "archivedById" = NULL WHERE id = $1`,
        [planAda],
      );
      await other.end();
    }
  });

  it('refuses a yes to an invitation that was waiting while the plan was being archived (no grant on an archived plan)', async () => {
    const invited = await server.grantCarePlanAccess({
      actor: actors.ada,
      planId: planAda,
      input: { carerEmail: EMAIL.ben, canContribute: false },
    });
    expect(invited).toMatchObject({ ok: true, kind: 'invited' });
    const invitationId = (invited as { invitationId: string }).invitationId;
    const grantsToBen = async () =>
      (
        await db.query(
          'SELECT count(*)::int AS n FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
          [planAda, ids.ben],
        )
      ).rows[0].n as number;
    const grantsBefore = await grantsToBen();
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `UPDATE "CarePlan" SET status = 'archived', "archivedAt" = now(), "archivedById" = $2 WHERE id = $1`,
        [planAda, ids.clinician],
      );
      // Passes the first checks (the plan still reads active), then waits at the plan's row lock.
      const pending = server.respondToCarePlanInvitation({ actor: actors.ben, invitationId, accept: true });
      await untilWaitingAtPlanRow('answer');
      await other.query('COMMIT');
      expect(await pending).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await grantsToBen()).toBe(grantsBefore);
      const answered = await db.query('SELECT "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [invitationId]);
      expect(answered.rows[0].respondedAt).toBeNull();
    } finally {
      await other.query(
        `UPDATE "CarePlan" SET status = 'active', "archivedAt" = NULL, "archivedById" = NULL WHERE id = $1`,
        [planAda],
      );
      await other.end();
      await db.query('DELETE FROM "CarePlanInvitation" WHERE id = $1 AND "respondedAt" IS NULL', [invitationId]);
    }
  });

  it('refuses a carer’s note that was waiting while the person stopped sharing (nothing is added after sharing stops)', async () => {
    const notes = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1 AND body = $2', [planBen, 'Sent as sharing stopped']))
        .rows[0].n as number;
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      // Ben stops sharing with Cal: his transaction holds the plan's row, as revokeCarePlanAccess does.
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM "CarePlan" WHERE id = $1 FOR NO KEY UPDATE', [planBen]);
      await other.query('UPDATE "CarePlanCarerGrant" SET "revokedAt" = now() WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL', [
        planBen,
        ids.cal,
      ]);
      // Cal's note passes the first check (the grant still reads live), then waits at the plan's row.
      const pending = server.addCarePlanNote({ actor: actors.cal, planId: planBen, input: { body: 'Sent as sharing stopped' } });
      await untilWaitingAtPlanRow('note');
      await other.query('COMMIT');
      expect(await pending).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await notes()).toBe(0);
      const refusal = await db.query(
        `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND outcome = 'denied' AND detail->>'reason' = 'access changed'`,
        [ids.cal, planBen],
      );
      expect(refusal.rows).toHaveLength(1);
    } finally {
      await other.query(
        'UPDATE "CarePlanCarerGrant" SET "revokedAt" = NULL WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NOT NULL',
        [planBen, ids.cal],
      );
      await other.end();
    }
    // Sharing again, Cal's notes are added as before.
    expect(await server.addCarePlanNote({ actor: actors.cal, planId: planBen, input: { body: 'Sent as sharing stopped' } })).toMatchObject({ ok: true });
    expect(await notes()).toBe(1);
  });

  it('refuses an archive or a restore that was waiting while the clinician was taken off the care team, as "not found", on the plan’s record', async () => {
    // The clinician was checked (and is named in the team) when each request started; another
    // connection holds Ben's plan's row, as a change of the care team does, and takes the
    // clinician off it. The archive or restore waits at the row, then must ask again and refuse.
    const accessChangedRows = async (op: 'archive' | 'restore') =>
      (
        await db.query(
          `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:edit' AND outcome = 'denied' AND detail->>'reason' = 'access changed' AND detail->>'op' = $3`,
          [ids.clinician, planBen, op],
        )
      ).rows.map((row) => row.detail);
    const member = await db.query('SELECT id FROM "CarePlanMember" WHERE "carePlanId" = $1 AND "userId" = $2', [
      planBen,
      ids.clinician,
    ]);
    const memberId = member.rows[0].id as string;
    const takenOff = async (run: () => Promise<unknown>): Promise<unknown> => {
      const other = new pg.Client({ connectionString: databaseUrl });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT 1 FROM "CarePlan" WHERE id = $1 FOR NO KEY UPDATE', [planBen]);
        await other.query('UPDATE "CarePlanMember" SET "userId" = NULL WHERE id = $1', [memberId]);
        const pending = run();
        await untilWaitingOnPlan('archive or restore');
        await other.query('COMMIT');
        return await pending;
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        // Back on the team, for what follows.
        await other.query('UPDATE "CarePlanMember" SET "userId" = $2 WHERE id = $1', [memberId, ids.clinician]);
        await other.end();
      }
    };
    const notFound = { ok: false, reason: 'not_found', message: 'This care plan was not found, or you do not have access to it.' };

    expect(await planRow(planBen)).toMatchObject({ status: 'active', archivedAt: null });
    const archived = await takenOff(() =>
      server.archiveCarePlan({ actor: actors.clinician, planId: planBen, confirm: 'yes' }),
    );
    expect(archived).toEqual(notFound);
    expect(await planRow(planBen)).toMatchObject({ status: 'active', archivedAt: null, archivedById: null });
    expect(await accessChangedRows('archive')).toEqual([{ op: 'archive', id: planBen, reason: 'access changed' }]);

    // Back on the team, the clinician archives it; taken off again, their restore is refused.
    expect(await server.archiveCarePlan({ actor: actors.clinician, planId: planBen, confirm: 'yes' })).toMatchObject({
      ok: true,
      status: 'archived',
    });
    const archivedAt = (await planRow(planBen)).archivedAt;
    const restored = await takenOff(() => server.restoreCarePlan({ actor: actors.clinician, planId: planBen }));
    expect(restored).toEqual(notFound);
    expect(await planRow(planBen)).toMatchObject({ status: 'archived', archivedAt, archivedById: ids.clinician });
    expect(await accessChangedRows('restore')).toEqual([{ op: 'restore', id: planBen, reason: 'access changed' }]);

    // Back on the team again, the restore goes through.
    expect(await server.restoreCarePlan({ actor: actors.clinician, planId: planBen })).toEqual({
      ok: true,
      status: 'active',
      archivedAt: null,
    });
  });

  it('changes made at the same moment on an active plan take turns: none deadlocks or is lost', async () => {
    // The person ticks an action off and adds notes while a clinician edits: each holds the plan's
    // row first, then updates it. Had they shared the row lock, two would wait on each other.
    const medication = await formRevisionOf('clinician', planAda, 'medication');
    const results = await Promise.all([
      server.setCarePlanActionDone({ actor: actors.ada, planId: planAda, input: { actionId: adaActionId, done: true } }),
      server.addCarePlanNote({ actor: actors.ada, planId: planAda, input: { body: 'At the same moment, one' } }),
      server.addCarePlanNote({ actor: actors.ada, planId: planAda, input: { body: 'At the same moment, two' } }),
      server.editCarePlan({
        actor: actors.clinician,
        planId: planAda,
        edit: { op: 'medication', medicationSummary: 'Edited at the same moment', revision: medication },
      }),
      server.setCarePlanActionDone({ actor: actors.ada, planId: planAda, input: { actionId: adaActionId, done: true } }),
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: true });
    const notes = await db.query(
      `SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1 AND body LIKE 'At the same moment%'`,
      [planAda],
    );
    expect(notes.rows[0].n).toBe(2);
    const plan = await db.query('SELECT "medicationSummary" FROM "CarePlan" WHERE id = $1', [planAda]);
    expect(plan.rows[0].medicationSummary).toBe('Edited at the same moment');
    const action = await db.query('SELECT status::text AS status FROM "CarePlanAction" WHERE id = $1', [adaActionId]);
    expect(action.rows[0].status).toBe('done');
  });
});
