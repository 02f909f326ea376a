import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { SignedInActor } from '@/lib/auth/actor';
import { DEMO_PASSWORD, Session } from '../support/http';
import { randomTestNhsNumber } from '../support/nhs-number';
import { testPeople } from '../support/people';

/**
 * The person says they agree with their plan (lib/server/agree-care-plan.ts), against the real
 * database. Only the person can, and only the plan they were shown: a carer (even one allowed to help),
 * the care team, another patient and a guessed id are answered as for a plan that does not exist,
 * change nothing, and are on the record. A change by the care team afterwards shows as "changed
 * since"; the plan being lived (a note, a job ticked off) does not. The people and the plan are this
 * file's own (Ada, her carer Cal, another patient Pat); the care team is the practice nurse.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  createCarePlan: typeof import('@/lib/server/create-care-plan').createCarePlan;
  editCarePlan: typeof import('@/lib/server/edit-care-plan').editCarePlan;
  addCarePlanNote: typeof import('@/lib/server/add-care-plan-note').addCarePlanNote;
  setCarePlanActionDone: typeof import('@/lib/server/set-care-plan-action-done').setCarePlanActionDone;
  grantCarePlanAccess: typeof import('@/lib/server/grant-care-plan-access').grantCarePlanAccess;
  respondToCarePlanInvitation: typeof import('@/lib/server/care-plan-invitations').respondToCarePlanInvitation;
  agreeToCarePlan: typeof import('@/lib/server/agree-care-plan').agreeToCarePlan;
  PLAN_CHANGED_WHILE_READ: string;
  loadCarePlanView: typeof import('@/lib/server/get-care-plan').loadCarePlanView;
  archiveCarePlan: typeof import('@/lib/server/archive-care-plan').archiveCarePlan;
  loadActor: typeof import('@/lib/auth/session').loadActor;
  disconnect: () => Promise<void>;
};
let server: Server;

const EMAIL = {
  ada: 'ada.agrees@pathweave.test', // the person whose plan it is
  cal: 'cal.agrees@pathweave.test', // Ada's carer, allowed to add notes and tick off jobs
  pat: 'pat.agrees@pathweave.test', // another patient
  clinician: 'practice.nurse@pathweave.test', // makes the plan: care team + workspace editor
} as const;
type Who = keyof typeof EMAIL;
const ids = {} as Record<Who, string>;
const actors = {} as Record<Who, SignedInActor>;
let planId = '';
let adaJobId = '';
const GUESSED = 'cmzzzzzzzzzzzzzzzzzzzzzzz';
const NOT_FOUND = {
  ok: false,
  reason: 'not_found',
  message: 'This care plan was not found, or you do not have access to it.',
};

async function stored(): Promise<{ agreedAt: Date | null; agreedRevision: string | null }> {
  const r = await db.query('SELECT "agreedAt", "agreedRevision" FROM "CarePlan" WHERE id = $1', [planId]);
  return r.rows[0];
}

async function agreement() {
  const view = await server.loadCarePlanView(planId);
  if (!view?.agreement) throw new Error('no agreement in the view');
  return view.agreement;
}

/** `who`'s audit rows of carePlan:agree on the plan (or a guessed id), with one outcome, oldest first. */
async function agreeAudits(who: Who, outcome: 'allowed' | 'denied', resourceId = planId): Promise<unknown[]> {
  const r = await db.query(
    `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:agree' AND outcome = $3 ORDER BY at, id`,
    [ids[who], resourceId, outcome],
  );
  return r.rows.map((row) => row.detail);
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [create, edit, note, done, grant, invitations, agree, read, archive, session, client] = await Promise.all([
    import('@/lib/server/create-care-plan'),
    import('@/lib/server/edit-care-plan'),
    import('@/lib/server/add-care-plan-note'),
    import('@/lib/server/set-care-plan-action-done'),
    import('@/lib/server/grant-care-plan-access'),
    import('@/lib/server/care-plan-invitations'),
    import('@/lib/server/agree-care-plan'),
    import('@/lib/server/get-care-plan'),
    import('@/lib/server/archive-care-plan'),
    import('@/lib/auth/session'),
    import('@/lib/db/client'),
  ]);
  server = {
    createCarePlan: create.createCarePlan,
    editCarePlan: edit.editCarePlan,
    addCarePlanNote: note.addCarePlanNote,
    setCarePlanActionDone: done.setCarePlanActionDone,
    grantCarePlanAccess: grant.grantCarePlanAccess,
    respondToCarePlanInvitation: invitations.respondToCarePlanInvitation,
    agreeToCarePlan: agree.agreeToCarePlan,
    PLAN_CHANGED_WHILE_READ: agree.PLAN_CHANGED_WHILE_READ,
    loadCarePlanView: read.loadCarePlanView,
    archiveCarePlan: archive.archiveCarePlan,
    loadActor: session.loadActor,
    disconnect: client.disconnectPrisma,
  };
  const people = await testPeople(
    db,
    server.loadActor,
    EMAIL,
    [
      ['ada', 'Ada Agnew', 'patient'],
      ['cal', 'Cal Agnew', 'carer'],
      ['pat', 'Pat Agnew', 'patient'],
    ],
    'it-agrees',
  );
  Object.assign(ids, people.ids);
  Object.assign(actors, people.actors);
  const ws = await db.query(`SELECT id FROM "Workspace" WHERE name = 'Riverside GP Cluster'`);
  const pathways = await db.query(
    `SELECT id FROM "Pathway" WHERE "workspaceId" = $1 AND NOT "isTemplate" ORDER BY title LIMIT 1`,
    [ws.rows[0].id],
  );
  const patientNhsNumber = randomTestNhsNumber();
  await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE id = $1', [ids.ada, patientNhsNumber]);
  const created = await server.createCarePlan({
    actor: actors.clinician,
    workspaceId: ws.rows[0].id,
    input: { patientEmail: EMAIL.ada, patientNhsNumber, pathwayIds: [pathways.rows[0].id as string] },
  });
  if (!created.ok) throw new Error(`could not make Ada's plan: ${created.message}`);
  planId = created.planId;
  const shared = await server.grantCarePlanAccess({
    actor: actors.ada,
    planId,
    input: { carerEmail: EMAIL.cal, canContribute: true },
  });
  if (!shared.ok || shared.kind !== 'invited') throw new Error('Cal not invited');
  const yes = await server.respondToCarePlanInvitation({
    actor: actors.cal,
    invitationId: shared.invitationId,
    accept: true,
  });
  if (!yes.ok) throw new Error('Cal could not say yes');
  const job = await server.editCarePlan({
    actor: actors.clinician,
    planId,
    edit: { op: 'action.save', description: 'Walk to the post box', ownerKind: 'person', dueDate: '', status: 'to_do' },
  });
  if (!job.ok || !job.id) throw new Error(`no action: ${JSON.stringify(job)}`);
  adaJobId = job.id;
});

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

describe('agreeing a care plan', () => {
  it('is not done for the person: a new plan shows as not agreed yet', async () => {
    expect(await stored()).toEqual({ agreedAt: null, agreedRevision: null });
    expect(await agreement()).toMatchObject({ agreedAt: null, stillAsAgreed: false });
  });

  it('refuses a carer allowed to help, the care team, another patient and a guessed id as "not found", changes nothing, and records each', async () => {
    const shown = (await agreement()).revision;
    for (const who of ['cal', 'clinician', 'pat'] as const) {
      const before = await agreeAudits(who, 'denied');
      expect(await server.agreeToCarePlan({ actor: actors[who], planId, input: { revision: shown } }), who).toEqual(
        NOT_FOUND,
      );
      expect(await agreeAudits(who, 'denied'), who).toEqual([...before, { op: 'agree' }]);
      expect(await agreeAudits(who, 'allowed'), who).toEqual([]);
    }
    expect(await server.agreeToCarePlan({ actor: actors.ada, planId: GUESSED, input: { revision: shown } })).toEqual(
      NOT_FOUND,
    );
    expect(await agreeAudits('ada', 'denied', GUESSED)).toEqual([{ op: 'agree' }]);
    expect(await stored()).toEqual({ agreedAt: null, agreedRevision: null });
  });

  it('refuses a plan the care team changed since the person was shown it, and says to read it again', async () => {
    const shown = (await agreement()).revision;
    const details = (await server.loadCarePlanView(planId))?.formRevisions?.details ?? '';
    const changed = await server.editCarePlan({
      actor: actors.clinician,
      planId,
      edit: {
        op: 'details',
        title: 'Ada’s plan for the winter',
        whatMattersToMe: 'Seeing my sister on Sundays.',
        revision: details,
        reviewDate: '',
      },
    });
    expect(changed, JSON.stringify(changed)).toMatchObject({ ok: true });
    const refused = await server.agreeToCarePlan({ actor: actors.ada, planId, input: { revision: shown } });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: server.PLAN_CHANGED_WHILE_READ,
      errors: [{ path: 'revision', message: server.PLAN_CHANGED_WHILE_READ }],
    });
    expect(await stored()).toEqual({ agreedAt: null, agreedRevision: null });
    expect(await agreeAudits('ada', 'denied')).toEqual([{ op: 'agree', id: planId, reason: 'changed since shown' }]);
    // A page that sent no revision is refused with what to do, naming the field.
    expect(await server.agreeToCarePlan({ actor: actors.ada, planId, input: { revision: '' } })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [
        {
          path: 'revision',
          message: 'Plan: the page did not say which plan you read. Reload the page, then try again.',
        },
      ],
    });
    expect(await agreeAudits('ada', 'denied')).toEqual([
      { op: 'agree', id: planId, reason: 'changed since shown' },
      { op: 'agree', id: planId, reason: 'no revision' },
    ]);
  });

  it('records the person’s agreement to the plan as shown, and the record says so', async () => {
    const shown = (await agreement()).revision;
    const before = Date.now();
    const agreed = await server.agreeToCarePlan({ actor: actors.ada, planId, input: { revision: shown } });
    expect(agreed).toMatchObject({ ok: true });
    const row = await stored();
    expect(row.agreedRevision).toBe(shown);
    expect(row.agreedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await agreement()).toEqual({ agreedAt: row.agreedAt!.toISOString(), stillAsAgreed: true, revision: shown });
    expect(await agreeAudits('ada', 'allowed')).toEqual([{ op: 'agree', revision: shown }]);
  });

  it('stays agreed as the plan is lived: a note by the carer, a job ticked off by the person', async () => {
    expect(
      await server.addCarePlanNote({ actor: actors.cal, planId, input: { body: 'Ada walked further today.' } }),
    ).toMatchObject({ ok: true });
    expect(
      await server.setCarePlanActionDone({ actor: actors.ada, planId, input: { actionId: adaJobId, done: true } }),
    ).toMatchObject({ ok: true });
    expect(await agreement()).toMatchObject({ stillAsAgreed: true });
  });

  it('shows as changed since once the care team changes what the plan says, and the person can agree again', async () => {
    const agreedAt = (await stored()).agreedAt;
    const job = await server.editCarePlan({
      actor: actors.clinician,
      planId,
      edit: {
        op: 'action.save',
        description: 'Ring the practice about the inhaler',
        ownerKind: 'person',
        dueDate: '',
        status: 'to_do',
      },
    });
    expect(job).toMatchObject({ ok: true });
    const now = await agreement();
    expect(now).toMatchObject({ agreedAt: agreedAt!.toISOString(), stillAsAgreed: false });
    expect(
      await server.agreeToCarePlan({ actor: actors.ada, planId, input: { revision: now.revision } }),
    ).toMatchObject({ ok: true });
    expect(await agreement()).toMatchObject({ stillAsAgreed: true, revision: now.revision });
    expect((await stored()).agreedAt!.getTime()).toBeGreaterThan(agreedAt!.getTime());
  });

  it('is refused once the plan is archived, with why, and changes nothing', async () => {
    const shown = (await agreement()).revision;
    const before = await stored();
    expect(await server.archiveCarePlan({ actor: actors.clinician, planId, confirm: 'yes' })).toMatchObject({
      ok: true,
      status: 'archived',
    });
    const refused = await server.agreeToCarePlan({ actor: actors.ada, planId, input: { revision: shown } });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'planId' }] });
    expect(JSON.stringify(refused)).toContain('archived');
    expect(await stored()).toEqual(before);
  });

  it('is said over HTTP on the person’s page, and by name on the care team’s', async () => {
    const ada = new Session(baseUrl);
    expect(await ada.signIn(EMAIL.ada, DEMO_PASSWORD, { 'x-forwarded-for': '10.74.1.1' })).toBeNull();
    const hers = await ada.fetch(`/my-plan/${planId}`);
    expect(hers.status).toBe(200);
    expect(await hers.text()).toContain('You agreed this plan on');
    const nurse = new Session(baseUrl);
    expect(await nurse.signIn(EMAIL.clinician, DEMO_PASSWORD, { 'x-forwarded-for': '10.74.1.2' })).toBeNull();
    const slug = (await db.query(`SELECT slug FROM "Workspace" WHERE name = 'Riverside GP Cluster'`)).rows[0]
      .slug as string;
    const theirs = await nurse.fetch(`/w/${slug}/care-plans/${planId}`);
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).toContain('Ada Agnew agreed this plan on');
  });
});
