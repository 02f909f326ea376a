import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Actor } from '@/lib/auth/can';
import type { Pathway } from '@/lib/pathway/schema';
import { loadDemoActors } from './demo-actors';
import { DEMO_PASSWORD, Session } from '../support/http';
import { randomTestNhsNumber } from '../support/nhs-number';

/**
 * The person's plan follows the latest SAVED version of each pathway, not the working copy that a
 * live workshop or a draft changes continually: against the real app over HTTP and the real
 * PostgreSQL. A rename or a deleted step reaches the person only when a version is saved.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  createPathway: typeof import('@/lib/server/create-pathway').createPathway;
  getPathwayForEditing: typeof import('@/lib/server/get-pathway-for-editing').getPathwayForEditing;
  savePathwayDraft: typeof import('@/lib/server/save-pathway-draft').savePathwayDraft;
  savePathwayVersion: typeof import('@/lib/server/save-pathway-version').savePathwayVersion;
  createCarePlan: typeof import('@/lib/server/create-care-plan').createCarePlan;
  editCarePlan: typeof import('@/lib/server/edit-care-plan').editCarePlan;
  getCarePlan: typeof import('@/lib/server/get-care-plan').getCarePlan;
  commands: typeof import('@/lib/pathway/commands');
  loadActor: typeof import('@/lib/auth/actor').loadActor;
  disconnect: () => Promise<void>;
};
let server: Server;
let consultant: Actor;
let patient: Actor;
let patientEmail = '';
let patientNhsNumber = '';
let workspaceId = '';
let pathwayId = '';
let planId = '';
let doc: Pathway;
let revision = 0;
let entryId = '';
let exitId = '';

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const [create, get, draft, version, createPlan, edit, read, commands, actor, client] = await Promise.all([
    import('@/lib/server/create-pathway'),
    import('@/lib/server/get-pathway-for-editing'),
    import('@/lib/server/save-pathway-draft'),
    import('@/lib/server/save-pathway-version'),
    import('@/lib/server/create-care-plan'),
    import('@/lib/server/edit-care-plan'),
    import('@/lib/server/get-care-plan'),
    import('@/lib/pathway/commands'),
    import('@/lib/auth/actor'),
    import('@/lib/db/client'),
  ]);
  server = {
    createPathway: create.createPathway,
    getPathwayForEditing: get.getPathwayForEditing,
    savePathwayDraft: draft.savePathwayDraft,
    savePathwayVersion: version.savePathwayVersion,
    createCarePlan: createPlan.createCarePlan,
    editCarePlan: edit.editCarePlan,
    getCarePlan: read.getCarePlan,
    commands,
    loadActor: actor.loadActor,
    disconnect: client.disconnectPrisma,
  };
  ({ consultant } = await loadDemoActors(db, { consultant: 'consultant@pathweave.test' }));
  workspaceId = (await db.query(`SELECT id FROM "Workspace" WHERE name = 'Riverside GP Cluster'`)).rows[0].id;

  // A person of our own (one plan per person per workspace), with the demo password.
  const tag = randomBytes(4).toString('hex');
  patientEmail = `it-saved-version-${tag}@pathweave.test`;
  patientNhsNumber = randomTestNhsNumber();
  await db.query(
    `INSERT INTO "User" (id, name, email, "nhsNumber", "professionalRole", "passwordHash", "updatedAt")
     SELECT $1, 'Sam Saved', $2, $3, 'patient', "passwordHash", now() FROM "User" WHERE email = 'patient@pathweave.test'`,
    [`it-saved-${tag}`, patientEmail, patientNhsNumber],
  );
  const loaded = await server.loadActor(`it-saved-${tag}`);
  if (!loaded) throw new Error('no patient');
  patient = loaded;

  const created = await server.createPathway({
    actor: consultant,
    workspaceId,
    title: `Saved version test ${tag}`,
    conditions: ['COPD'],
  });
  if (!created.ok) throw new Error(created.message);
  pathwayId = created.pathway.id;
  const opened = await server.getPathwayForEditing({ actor: consultant, pathwayId });
  if (!opened?.document) throw new Error('not opened');
  doc = opened.document;
  revision = opened.revision;
  entryId = doc.steps.find((s) => s.kind === 'entry')!.id;
  exitId = doc.steps.find((s) => s.kind === 'exit')!.id;
  await change({ type: 'updateStep', stepId: entryId, patch: { title: 'First visit to the breathing clinic' } });
  await change({ type: 'updateStep', stepId: exitId, patch: { title: 'Back to your GP for support' } });
  await change({
    type: 'addStep',
    input: { kind: 'review', sector: 'primary_care', title: 'Check-up with the practice nurse', id: 's5' },
  });
  await change({ type: 'connect', from: entryId, to: 's5' });
  expect(await server.savePathwayVersion({ actor: consultant, pathwayId, note: 'First version' })).toMatchObject({
    ok: true,
  });

  const plan = await server.createCarePlan({
    actor: consultant,
    workspaceId,
    input: { patientNhsNumber, patientEmail, pathwayIds: [pathwayId] },
  });
  if (!plan.ok) throw new Error(plan.message);
  planId = plan.planId;
}, 120_000);


afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

/** Change the working copy, as the editor (or a workshop) saves it. */
async function change(command: Parameters<Server['commands']['applyCommand']>[1]): Promise<void> {
  doc = server.commands.applyCommand(doc, command);
  const saved = await server.savePathwayDraft({ actor: consultant, pathwayId, baseRevision: revision, document: doc });
  if (!saved.ok) throw new Error(`draft not saved: ${JSON.stringify(saved)}`);
  revision = saved.revision;
}

let session: Session | null = null;
async function asPatient(): Promise<Session> {
  if (session) return session;
  session = new Session(baseUrl);
  expect(await session.signIn(patientEmail, DEMO_PASSWORD, { 'x-forwarded-for': '10.9.9.1' })).toBeNull();
  return session;
}

async function views(): Promise<number> {
  const r = await db.query(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:view' AND outcome = 'allowed'`,
    [patient.userId, planId],
  );
  return r.rows[0].n as number;
}

/** What the person reads: the page and the print view (HTML), and the JSON API. */
/** Where the care team's page showed the person on the pathway: the current step form's hidden revision. */
async function stepRevision(): Promise<string> {
  const read = await server.getCarePlan({ actor: consultant, planId, via: 'editor', requireEdit: true });
  const revision = read?.plan.pathways.find((p) => p.pathwayId === pathwayId)?.revision;
  if (!revision) throw new Error('no revision for the pathway');
  return revision;
}

async function whatThePersonReads(): Promise<{
  page: string;
  print: string;
  api: { title: string; currentStepId: string | null; versionNumber: number | null };
}> {
  const s = await asPatient();
  const page = await s.fetch(`/my-plan/${planId}`);
  expect(page.status).toBe(200);
  const print = await s.fetch(`/my-plan/${planId}/print`);
  expect(print.status).toBe(200);
  const api = await s.fetch(`/api/care-plans/${planId}`);
  expect(api.status).toBe(200);
  const body = (await api.json()) as {
    plan: { pathways: { title: string; currentStepId: string | null; versionNumber: number | null }[] };
  };
  const link = body.plan.pathways[0]!;
  return {
    page: await page.text(),
    print: await print.text(),
    api: { title: link.title, currentStepId: link.currentStepId, versionNumber: link.versionNumber },
  };
}

describe('the person’s plan follows the latest saved version of its pathway', () => {
  it('is unchanged by a rename and a deleted step in the working copy, until a version is saved', async () => {
    const before = await whatThePersonReads();
    for (const html of [before.page, before.print]) {
      expect(html).toContain('First visit to the breathing clinic');
      expect(html).toContain('Check-up with the practice nurse');
    }
    expect(before.api).toMatchObject({ currentStepId: entryId, versionNumber: 1 });

    // The workshop renames the step the person is on, and deletes the step after it.
    await change({ type: 'updateStep', stepId: entryId, patch: { title: 'Renamed in the workshop' } });
    await change({ type: 'removeStep', stepId: 's5' });
    await change({ type: 'updateMetadata', patch: { title: 'Retitled in the workshop' } });

    const viewsBefore = await views();
    const during = await whatThePersonReads();
    expect(await views()).toBe(viewsBefore + 3); // page, print and API: each read still audited
    for (const html of [during.page, during.print]) {
      expect(html).toContain('First visit to the breathing clinic');
      expect(html).toContain('Check-up with the practice nurse');
      expect(html).not.toContain('Renamed in the workshop');
      expect(html).not.toContain('Retitled in the workshop');
      expect(html).not.toContain('has not said which step');
    }
    expect(during.api).toEqual(before.api);

    // The PDF and the use case the FHIR export and PDF share read the same saved version.
    const read = await server.getCarePlan({ actor: patient, planId, via: 'pdf' });
    expect(read?.plan.pathways[0]?.document?.steps.map((s) => s.title)).toEqual([
      'First visit to the breathing clinic',
      'Back to your GP for support',
      'Check-up with the practice nurse',
    ]);

    // Saving a version is what releases the change to the person.
    expect(
      await server.savePathwayVersion({ actor: consultant, pathwayId, note: 'Renamed the first step' }),
    ).toMatchObject({ ok: true });
    const after = await whatThePersonReads();
    for (const html of [after.page, after.print]) {
      expect(html).toContain('Renamed in the workshop');
      expect(html).toContain('Back to your GP for support');
      expect(html).not.toContain('First visit to the breathing clinic');
      expect(html).not.toContain('Check-up with the practice nurse');
    }
    expect(after.api).toMatchObject({
      currentStepId: entryId,
      versionNumber: 2,
      title: expect.stringContaining('Retitled in the workshop'),
    });
  });

  it('lets the care team choose only a step of the saved version, and says the plan is being updated when the step is not in it', async () => {
    // A step added to the working copy only: not yet something the person can be placed on.
    await change({
      type: 'addStep',
      input: { kind: 'review', sector: 'secondary_care', title: 'Review with the hospital team', id: 's9' },
    });
    const early = await server.editCarePlan({
      actor: consultant,
      planId,
      edit: { op: 'step.set', pathwayId, stepId: 's9', revision: await stepRevision() },
    });
    expect(early).toMatchObject({ ok: false, errors: [{ path: 'stepId' }] });
    expect(await server.savePathwayVersion({ actor: consultant, pathwayId, note: 'Added a review' })).toMatchObject({
      ok: true,
    });
    expect(
      await server.editCarePlan({
        actor: consultant,
        planId,
        edit: { op: 'step.set', pathwayId, stepId: 's9', revision: await stepRevision() },
      }),
    ).toMatchObject({ ok: true });
    expect((await whatThePersonReads()).page).toContain('Review with the hospital team');

    // The step the person is on is taken out in a saved version: never a blank, never "not said".
    await change({ type: 'removeStep', stepId: 's9' });
    expect(
      await server.savePathwayVersion({ actor: consultant, pathwayId, note: 'Took the review out' }),
    ).toMatchObject({ ok: true });
    const { page, print } = await whatThePersonReads();
    for (const html of [page, print]) {
      expect(html).toContain('Your team is updating this part of your plan.');
      expect(html).not.toContain('has not said which step');
      expect(html).not.toContain('Review with the hospital team');
    }
  });
});
