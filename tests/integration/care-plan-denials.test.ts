import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { SignedInActor } from '@/lib/auth/actor';
import { DEMO_PASSWORD, Session } from '../support/http';
import { randomTestNhsNumber } from '../support/nhs-number';
import { testPeople } from '../support/people';

/**
 * Refusals of care plan use cases, tested as carefully as what they refuse: each is answered as for
 * a plan that does not exist, changes nothing, and is on the record. The plans are made here for
 * people of this file's own (Dee, whose plan stays active, and Fay, whose plan is archived), shared
 * with carers of its own (Cora may add notes, Vic may only look, Rex could until Dee stopped
 * sharing), so no other test's plan or list is touched. The care team is the practice nurse (as in
 * care-plan-archive.test.ts); the community nurse (an editor outside the team), the manager (a
 * workspace viewer named in Dee's team) and a GP of another workspace (also named in it) are not.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  createCarePlan: typeof import('@/lib/server/create-care-plan').createCarePlan;
  editCarePlan: typeof import('@/lib/server/edit-care-plan').editCarePlan;
  mergeCarePlanSteps: typeof import('@/lib/server/merge-care-plan-steps').mergeCarePlanSteps;
  unmergeCarePlanSteps: typeof import('@/lib/server/merge-care-plan-steps').unmergeCarePlanSteps;
  addCarePlanNote: typeof import('@/lib/server/add-care-plan-note').addCarePlanNote;
  deleteCarePlanNote: typeof import('@/lib/server/delete-care-plan-note').deleteCarePlanNote;
  grantCarePlanAccess: typeof import('@/lib/server/grant-care-plan-access').grantCarePlanAccess;
  cancelCarePlanInvitation: typeof import('@/lib/server/grant-care-plan-access').cancelCarePlanInvitation;
  cancelledInvitationEmail: typeof import('@/lib/server/grant-care-plan-access').cancelledInvitationEmail;
  revokeCarePlanAccess: typeof import('@/lib/server/revoke-care-plan-access').revokeCarePlanAccess;
  respondToCarePlanInvitation: typeof import('@/lib/server/care-plan-invitations').respondToCarePlanInvitation;
  declinedInvitation: typeof import('@/lib/server/care-plan-invitations').declinedInvitation;
  getCarePlanSharing: typeof import('@/lib/server/get-care-plan-sharing').getCarePlanSharing;
  getCarePlanAudit: typeof import('@/lib/server/get-care-plan-audit').getCarePlanAudit;
  archiveCarePlan: typeof import('@/lib/server/archive-care-plan').archiveCarePlan;
  loadActor: typeof import('@/lib/auth/session').loadActor;
  disconnect: () => Promise<void>;
};
let server: Server;

const EMAIL = {
  dee: 'dee.denials@pathweave.test', // patient: her plan stays active
  fay: 'fay.denials@pathweave.test', // patient: her plan is archived below; to Dee's plan, another patient
  cora: 'cora.denials@pathweave.test', // Dee's carer, may add notes and tick off jobs
  vic: 'vic.denials@pathweave.test', // Dee's carer, may only look
  rex: 'rex.denials@pathweave.test', // Dee's carer until she stopped sharing
  eli: 'eli.denials@pathweave.test', // invited by Dee, answers below
  clinician: 'practice.nurse@pathweave.test', // makes both plans: care team + workspace editor
  nurse: 'community.nurse@pathweave.test', // workspace editor, not in these care teams
  manager: 'manager@pathweave.test', // workspace viewer, named in Dee's team below
  outsider: 'outsider.gp@pathweave.test', // facilitator of another workspace, named in Dee's team below
} as const;
type Who = keyof typeof EMAIL;
const ids = {} as Record<Who, string>;
const actors = {} as Record<Who, SignedInActor>;
let workspaceId = '';
let planDee = '';
let planFay = '';
/** A job of Dee's own (she or a contributing carer may tick it off). */
let deeActionId = '';
/** A merge of two steps of Dee's plan, and one of Fay's. */
let deeMergeId = '';
let fayMergeId = '';
/** Dee's invitation to someone who has not answered. */
let waitingInvitationId = '';
const GUESSED = 'cmzzzzzzzzzzzzzzzzzzzzzzz';
const NOT_FOUND = {
  ok: false,
  reason: 'not_found',
  message: 'This care plan was not found, or you do not have access to it.',
};

async function signedIn(who: Who, n: number): Promise<Session> {
  const s = new Session(baseUrl);
  const error = await s.signIn(EMAIL[who], DEMO_PASSWORD, { 'x-forwarded-for': `10.73.${n}.1` });
  expect(error, `sign-in of ${who}`).toBeNull();
  return s;
}

/** The details of `actorId`'s audit rows on a resource, for one action and outcome, oldest first. */
async function auditDetails(
  actorId: string,
  resourceId: string,
  action: string,
  outcome: 'allowed' | 'denied',
): Promise<unknown[]> {
  const r = await db.query(
    `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = $3 AND outcome = $4 ORDER BY at, id`,
    [actorId, resourceId, action, outcome],
  );
  return r.rows.map((row) => row.detail);
}

/** What sharing Dee's plan consists of now: its invitations and grants, as stored. */
async function sharingOf(planId: string) {
  const invitations = await db.query(
    `SELECT id, email, "canContribute", "respondedAt", outcome::text AS outcome FROM "CarePlanInvitation" WHERE "carePlanId" = $1 ORDER BY id`,
    [planId],
  );
  const grants = await db.query(
    `SELECT id, "carerId", "canContribute", "revokedAt" FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 ORDER BY id`,
    [planId],
  );
  return { invitations: invitations.rows, grants: grants.rows };
}

async function notesOf(planId: string): Promise<{ id: string; authorId: string; body: string }[]> {
  const r = await db.query('SELECT id, "authorId", body FROM "CarePlanNote" WHERE "carePlanId" = $1 ORDER BY id', [
    planId,
  ]);
  return r.rows;
}

async function mergesOf(planId: string): Promise<string[]> {
  const r = await db.query('SELECT id FROM "CarePlanStepMerge" WHERE "carePlanId" = $1 ORDER BY id', [planId]);
  return r.rows.map((row) => row.id as string);
}

/** The person shares their plan with someone new, who says yes: the grant's id. */
async function shareAndAccept(carer: Who, canContribute: boolean): Promise<string> {
  const shared = await server.grantCarePlanAccess({
    actor: actors.dee,
    planId: planDee,
    input: { carerEmail: EMAIL[carer], canContribute },
  });
  if (!shared.ok || shared.kind !== 'invited') throw new Error(`${carer} not invited`);
  expect(
    await server.respondToCarePlanInvitation({ actor: actors[carer], invitationId: shared.invitationId, accept: true }),
  ).toMatchObject({ ok: true, planId: planDee });
  const live = await db.query(
    'SELECT id FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
    [planDee, ids[carer]],
  );
  return live.rows[0].id as string;
}

/** Two steps of the plan (the first of each of its pathways, as the plan follows them) merged into one by the care team: the merge's id. */
async function mergeTwoSteps(planId: string): Promise<string> {
  const followed = await db.query(
    `SELECT p.id AS "pathwayId",
            COALESCE((SELECT v.document FROM "PathwayVersion" v WHERE v."pathwayId" = p.id ORDER BY v.number DESC LIMIT 1), p.document) AS document
       FROM "CarePlanPathway" cpp JOIN "Pathway" p ON p.id = cpp."pathwayId"
      WHERE cpp."carePlanId" = $1 ORDER BY cpp.position`,
    [planId],
  );
  const steps = followed.rows.map((r) => ({
    pathwayId: r.pathwayId as string,
    stepId: (r.document as { steps: { id: string }[] }).steps[0]!.id,
  }));
  expect(steps).toHaveLength(2);
  const merged = await server.mergeCarePlanSteps({
    actor: actors.clinician,
    planId,
    input: { title: 'One review', steps },
  });
  if (!merged.ok) throw new Error(`could not merge: ${JSON.stringify(merged)}`);
  return merged.mergeId;
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [create, edit, merge, add, del, grant, revoke, invitations, sharing, auditMod, archive, session, client] =
    await Promise.all([
      import('@/lib/server/create-care-plan'),
      import('@/lib/server/edit-care-plan'),
      import('@/lib/server/merge-care-plan-steps'),
      import('@/lib/server/add-care-plan-note'),
      import('@/lib/server/delete-care-plan-note'),
      import('@/lib/server/grant-care-plan-access'),
      import('@/lib/server/revoke-care-plan-access'),
      import('@/lib/server/care-plan-invitations'),
      import('@/lib/server/get-care-plan-sharing'),
      import('@/lib/server/get-care-plan-audit'),
      import('@/lib/server/archive-care-plan'),
      import('@/lib/auth/session'),
      import('@/lib/db/client'),
    ]);
  server = {
    createCarePlan: create.createCarePlan,
    editCarePlan: edit.editCarePlan,
    mergeCarePlanSteps: merge.mergeCarePlanSteps,
    unmergeCarePlanSteps: merge.unmergeCarePlanSteps,
    addCarePlanNote: add.addCarePlanNote,
    deleteCarePlanNote: del.deleteCarePlanNote,
    grantCarePlanAccess: grant.grantCarePlanAccess,
    cancelCarePlanInvitation: grant.cancelCarePlanInvitation,
    cancelledInvitationEmail: grant.cancelledInvitationEmail,
    revokeCarePlanAccess: revoke.revokeCarePlanAccess,
    respondToCarePlanInvitation: invitations.respondToCarePlanInvitation,
    declinedInvitation: invitations.declinedInvitation,
    getCarePlanSharing: sharing.getCarePlanSharing,
    getCarePlanAudit: auditMod.getCarePlanAudit,
    archiveCarePlan: archive.archiveCarePlan,
    loadActor: session.loadActor,
    disconnect: client.disconnectPrisma,
  };

  // This file's own people, with the demo password (copied from the demo patient's account).
  const people = await testPeople(
    db,
    server.loadActor,
    EMAIL,
    [
      ['dee', 'Dee Denby', 'patient'],
      ['fay', 'Fay Denby', 'patient'],
      ['cora', 'Cora Denby', 'carer'],
      ['vic', 'Vic Denby', 'carer'],
      ['rex', 'Rex Denby', 'carer'],
      ['eli', 'Eli Denby', 'carer'],
    ],
    'it-denials',
  );
  Object.assign(ids, people.ids);
  Object.assign(actors, people.actors);
  const ws = await db.query(`SELECT id FROM "Workspace" WHERE name = 'Riverside GP Cluster'`);
  workspaceId = ws.rows[0].id;
  const pathways = await db.query(
    `SELECT id FROM "Pathway" WHERE "workspaceId" = $1 AND NOT "isTemplate" ORDER BY title LIMIT 2`,
    [workspaceId],
  );
  expect(pathways.rows).toHaveLength(2);
  // A plan is made for the person found by their email and NHS number together.
  for (const who of ['dee', 'fay'] as const) {
    const patientNhsNumber = randomTestNhsNumber();
    await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE id = $1', [ids[who], patientNhsNumber]);
    const created = await server.createCarePlan({
      actor: actors.clinician,
      workspaceId,
      input: { patientEmail: EMAIL[who], patientNhsNumber, pathwayIds: pathways.rows.map((r) => r.id as string) },
    });
    if (!created.ok) throw new Error(`could not make ${who}'s plan: ${created.message}`);
    if (who === 'dee') planDee = created.planId;
    else planFay = created.planId;
  }
  // Dee's carers: Cora may add notes, Vic may only look; Rex adds a note, then Dee stops sharing.
  await shareAndAccept('cora', true);
  await shareAndAccept('vic', false);
  const rexGrant = await shareAndAccept('rex', true);
  expect(
    await server.addCarePlanNote({ actor: actors.rex, planId: planDee, input: { body: 'Rex wrote this' } }),
  ).toMatchObject({ ok: true });
  expect(
    await server.revokeCarePlanAccess({ actor: actors.dee, planId: planDee, input: { grantId: rexGrant } }),
  ).toMatchObject({ ok: true });
  // Someone Dee has asked, who has not answered.
  const waiting = await server.grantCarePlanAccess({
    actor: actors.dee,
    planId: planDee,
    input: { carerEmail: 'waiting.denials@pathweave.test', canContribute: false },
  });
  if (!waiting.ok || waiting.kind !== 'invited') throw new Error('not invited');
  waitingInvitationId = waiting.invitationId;
  // Named in Dee's care team, without the workspace role to care for her (viewer; another workspace).
  for (const who of ['manager', 'outsider'] as const) {
    await db.query(
      `INSERT INTO "CarePlanMember" (id, "carePlanId", "userId", name, role) VALUES ($1, $2, $3, $4, 'gp') ON CONFLICT DO NOTHING`,
      [`it-denials-member-${who}`, planDee, ids[who], who],
    );
  }
  const job = await server.editCarePlan({
    actor: actors.clinician,
    planId: planDee,
    edit: { op: 'action.save', description: 'Walk to the shop', ownerKind: 'person', dueDate: '', status: 'to_do' },
  });
  if (!job.ok || !job.id) throw new Error(`no action: ${JSON.stringify(job)}`);
  deeActionId = job.id;
  deeMergeId = await mergeTwoSteps(planDee);
  fayMergeId = await mergeTwoSteps(planFay);
});

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

describe('sharing, by anyone but the person', () => {
  it('refuses carers (contributing or not) and the care team inviting or taking back an invitation as "not found", changes nothing, and records each refusal', async () => {
    const before = await sharingOf(planDee);
    const guessedInvite = await server.grantCarePlanAccess({
      actor: actors.cora,
      planId: GUESSED,
      input: { carerEmail: 'new.denials@pathweave.test', canContribute: true },
    });
    expect(guessedInvite).toEqual(NOT_FOUND);
    const guessedCancel = await server.cancelCarePlanInvitation({
      actor: actors.cora,
      planId: GUESSED,
      invitationId: waitingInvitationId,
    });
    expect(guessedCancel).toEqual(NOT_FOUND);
    for (const who of ['cora', 'vic', 'clinician'] as const) {
      const invitesBefore = await auditDetails(ids[who], planDee, 'carePlan:share', 'denied');
      // A carer's own yes to Dee's invitation is on the record as allowed: nothing more may be.
      const allowedBefore = await auditDetails(ids[who], planDee, 'carePlan:share', 'allowed');
      const invite = await server.grantCarePlanAccess({
        actor: actors[who],
        planId: planDee,
        input: { carerEmail: 'new.denials@pathweave.test', canContribute: true },
      });
      expect(invite, `${who} invites`).toEqual(guessedInvite);
      // Asking again someone who could see it before (shared with again directly, without asking).
      const again = await server.grantCarePlanAccess({
        actor: actors[who],
        planId: planDee,
        input: { carerEmail: EMAIL.rex, canContribute: true },
      });
      expect(again, `${who} shares with Rex again`).toEqual(guessedInvite);
      const cancel = await server.cancelCarePlanInvitation({
        actor: actors[who],
        planId: planDee,
        invitationId: waitingInvitationId,
      });
      expect(cancel, `${who} takes back`).toEqual(guessedCancel);
      expect(await auditDetails(ids[who], planDee, 'carePlan:share', 'denied'), who).toEqual([
        ...invitesBefore,
        { op: 'grant' },
        { op: 'grant' },
        { op: 'cancel-invite' },
      ]);
      expect(await auditDetails(ids[who], planDee, 'carePlan:share', 'allowed'), who).toEqual(allowedBefore);
    }
    expect(await sharingOf(planDee)).toEqual(before);
  });
});

describe('a carer who may only look', () => {
  it('is answered over HTTP exactly as for a guessed id when adding a note or ticking off a job, changes nothing, and each attempt is recorded', async () => {
    const vic = await signedIn('vic', 1);
    const post = (path: string, body: unknown) =>
      vic.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = async (res: Response) => ({ status: res.status, body: await res.text() });
    const notesBefore = await notesOf(planDee);
    const deniedBefore = await auditDetails(ids.vic, planDee, 'carePlan:patientUpdate', 'denied');
    const guessedDenied = await auditDetails(ids.vic, GUESSED, 'carePlan:patientUpdate', 'denied');

    const note = await answer(await post(`/api/care-plans/${planDee}/notes`, { body: 'From Vic' }));
    const guessedNote = await answer(await post(`/api/care-plans/${GUESSED}/notes`, { body: 'From Vic' }));
    expect(note.status).toBe(404);
    expect(note).toEqual(guessedNote);
    const tick = await answer(await post(`/api/care-plans/${planDee}/actions/${deeActionId}`, { done: true }));
    const guessedTick = await answer(await post(`/api/care-plans/${GUESSED}/actions/${deeActionId}`, { done: true }));
    expect(tick.status).toBe(404);
    expect(tick).toEqual(guessedTick);
    // The same answer as a note: a refusal says nothing about which plan or job it was.
    expect(tick).toEqual(note);

    expect(await notesOf(planDee)).toEqual(notesBefore);
    const action = await db.query(
      'SELECT status::text AS status, "completedById" FROM "CarePlanAction" WHERE id = $1',
      [deeActionId],
    );
    expect(action.rows).toEqual([{ status: 'to_do', completedById: null }]);
    expect(await auditDetails(ids.vic, planDee, 'carePlan:patientUpdate', 'denied')).toEqual([
      ...deniedBefore,
      { op: 'note.add' },
      { op: 'action.done' },
    ]);
    expect(await auditDetails(ids.vic, GUESSED, 'carePlan:patientUpdate', 'denied')).toEqual([
      ...guessedDenied,
      { op: 'note.add' },
      { op: 'action.done' },
    ]);
    // Cora, who may add notes, is let through the same route: the refusal was about Vic's grant.
    const cora = await signedIn('cora', 2);
    const added = await cora.fetch(`/api/care-plans/${planDee}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'From Cora' }),
    });
    expect(added.status).toBe(201);
  });
});

describe('someone signed out', () => {
  it('gets the same 401 for a real plan and a guessed id: adding a note, ticking off a job, the FHIR export', async () => {
    const anonymous = new Session(baseUrl);
    const answer = async (res: Response) => ({ status: res.status, body: await res.text() });
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
    for (const [label, path, init] of [
      ['note', (id: string) => `/api/care-plans/${id}/notes`, { ...json, body: JSON.stringify({ body: 'Anyone' }) }],
      ['tick', (id: string) => `/api/care-plans/${id}/actions/${deeActionId}`, { ...json, body: '{"done":true}' }],
      ['fhir', (id: string) => `/api/care-plans/${id}/fhir`, {}],
    ] as const) {
      const real = await answer(await anonymous.fetch(path(planDee), init));
      const guessed = await answer(await anonymous.fetch(path(GUESSED), init));
      expect(real, label).toEqual({ status: 401, body: JSON.stringify({ error: 'Sign in to continue.' }) });
      expect(guessed, label).toEqual(real);
    }
    expect((await notesOf(planDee)).map((n) => n.body)).not.toContain('Anyone');
  });
});

describe('undoing a merge', () => {
  it('refuses everyone outside the care team as "not found", keeps the merge, and records each refusal', async () => {
    const guessed = await server.unmergeCarePlanSteps({
      actor: actors.clinician,
      planId: GUESSED,
      mergeId: deeMergeId,
    });
    expect(guessed).toEqual(NOT_FOUND);
    for (const who of ['dee', 'cora', 'nurse', 'manager', 'outsider'] as const) {
      const before = await auditDetails(ids[who], planDee, 'carePlan:edit', 'denied');
      const r = await server.unmergeCarePlanSteps({ actor: actors[who], planId: planDee, mergeId: deeMergeId });
      expect(r, who).toEqual(guessed);
      expect(await auditDetails(ids[who], planDee, 'carePlan:edit', 'denied'), who).toEqual([
        ...before,
        { op: 'unmerge' },
      ]);
    }
    expect(await mergesOf(planDee)).toEqual([deeMergeId]);
    const undone = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "resourceId" = $1 AND outcome = 'allowed' AND detail->>'op' = 'unmerge'`,
      [planDee],
    );
    expect(undone.rows[0].n).toBe(0);
  });
});

describe('deleting a note', () => {
  it('refuses another patient, a carer whose access was stopped (even for their own note) and an outsider as "not found", keeps the note, and records each refusal', async () => {
    const dees = await server.addCarePlanNote({
      actor: actors.dee,
      planId: planDee,
      input: { body: 'Dee wrote this' },
    });
    if (!dees.ok) throw new Error('no note');
    const rexs = (await notesOf(planDee)).find((n) => n.authorId === ids.rex);
    expect(rexs?.body).toBe('Rex wrote this');
    const notesBefore = await notesOf(planDee);
    const guessed = await server.deleteCarePlanNote({ actor: actors.fay, planId: GUESSED, noteId: dees.noteId });
    expect(guessed).toEqual(NOT_FOUND);
    for (const [who, noteId] of [
      ['fay', dees.noteId],
      ['rex', rexs!.id],
      ['rex', dees.noteId],
      ['nurse', dees.noteId],
      ['outsider', dees.noteId],
    ] as const) {
      const before = await auditDetails(ids[who], planDee, 'carePlan:patientUpdate', 'denied');
      const r = await server.deleteCarePlanNote({ actor: actors[who], planId: planDee, noteId });
      expect(r, who).toEqual(guessed);
      expect(await auditDetails(ids[who], planDee, 'carePlan:patientUpdate', 'denied'), who).toEqual([
        ...before,
        { op: 'note.delete' },
      ]);
    }
    expect(await notesOf(planDee)).toEqual(notesBefore);
  });
});

describe('invitations that are not yours', () => {
  it('give no address and no name for the next page’s notice: cancelledInvitationEmail and declinedInvitation answer null', async () => {
    // Dee takes back one invitation; Eli says no to another.
    const taken = await server.grantCarePlanAccess({
      actor: actors.dee,
      planId: planDee,
      input: { carerEmail: 'taken.denials@pathweave.test', canContribute: false },
    });
    if (!taken.ok || taken.kind !== 'invited') throw new Error('not invited');
    expect(
      await server.cancelCarePlanInvitation({ actor: actors.dee, planId: planDee, invitationId: taken.invitationId }),
    ).toMatchObject({ ok: true });
    const asked = await server.grantCarePlanAccess({
      actor: actors.dee,
      planId: planDee,
      input: { carerEmail: EMAIL.eli, canContribute: false },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    expect(
      await server.respondToCarePlanInvitation({ actor: actors.eli, invitationId: asked.invitationId, accept: false }),
    ).toMatchObject({ ok: true, planId: null });

    // Theirs: the address and the name.
    expect(await server.cancelledInvitationEmail(actors.dee, planDee, taken.invitationId)).toBe(
      'taken.denials@pathweave.test',
    );
    expect(await server.declinedInvitation(actors.eli, asked.invitationId)).toEqual({ patientName: 'Dee Denby' });
    // Anyone else's: nothing. Dee's carer and her care team on her plan; Fay naming Dee's
    // invitation through her own plan; an invitation that is not a taken-back one.
    for (const who of ['cora', 'vic', 'clinician'] as const) {
      expect(await server.cancelledInvitationEmail(actors[who], planDee, taken.invitationId), who).toBeNull();
    }
    expect(await server.cancelledInvitationEmail(actors.fay, planFay, taken.invitationId)).toBeNull();
    expect(await server.cancelledInvitationEmail(actors.dee, planDee, waitingInvitationId)).toBeNull();
    expect(await server.cancelledInvitationEmail(actors.dee, planDee, asked.invitationId)).toBeNull();
    // Nobody but the one who said no learns whose plan it was: not the person who asked, nor a
    // carer, nor the person it was taken back from.
    for (const who of ['dee', 'cora', 'fay', 'clinician'] as const) {
      expect(await server.declinedInvitation(actors[who], asked.invitationId), who).toBeNull();
    }
    expect(await server.declinedInvitation(actors.eli, taken.invitationId)).toBeNull();
    expect(await server.declinedInvitation(actors.eli, waitingInvitationId)).toBeNull();
  });
});

describe('reading who can see the plan', () => {
  it('is refused to everyone but the person, over HTTP and in the use cases, and recorded as a refused read (carePlan:view), never as a change of who can see it', async () => {
    const cora = await signedIn('cora', 3);
    const page = await cora.fetch(`/my-plan/${planDee}/sharing`);
    const guessedPage = await cora.fetch(`/my-plan/${GUESSED}/sharing`);
    expect(page.status).toBe(404);
    expect(guessedPage.status).toBe(404);
    for (const who of ['vic', 'clinician'] as const) {
      expect(await server.getCarePlanSharing({ actor: actors[who], planId: planDee }), who).toBeNull();
    }
    const taken = await db.query(
      `SELECT id FROM "CarePlanInvitation" WHERE "carePlanId" = $1 AND outcome = 'cancelled' LIMIT 1`,
      [planDee],
    );
    expect(await server.cancelledInvitationEmail(actors.cora, planDee, taken.rows[0].id)).toBeNull();

    for (const who of ['cora', 'vic', 'clinician'] as const) {
      const refused = await auditDetails(ids[who], planDee, 'carePlan:view', 'denied');
      expect(refused.filter((d) => (d as { via?: string }).via === 'sharing').length, who).toBeGreaterThanOrEqual(1);
      // A refused read of the sharing is never on the record as a sharing change (allowed or not).
      const asSharing = await db.query(
        `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:share' AND (detail->>'via' = 'sharing' OR detail->>'op' = 'cancel-invite-notice')`,
        [ids[who], planDee],
      );
      expect(asSharing.rows[0].n, who).toBe(0);
    }
    expect(await auditDetails(ids.cora, planDee, 'carePlan:view', 'denied')).toEqual(
      expect.arrayContaining([{ via: 'sharing' }, { via: 'sharing', notice: 'cancel-invite' }]),
    );
    // Dee's own reads are reads too; the care team's record says so in words.
    const sharing = await server.getCarePlanSharing({ actor: actors.dee, planId: planDee });
    expect(sharing?.invited.map((i) => i.invitationId)).toEqual([waitingInvitationId]);
    const trail = await server.getCarePlanAudit({ actor: actors.clinician, planId: planDee });
    const refusedReads = trail?.entries.filter((e) => e.who === 'Cora Denby' && e.outcome === 'denied');
    expect(refusedReads?.map((e) => e.what)).toEqual(expect.arrayContaining(['Looked at who can see the plan']));
    expect(trail?.entries.find((e) => e.who === 'The person')?.what).toBe('Looked at who can see the plan');
    expect(trail?.entries.filter((e) => e.who === 'Cora Denby' && e.what === 'Changed who can see the plan')).toEqual(
      [],
    );
  });
});

describe('answering an invitation', () => {
  it('refuses the plan’s own person an invitation to their own plan (sent to an address that is now theirs), as "not found", and records it', async () => {
    // An invitation to the address Dee has now (made directly: sharing refuses the person's own address).
    const invitationId = 'it-denials-own-invitation';
    await db.query(
      `INSERT INTO "CarePlanInvitation" (id, "carePlanId", email, "canContribute", "invitedById") VALUES ($1, $2, $3, true, $4) ON CONFLICT DO NOTHING`,
      [invitationId, planDee, EMAIL.dee, ids.dee],
    );
    const before = await sharingOf(planDee);
    const r = await server.respondToCarePlanInvitation({ actor: actors.dee, invitationId, accept: true });
    expect(r).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await sharingOf(planDee)).toEqual(before);
    expect(await auditDetails(ids.dee, invitationId, 'carePlanInvitation:respond', 'denied')).toEqual([
      { op: 'accept-invite' },
    ]);
    await db.query('DELETE FROM "CarePlanInvitation" WHERE id = $1', [invitationId]);
  });

  it('records a yes or a no refused because the invitation changed or was already answered on the invitation only, not as an attempt on the plan', async () => {
    const asked = await server.grantCarePlanAccess({
      actor: actors.dee,
      planId: planDee,
      input: { carerEmail: EMAIL.eli, canContribute: false },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    const invitationId = asked.invitationId;
    // Dee lets Eli add notes too; Eli answers the page that said "read only".
    await server.grantCarePlanAccess({
      actor: actors.dee,
      planId: planDee,
      input: { carerEmail: EMAIL.eli, canContribute: true },
    });
    const onPlan = () => auditDetails(ids.eli, planDee, 'carePlan:share', 'denied');
    const onInvitation = () => auditDetails(ids.eli, invitationId, 'carePlanInvitation:respond', 'denied');
    const stale = await server.respondToCarePlanInvitation({
      actor: actors.eli,
      invitationId,
      accept: true,
      shownCanContribute: false,
    });
    expect(stale).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'invitationId' }] });
    expect(await onPlan()).toEqual([]);
    expect(await onInvitation()).toEqual([{ op: 'accept-invite', reason: 'changed since shown' }]);

    expect(
      await server.respondToCarePlanInvitation({
        actor: actors.eli,
        invitationId,
        accept: true,
        shownCanContribute: true,
      }),
    ).toMatchObject({ ok: true, planId: planDee });
    const grants = (await sharingOf(planDee)).grants;
    const twice = await server.respondToCarePlanInvitation({ actor: actors.eli, invitationId, accept: true });
    expect(twice).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringContaining('already been answered'),
    });
    const no = await server.respondToCarePlanInvitation({ actor: actors.eli, invitationId, accept: false });
    expect(no).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringContaining('already been answered'),
    });
    expect((await sharingOf(planDee)).grants).toEqual(grants);
    expect(await onPlan()).toEqual([]);
    expect(await onInvitation()).toEqual([
      { op: 'accept-invite', reason: 'changed since shown' },
      { op: 'accept-invite', reason: 'already answered' },
      { op: 'decline-invite', reason: 'already answered' },
    ]);
    // The care team's record shows no refused attempt by Eli: he had been invited, and then had access.
    const trail = await server.getCarePlanAudit({ actor: actors.clinician, planId: planDee });
    expect(trail?.entries.filter((e) => e.who === 'Eli Denby' && e.outcome === 'denied')).toEqual([]);
    expect(trail?.entries.filter((e) => e.who === 'Eli Denby').map((e) => e.what)).toContain(
      'Said yes to seeing the plan',
    );
  });
});

describe('a plan that is archived', () => {
  it('refuses deleting a note and undoing a merge, naming why, keeps both, records both refusals; and refuses a yes to its invitation on the plan’s record too', async () => {
    const note = await server.addCarePlanNote({
      actor: actors.fay,
      planId: planFay,
      input: { body: 'Fay wrote this' },
    });
    if (!note.ok) throw new Error('no note');
    const asked = await server.grantCarePlanAccess({
      actor: actors.fay,
      planId: planFay,
      input: { carerEmail: EMAIL.eli, canContribute: false },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    expect(await server.archiveCarePlan({ actor: actors.clinician, planId: planFay, confirm: 'yes' })).toMatchObject({
      ok: true,
      status: 'archived',
    });
    const archivedRefusal = {
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/^This plan/),
      errors: [{ path: 'planId', message: expect.stringContaining('Plan status: archived.') }],
    };
    expect(await server.deleteCarePlanNote({ actor: actors.fay, planId: planFay, noteId: note.noteId })).toMatchObject(
      archivedRefusal,
    );
    expect(
      await server.unmergeCarePlanSteps({ actor: actors.clinician, planId: planFay, mergeId: fayMergeId }),
    ).toMatchObject(archivedRefusal);
    expect((await notesOf(planFay)).map((n) => n.id)).toEqual([note.noteId]);
    expect(await mergesOf(planFay)).toEqual([fayMergeId]);
    expect(await auditDetails(ids.fay, planFay, 'carePlan:patientUpdate', 'denied')).toEqual([
      { op: 'note.delete', id: planFay, reason: 'archived' },
    ]);
    expect(await auditDetails(ids.clinician, planFay, 'carePlan:edit', 'denied')).toEqual([
      { op: 'unmerge', id: planFay, reason: 'archived' },
    ]);

    // Eli's yes: "not found", on the invitation and on the plan, as refused because it is archived.
    const yes = await server.respondToCarePlanInvitation({
      actor: actors.eli,
      invitationId: asked.invitationId,
      accept: true,
    });
    expect(yes).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await auditDetails(ids.eli, asked.invitationId, 'carePlanInvitation:respond', 'denied')).toEqual([
      { op: 'accept-invite', reason: 'archived' },
    ]);
    expect(await auditDetails(ids.eli, planFay, 'carePlan:share', 'denied')).toEqual([
      { op: 'accept-invite', id: asked.invitationId, reason: 'archived' },
    ]);
    const grants = await db.query('SELECT count(*)::int AS n FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1', [
      planFay,
    ]);
    expect(grants.rows[0].n).toBe(0);
    const trail = await server.getCarePlanAudit({ actor: actors.clinician, planId: planFay });
    expect(trail?.entries.find((e) => e.who === 'Eli Denby')).toMatchObject({
      what: 'Said yes to seeing the plan',
      outcome: 'denied',
      refusedAsArchived: true,
    });
  });
});

describe('a clinician whose workspace role is lowered while their change waits', () => {
  /**
   * Runs `change` while another connection lowers the practice nurse to a viewer of the workspace,
   * holding the change of her membership open until `change` waits for it; then commits it. Returns
   * what `change` answered, and whether it waited (a change that did not wait went ahead on the role
   * as it was, and would be kept once the lowering commits).
   */
  async function whileLowered(change: () => Promise<unknown>): Promise<{ waited: boolean; result: unknown }> {
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    const role = await db.query(
      'SELECT "accessRole"::text AS role FROM "Membership" WHERE "userId" = $1 AND "workspaceId" = $2',
      [ids.clinician, workspaceId],
    );
    expect(role.rows[0].role).toBe('editor');
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE "Membership" SET "accessRole" = 'viewer' WHERE "userId" = $1 AND "workspaceId" = $2`, [
        ids.clinician,
        workspaceId,
      ]);
      let settled = false;
      const pending = change().finally(() => {
        settled = true;
      });
      const deadline = Date.now() + 10_000;
      let waited = false;
      while (!settled) {
        const waiting = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"Membership"%' AND pid <> pg_backend_pid()`,
        );
        if (waiting.rows[0].n > 0) {
          waited = true;
          break;
        }
        if (Date.now() > deadline) throw new Error('the change neither finished nor waited for the membership');
        await new Promise((r) => setTimeout(r, 20));
      }
      await other.query('COMMIT');
      return { waited, result: await pending };
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.query(`UPDATE "Membership" SET "accessRole" = 'editor' WHERE "userId" = $1 AND "workspaceId" = $2`, [
        ids.clinician,
        workspaceId,
      ]);
      await other.end();
    }
  }

  it('refuses undoing a merge and archiving the plan once the lowering commits, as "not found", keeps the plan as it was, and records why', async () => {
    const accessChanged = (op: string) =>
      db
        .query(
          `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:edit' AND outcome = 'denied' AND detail->>'reason' = 'access changed' AND detail->>'op' = $3`,
          [ids.clinician, planDee, op],
        )
        .then((r) => r.rows.map((row) => row.detail));

    const unmerge = await whileLowered(() =>
      server.unmergeCarePlanSteps({ actor: actors.clinician, planId: planDee, mergeId: deeMergeId }),
    );
    expect(unmerge).toEqual({ waited: true, result: NOT_FOUND });
    expect(await mergesOf(planDee)).toEqual([deeMergeId]);
    expect(await accessChanged('unmerge')).toEqual([{ op: 'unmerge', id: planDee, reason: 'access changed' }]);

    const archive = await whileLowered(() =>
      server.archiveCarePlan({ actor: actors.clinician, planId: planDee, confirm: 'yes' }),
    );
    expect(archive).toEqual({ waited: true, result: NOT_FOUND });
    const plan = await db.query('SELECT status::text AS status, "archivedAt" FROM "CarePlan" WHERE id = $1', [planDee]);
    expect(plan.rows).toEqual([{ status: 'active', archivedAt: null }]);
    expect(await accessChanged('archive')).toEqual([{ op: 'archive', id: planDee, reason: 'access changed' }]);

    // An editor again, she undoes the merge: the refusals were about her role.
    expect(
      await server.unmergeCarePlanSteps({ actor: actors.clinician, planId: planDee, mergeId: deeMergeId }),
    ).toEqual({ ok: true });
    expect(await mergesOf(planDee)).toEqual([]);
  });
});
