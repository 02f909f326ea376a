import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { PDFParse } from 'pdf-parse';
import type { SignedInActor } from '@/lib/auth/actor';
import { DEMO_PASSWORD, Session } from '../support/http';

/**
 * Shared care plans against the real app over real HTTP, and the care plan use cases (what the
 * server actions call) against the real PostgreSQL. Patient A is Arthur (his plan is the demo plan,
 * made from the COPD and frailty pathways, shared with his carer June). Patient B is Maya, whose plan
 * a hospital consultant makes here. Every denial must look exactly like "not found" and be audited.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

type Server = {
  seedCarePlans: typeof import('@/lib/db/seed-care-plans').seedCarePlans;
  createCarePlan: typeof import('@/lib/server/create-care-plan').createCarePlan;
  getCarePlan: typeof import('@/lib/server/get-care-plan').getCarePlan;
  editCarePlan: typeof import('@/lib/server/edit-care-plan').editCarePlan;
  mergeCarePlanSteps: typeof import('@/lib/server/merge-care-plan-steps').mergeCarePlanSteps;
  unmergeCarePlanSteps: typeof import('@/lib/server/merge-care-plan-steps').unmergeCarePlanSteps;
  addCarePlanNote: typeof import('@/lib/server/add-care-plan-note').addCarePlanNote;
  deleteCarePlanNote: typeof import('@/lib/server/delete-care-plan-note').deleteCarePlanNote;
  setCarePlanActionDone: typeof import('@/lib/server/set-care-plan-action-done').setCarePlanActionDone;
  grantCarePlanAccess: typeof import('@/lib/server/grant-care-plan-access').grantCarePlanAccess;
  cancelCarePlanInvitation: typeof import('@/lib/server/grant-care-plan-access').cancelCarePlanInvitation;
  respondToCarePlanInvitation: typeof import('@/lib/server/care-plan-invitations').respondToCarePlanInvitation;
  listMyCarePlanInvitations: typeof import('@/lib/server/care-plan-invitations').listMyCarePlanInvitations;
  revokeCarePlanAccess: typeof import('@/lib/server/revoke-care-plan-access').revokeCarePlanAccess;
  getCarePlanAudit: typeof import('@/lib/server/get-care-plan-audit').getCarePlanAudit;
  getCarePlanSharing: typeof import('@/lib/server/get-care-plan-sharing').getCarePlanSharing;
  listCarePlans: typeof import('@/lib/server/list-care-plans').listCarePlans;
  listMyCarePlans: typeof import('@/lib/server/list-my-care-plans').listMyCarePlans;
  exportCarePlanFhir: typeof import('@/lib/server/export-care-plan-fhir').exportCarePlanFhir;
  loadActor: typeof import('@/lib/auth/session').loadActor;
  getPrisma: typeof import('@/lib/db/client').getPrisma;
  disconnect: () => Promise<void>;
};
let server: Server;

const EMAIL = {
  patientA: 'patient@pathweave.test',
  carer: 'carer@pathweave.test',
  patientB: 'patient2@pathweave.test',
  nurse: 'community.nurse@pathweave.test', // Arthur's care coordinator: care team + workspace editor
  gp: 'gp@pathweave.test', // care team + facilitator
  consultant: 'consultant@pathweave.test', // workspace editor, not in Arthur's care team
  manager: 'manager@pathweave.test', // workspace viewer; put in Arthur's care team below
  outsider: 'outsider.gp@pathweave.test', // facilitator of another workspace only
  patientRep: 'patient.rep@pathweave.test', // a patient who is a commenter in the workspace
  carerNoGrant: 'carer.nogrant@pathweave.test', // a carer Arthur never shared with (made below)
  carerRevoked: 'carer.revoked@pathweave.test', // a carer Arthur shared with, then stopped (made below)
} as const;
type Who = keyof typeof EMAIL;
/** The demo patients' NHS numbers (prisma/demo/people.json, from the NHS test range). */
const NHS = { patientA: '9990000018', patientB: '9990000026', patientRep: '9990000034' } as const;

const ids = {} as Record<Who, string>;
const actors = {} as Record<Who, SignedInActor>;
let slug = '';
let workspaceId = '';
let planA = '';
let planB = '';
let ownActionA = '';
let teamActionA = '';
let goalB = '';
const GUESSED = 'cmzzzzzzzzzzzzzzzzzzzzzzz';

async function as(who: Who): Promise<Session> {
  const s = new Session(baseUrl);
  const error = await s.signIn(EMAIL[who], DEMO_PASSWORD, {
    'x-forwarded-for': `10.6.${Object.keys(EMAIL).indexOf(who)}.1`,
  });
  expect(error, `sign-in of ${who}`).toBeNull();
  return s;
}

async function auditCount(where: {
  actorId: string;
  resourceId: string;
  outcome: 'allowed' | 'denied';
  action?: string;
}): Promise<number> {
  const r = await db.query(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceType" = 'carePlan' AND "resourceId" = $2 AND outcome = $3 ${where.action ? 'AND action = $4' : ''}`,
    where.action
      ? [where.actorId, where.resourceId, where.outcome, where.action]
      : [where.actorId, where.resourceId, where.outcome],
  );
  return r.rows[0].n as number;
}

/**
 * The revision of a goal, action, medicine or team member of a plan, as the care team's page draws it
 * into the row's form (and sends back with a change).
 */
async function revisionOf(
  who: Who,
  planId: string,
  list: 'goals' | 'actions' | 'medicines' | 'members',
  id: string,
): Promise<string> {
  const read = await server.getCarePlan({ actor: actors[who], planId, via: 'editor', requireEdit: true });
  const row = (read?.plan[list] as { id: string; revision?: string }[] | undefined)?.find((r) => r.id === id);
  if (!row?.revision) throw new Error(`no revision for ${list} ${id}`);
  return row.revision;
}

/**
 * What one of the plan's own forms (or the current step form of one pathway) was drawn from, as the
 * care team's page draws it into the form's hidden revision field.
 */
async function formRevisionOf(
  who: Who,
  planId: string,
  form: 'details' | 'people' | 'medication' | 'green' | 'amber' | 'red',
): Promise<string> {
  const read = await server.getCarePlan({ actor: actors[who], planId, via: 'editor', requireEdit: true });
  const revisions = read?.plan.formRevisions;
  if (!revisions) throw new Error(`no form revisions for ${planId}`);
  return form === 'green' || form === 'amber' || form === 'red' ? revisions.escalation[form] : revisions[form];
}
async function stepRevisionOf(who: Who, planId: string, pathwayId: string): Promise<string> {
  const read = await server.getCarePlan({ actor: actors[who], planId, via: 'editor', requireEdit: true });
  const revision = read?.plan.pathways.find((p) => p.pathwayId === pathwayId)?.revision;
  if (!revision) throw new Error(`no revision for pathway ${pathwayId} of ${planId}`);
  return revision;
}
/** What the "Remove this pathway from the plan" form of one pathway was drawn from. */
async function removalRevisionOf(who: Who, planId: string, pathwayId: string): Promise<string> {
  const read = await server.getCarePlan({ actor: actors[who], planId, via: 'editor', requireEdit: true });
  const revision = read?.plan.pathways.find((p) => p.pathwayId === pathwayId)?.removalRevision;
  if (!revision) throw new Error(`no removal revision for pathway ${pathwayId} of ${planId}`);
  return revision;
}

/**
 * The person shares their plan with someone new, who then says yes: the grant's id. (Someone new is
 * only ever invited; see the "sharing and consent" tests.)
 */
async function shareAndAccept(patient: Who, planId: string, carer: Who, canContribute: boolean): Promise<string> {
  const shared = await server.grantCarePlanAccess({
    actor: actors[patient],
    planId,
    input: { carerEmail: EMAIL[carer], canContribute },
  });
  if (!shared.ok) throw new Error(`sharing failed: ${shared.message}`);
  if (shared.kind === 'invited') {
    const answered = await server.respondToCarePlanInvitation({
      actor: actors[carer],
      invitationId: shared.invitationId,
      accept: true,
    });
    expect(answered).toMatchObject({ ok: true, planId });
  }
  const live = await db.query(
    'SELECT id FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
    [planId, ids[carer]],
  );
  expect(live.rows).toHaveLength(1);
  return live.rows[0].id as string;
}

/** A page body with the plan ids taken out, to compare a denied real plan with a plan that does not exist. */
const scrub = (html: string, ...planIds: string[]) => planIds.reduce((h, id) => h.split(id).join('PLAN_ID'), html);

/**
 * A streamed page as the browser ends up with it: the markup without its scripts, and the rows of
 * the React Server Components payload that the scripts push (self.__next_f.push).
 * Two identical pages can differ byte for byte in timing alone: where the stream is cut into
 * script chunks, and the order in which payload rows are sent (and so their numbers) when parts
 * of the page finish at different moments. So the payload is compared as its rows, with row
 * numbers and references to them left out, in sorted order; the markup must match exactly.
 */
function streamedPage(html: string): { markup: string; payload: string[] } {
  const chunks: string[] = [];
  for (const [, args] of html.matchAll(/<script>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)) {
    const pushed = JSON.parse(args as string) as unknown[];
    chunks.push(pushed[0] === 1 && typeof pushed[1] === 'string' ? pushed[1] : JSON.stringify(pushed));
  }
  expect(chunks.length).toBeGreaterThan(0); // a Next page streams its payload this way
  const rows = chunks
    .join('')
    .split('\n')
    .filter((row) => row !== '')
    .map((row) => row.replace(/^[0-9a-f]+:/, '').replace(/"\$([A-Za-z@]?)[0-9a-f]+"/g, '"$$$1#"'))
    .sort();
  return { markup: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''), payload: rows };
}

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  const mods = await Promise.all([
    import('@/lib/db/seed-care-plans'),
    import('@/lib/server/create-care-plan'),
    import('@/lib/server/get-care-plan'),
    import('@/lib/server/edit-care-plan'),
    import('@/lib/server/merge-care-plan-steps'),
    import('@/lib/server/add-care-plan-note'),
    import('@/lib/server/delete-care-plan-note'),
    import('@/lib/server/set-care-plan-action-done'),
    import('@/lib/server/grant-care-plan-access'),
    import('@/lib/server/revoke-care-plan-access'),
    import('@/lib/server/get-care-plan-audit'),
    import('@/lib/server/get-care-plan-sharing'),
    import('@/lib/server/list-care-plans'),
    import('@/lib/server/list-my-care-plans'),
    import('@/lib/server/export-care-plan-fhir'),
    import('@/lib/auth/session'),
    import('@/lib/db/client'),
    import('@/lib/server/care-plan-invitations'),
  ]);
  const [
    seed,
    create,
    get,
    edit,
    merge,
    add,
    del,
    done,
    grant,
    revoke,
    auditMod,
    sharing,
    list,
    listMine,
    fhir,
    session,
    client,
    invitations,
  ] = mods;
  server = {
    seedCarePlans: seed.seedCarePlans,
    createCarePlan: create.createCarePlan,
    getCarePlan: get.getCarePlan,
    editCarePlan: edit.editCarePlan,
    mergeCarePlanSteps: merge.mergeCarePlanSteps,
    unmergeCarePlanSteps: merge.unmergeCarePlanSteps,
    addCarePlanNote: add.addCarePlanNote,
    deleteCarePlanNote: del.deleteCarePlanNote,
    setCarePlanActionDone: done.setCarePlanActionDone,
    grantCarePlanAccess: grant.grantCarePlanAccess,
    cancelCarePlanInvitation: grant.cancelCarePlanInvitation,
    respondToCarePlanInvitation: invitations.respondToCarePlanInvitation,
    listMyCarePlanInvitations: invitations.listMyCarePlanInvitations,
    revokeCarePlanAccess: revoke.revokeCarePlanAccess,
    getCarePlanAudit: auditMod.getCarePlanAudit,
    getCarePlanSharing: sharing.getCarePlanSharing,
    listCarePlans: list.listCarePlans,
    listMyCarePlans: listMine.listMyCarePlans,
    exportCarePlanFhir: fhir.exportCarePlanFhir,
    loadActor: session.loadActor,
    getPrisma: client.getPrisma,
    disconnect: client.disconnectPrisma,
  };

  // Two more carers, with the demo password (copied from June's account).
  for (const [email, name] of [
    [EMAIL.carerNoGrant, 'Ray Nogrant'],
    [EMAIL.carerRevoked, 'Rita Revoked'],
  ] as const) {
    await db.query(
      `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "updatedAt")
       SELECT $1, $2, $3, 'carer', "passwordHash", now() FROM "User" WHERE email = $4
       ON CONFLICT (email) DO NOTHING`,
      [`it-${email.split('@')[0]!.replace('.', '-')}`, name, email, EMAIL.carer],
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

  // Arthur's demo plan (seeded here until lib/db/seed.ts calls seedCarePlans itself).
  await server.getPrisma().$transaction((tx) => server.seedCarePlans(tx));
  planA = (await db.query('SELECT id FROM "CarePlan" WHERE "patientId" = $1', [ids.patientA])).rows[0].id;
  ownActionA = (
    await db.query(
      `SELECT id FROM "CarePlanAction" WHERE "carePlanId" = $1 AND "ownerKind" = 'person' ORDER BY position LIMIT 1`,
      [planA],
    )
  ).rows[0].id;
  teamActionA = (
    await db.query(
      `SELECT id FROM "CarePlanAction" WHERE "carePlanId" = $1 AND "ownerKind" = 'team_member' ORDER BY position LIMIT 1`,
      [planA],
    )
  ).rows[0].id;
  // The manager (a workspace viewer) is named in Arthur's care team: being named is not enough.
  await db.query(
    `INSERT INTO "CarePlanMember" (id, "carePlanId", "userId", name, role) VALUES ('it-member-manager', $1, $2, 'Glen Mardle', 'manager') ON CONFLICT DO NOTHING`,
    [planA, ids.manager],
  );
  // Rita had access and lost it.
  await db.query(
    `INSERT INTO "CarePlanCarerGrant" (id, "carePlanId", "carerId", "canContribute", "revokedAt") VALUES ('it-grant-rita', $1, $2, true, now()) ON CONFLICT DO NOTHING`,
    [planA, ids.carerRevoked],
  );

  // Maya's plan, made by the consultant from the diabetes and kidney pathway.
  const existingB = await db.query('SELECT id FROM "CarePlan" WHERE "patientId" = $1', [ids.patientB]);
  if (existingB.rows[0]) planB = existingB.rows[0].id;
  else {
    const pathway = await db.query(
      `SELECT id FROM "Pathway" WHERE title LIKE 'Type 2 diabetes%' AND "workspaceId" = $1`,
      [workspaceId],
    );
    const created = await server.createCarePlan({
      actor: actors.consultant,
      workspaceId,
      input: { patientNhsNumber: NHS.patientB, patientEmail: EMAIL.patientB, pathwayIds: [pathway.rows[0].id] },
    });
    if (!created.ok) throw new Error(`could not make Maya's plan: ${created.message}`);
    planB = created.planId;
  }
  const goal = await server.editCarePlan({
    actor: actors.consultant,
    planId: planB,
    edit: {
      op: 'goal.save',
      kind: 'health',
      description: 'Keep my kidneys working',
      setBy: 'person',
      targetDate: '',
      status: 'active',
    },
  });
  if (!goal.ok || !goal.id) throw new Error('could not add a goal to Maya’s plan');
  goalB = goal.id;
}, 120_000);

afterAll(async () => {
  await server?.disconnect();
  await db.end();
});

// ---------------------------------------------------------------------------------------------

describe('the person, their carer and their care team can read the plan', () => {
  it('shows Arthur his plan on /my-plan: you are here, what happens next, and buttons to call his team', async () => {
    const s = await as('patientA');
    const res = await s.fetch('/my-plan');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Your care plan');
    expect(html).toContain('You are here');
    expect(html).toContain('Pulmonary rehabilitation programme');
    expect(html).toContain('What happens next');
    expect(html).toContain('href="tel:01632960002"'); // call Bea, his coordinator
    expect(html).toContain('href="tel:111"');
    expect(html).toContain('Mark as done');
  });

  it('gives June, whom Arthur shared with, his plan, as a carer', async () => {
    const s = await as('carer');
    const page = await s.fetch(`/my-plan/${planA}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Arthur Pennock’s care plan');
    expect(html).not.toContain('Choose who can see my plan'); // only Arthur decides who sees it
    const api = await s.fetch(`/api/care-plans/${planA}`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      plan: { id: string; patient: { name: string } };
      access: { relation: string; canShare: boolean };
    };
    expect(body.plan.patient.name).toBe('Arthur Pennock');
    expect(body.access).toMatchObject({ relation: 'carer', canShare: false });
  });

  it('gives each reader of the JSON API only their part: no other carers for a carer, no pathway design for the person', async () => {
    type Body = {
      plan: { carers: { name: string; email: string }[]; pathways: { title: string; currentStepId: string | null; document?: unknown }[] };
      access: { relation: string };
    };
    const read = async (who: 'carer' | 'patientA' | 'nurse') => {
      const res = await (await as(who)).fetch(`/api/care-plans/${planA}`);
      expect(res.status).toBe(200);
      return (await res.json()) as Body;
    };
    const carer = await read('carer');
    expect(carer.access.relation).toBe('carer');
    // Who else Arthur shares with (names, email addresses) is his to manage, not June's to see.
    expect(carer.plan.carers).toEqual([]);
    expect(carer.plan.pathways.length).toBeGreaterThan(0);
    for (const p of carer.plan.pathways) {
      expect(p.title).not.toBe('');
      expect(p).not.toHaveProperty('document');
    }

    const arthur = await read('patientA');
    expect(arthur.access.relation).toBe('patient');
    expect(arthur.plan.carers.map((c) => c.email)).toContain(EMAIL.carer);
    for (const p of arthur.plan.pathways) expect(p).not.toHaveProperty('document');

    // His care team works from the pathways themselves.
    const team = await read('nurse');
    expect(team.access.relation).toBe('clinician');
    expect(team.plan.carers.map((c) => c.email)).toContain(EMAIL.carer);
    for (const p of team.plan.pathways) expect(p.document).toMatchObject({ steps: expect.any(Array) });
  });

  it('opens the plan for his care coordinator, with completeness and the pathway step he is on', async () => {
    const s = await as('nurse');
    const res = await s.fetch(`/w/${slug}/care-plans/${planA}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Is the plan complete?');
    expect(html).toContain('has no date to be done by'); // the demo leaves one gap on purpose
    expect(html).toContain('Current step');
    expect(html).toContain('Steps that appear in more than one pathway');
    const list = await s.fetch(`/w/${slug}/care-plans`);
    expect(await list.text()).toContain('Arthur Pennock');
  });

  it('serves the print view, a PDF and a valid-looking FHIR Bundle to the person', async () => {
    const s = await as('patientA');
    const print = await s.fetch(`/my-plan/${planA}/print`);
    expect(print.status).toBe(200);
    const printHtml = await print.text();
    expect(printHtml).toContain('Care plan for Arthur Pennock');
    expect(printHtml).toContain('01632 960 002'); // numbers written out on paper
    expect(printHtml).toContain('Space for your own notes');

    const pdf = await s.fetch(`/api/care-plans/${planA}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    // The server found the embedded typeface (lib/pdf/fonts.ts), so every letter of a name prints.
    expect(pdfBytes.toString('latin1')).toContain('/FontFile2');
    const parser = new PDFParse({ data: new Uint8Array(pdfBytes) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Care plan for Arthur Pennock');
    expect(text).toContain('You are here: Pulmonary rehabilitation programme');
    expect(text).toContain('01632 960 002');

    const fhir = await s.fetch(`/api/care-plans/${planA}/fhir`);
    expect(fhir.status).toBe(200);
    expect(fhir.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = (await fhir.json()) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types.filter((t) => t === 'CarePlan')).toHaveLength(1);
    expect(types.filter((t) => t === 'CareTeam')).toHaveLength(1);
    expect(types.filter((t) => t === 'Goal')).toHaveLength(4);
  });

  it('exports a pathway as a PlanDefinition, and imports one back as a new pathway', async () => {
    const s = await as('gp');
    const pathway = await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'COPD%' ORDER BY "createdAt" LIMIT 1`);
    const res = await s.fetch(`/api/fhir/PlanDefinition/${pathway.rows[0].id}`);
    expect(res.status).toBe(200);
    const pd = (await res.json()) as { resourceType: string; status: string; action: { id: string }[]; url: string };
    expect(pd.resourceType).toBe('PlanDefinition');
    expect(pd.status).toBe('active');
    expect(pd.url).toBe(`${baseUrl}/api/fhir/PlanDefinition/${pathway.rows[0].id}`);
    const imported = await s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...pd, title: 'COPD imported from FHIR' }),
    });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as { id: string };
    const stored = await db.query('SELECT title, document FROM "Pathway" WHERE id = $1', [created.id]);
    expect(stored.rows[0].title).toBe('COPD imported from FHIR');
    expect(stored.rows[0].document.steps).toHaveLength(pd.action.length);
    // A PlanDefinition that does not say each step's sector is refused, naming the action.
    const bad = await s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceType: 'PlanDefinition',
        status: 'draft',
        title: 'X',
        action: [{ id: 'a', title: 'A' }],
      }),
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/action\[0\] \(a\): missing/);
    // A patient cannot import into the workspace.
    const patient = await as('patientA');
    const denied = await patient.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pd),
    });
    expect(denied.status).toBe(404);
    // A workspace viewer is refused before the file is read: a 404, not the 422 that names its problems.
    const viewer = await as('manager');
    const viewerBad = await viewer.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceType: 'PlanDefinition', status: 'draft', title: 'X', action: [{ id: 'a', title: 'A' }] }),
    });
    expect(viewerBad.status).toBe(404);
    expect(JSON.stringify(await viewerBad.json())).not.toContain('action[0]');
  });

  it('imports a PlanDefinition sent as application/fhir+json, as FHIR servers send it, and still refuses other types', async () => {
    const s = await as('gp');
    const pathway = await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'COPD%' ORDER BY "createdAt" LIMIT 1`);
    const pd = (await (await s.fetch(`/api/fhir/PlanDefinition/${pathway.rows[0].id}`)).json()) as {
      action: { id: string }[];
    };
    const post = (contentType: string, body: unknown, headers: Record<string, string> = {}) =>
      s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
        method: 'POST',
        headers: { 'content-type': contentType, ...headers },
        body: JSON.stringify(body),
      });
    const count = async () => (await db.query('SELECT count(*)::int AS n FROM "Pathway"')).rows[0].n as number;

    for (const type of [
      'application/fhir+json',
      'application/fhir+json; charset=utf-8',
      'application/fhir+json; fhirVersion=4.0',
      'Application/FHIR+JSON;fhirVersion=4.0;charset=UTF-8',
    ]) {
      const title = `Sent as ${type}`;
      const res = await post(type, { ...pd, title });
      expect(res.status, type).toBe(201);
      const created = (await res.json()) as { id: string };
      const stored = await db.query('SELECT title, document FROM "Pathway" WHERE id = $1', [created.id]);
      expect(stored.rows[0].title).toBe(title);
      expect(stored.rows[0].document.steps).toHaveLength(pd.action.length);
    }

    const before = await count();
    // Answered as when sent as application/json: a PlanDefinition Pathweave cannot read is a 422 naming the action.
    const bad = await post('application/fhir+json; fhirVersion=4.0', {
      resourceType: 'PlanDefinition',
      status: 'draft',
      title: 'X',
      action: [{ id: 'a', title: 'A' }],
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/action\[0\] \(a\): missing/);
    const notJson = await s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: '{"resourceType": "PlanDefinition",',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'The request body is not valid JSON.' });
    // Another website's page is refused whatever the type says.
    const crossSite = await post(
      'application/fhir+json',
      { ...pd, title: 'From elsewhere' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    // Other types are refused with the message they always had: XML, and types that only mention FHIR JSON.
    for (const type of [
      'application/fhir+xml',
      'text/plain; x=application/fhir+json',
      'application/fhir+json-seq',
      '',
    ]) {
      const res = await post(type, { ...pd, title: `Refused as ${type}` });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: 'Send the request as JSON (Content-Type: application/json).' });
    }
    expect(await count()).toBe(before);
  });

  it('refuses a PlanDefinition over the 5 MB file limit, saying so, and creates nothing', async () => {
    const s = await as('gp');
    const before = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    const huge = JSON.stringify({ resourceType: 'PlanDefinition', status: 'draft', title: 'Huge', description: 'x'.repeat(5_300_000), action: [] });
    const res = await s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/5\.1 MB, larger than the 5 MB limit/);
    const after = await db.query('SELECT count(*)::int AS n FROM "Pathway"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers a database fault in the pathway and PlanDefinition routes with a sentence, never a bare error', async () => {
    const s = await as('gp');
    const pathway = await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'COPD%' ORDER BY "createdAt" LIMIT 1`);
    const id = pathway.rows[0].id as string;
    // Each route works before the fault, so the 500s below come from the fault alone.
    expect((await s.fetch(`/api/pathways/${id}`)).status).toBe(200);
    const exported = await s.fetch(`/api/fhir/PlanDefinition/${id}`);
    expect(exported.status).toBe(200);
    const planDefinition = (await exported.json()) as Record<string, unknown>;
    // The pathway table is out of reach for a moment (files run one at a time). The rename gives up
    // rather than queue behind a lock, and the table is put back whatever happens.
    try {
      await db.query(`SET lock_timeout = '2s'`);
      await db.query('ALTER TABLE "Pathway" RENAME TO "Pathway_away_it"');
      for (const path of [`/api/pathways/${id}`, `/api/fhir/PlanDefinition/${id}`]) {
        const res = await s.fetch(path);
        expect(res.status, path).toBe(500);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const answer = await res.text();
        expect(JSON.parse(answer)).toEqual({
          error: 'Sorry, there is a problem with the service, so this could not be shown. Try again later.',
        });
        expect(answer).not.toMatch(/Pathway_away_it|does not exist|at |Error/);
      }
    } finally {
      await db.query('ALTER TABLE IF EXISTS "Pathway_away_it" RENAME TO "Pathway"');
      await db.query('RESET lock_timeout');
    }

    // An import whose audit row cannot be written: the pathway and its record commit together, so
    // nothing is made, and "nothing was changed" is true (trying again makes no second copy).
    await db.query(`
      CREATE OR REPLACE FUNCTION it_refuse_create_audit() RETURNS trigger AS $$
      BEGIN
        IF NEW.action = 'pathway:create' AND NEW.outcome = 'allowed' THEN
          RAISE EXCEPTION 'audit store unavailable (test)';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(
      `CREATE TRIGGER it_refuse_create_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION it_refuse_create_audit()`,
    );
    try {
      const imported = await s.fetch(`/api/fhir/PlanDefinition?workspace=${slug}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...planDefinition, title: 'Made while the audit is down' }),
      });
      expect(imported.status).toBe(500);
      const answer = await imported.text();
      expect(JSON.parse(answer)).toEqual({
        error: 'Something went wrong on our side, so nothing was changed. Try again in a moment.',
      });
      expect(answer).not.toMatch(/audit store|at |Error/);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS it_refuse_create_audit ON "AuditEvent"');
      await db.query('DROP FUNCTION IF EXISTS it_refuse_create_audit()');
    }
    const made = await db.query(`SELECT count(*)::int AS n FROM "Pathway" WHERE title = 'Made while the audit is down'`);
    expect(made.rows[0].n).toBe(0);
  });

  it('answers a fault while reading a care plan for its PDF with a page a person can read, pointing to the printable plan', async () => {
    // The database refuses the audit row of a PDF read, for the length of this test: every read is
    // audited, so the read cannot go on.
    await db.query(`
      CREATE OR REPLACE FUNCTION it_refuse_pdf_audit() RETURNS trigger AS $$
      BEGIN
        IF NEW.detail->>'via' = 'pdf' THEN
          RAISE EXCEPTION 'audit store unavailable (test)';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(
      `CREATE TRIGGER it_refuse_pdf_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION it_refuse_pdf_audit()`,
    );
    try {
      const res = await (await as('patientA')).fetch(`/api/care-plans/${planA}/pdf`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      expect(page).toContain('<h1>Sorry, there is a problem with the service</h1>');
      expect(page).toContain(`<a href="/my-plan/${planA}/print">open the printable plan</a>`);
      expect(page).not.toMatch(/audit store|at |Error/);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS it_refuse_pdf_audit ON "AuditEvent"');
      await db.query('DROP FUNCTION IF EXISTS it_refuse_pdf_audit()');
    }
    expect((await (await as('patientA')).fetch(`/api/care-plans/${planA}/pdf`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------

const DENIED: { who: Who; label: string }[] = [
  { who: 'patientB', label: 'another patient (Maya)' },
  { who: 'carerNoGrant', label: 'a carer Arthur never shared with' },
  { who: 'carerRevoked', label: 'a carer whose access Arthur stopped' },
  { who: 'consultant', label: 'an editor of the workspace outside his care team' },
  { who: 'manager', label: 'a workspace viewer named in his care team' },
  { who: 'outsider', label: 'a GP of another workspace' },
  { who: 'patientRep', label: 'a patient representative who is a workspace commenter' },
];

describe('nobody else can read or change Arthur’s plan, by any page, route or guessed id', () => {
  for (const { who, label } of DENIED) {
    it(`${label}: every page and route answers exactly as for a plan that does not exist, and each attempt is audited`, async () => {
      const s = await as(who);
      const actorId = ids[who];
      const beforeDenied = await auditCount({ actorId, resourceId: planA, outcome: 'denied' });
      const beforeAllowed = await auditCount({ actorId, resourceId: planA, outcome: 'allowed' });

      // Route handlers: same status, same body, byte for byte.
      for (const suffix of ['', '/pdf', '/fhir', '/pdf?size=large']) {
        const real = await s.fetch(`/api/care-plans/${planA}${suffix}`);
        const fake = await s.fetch(`/api/care-plans/${GUESSED}${suffix}`);
        expect(real.status, suffix).toBe(404);
        expect(fake.status, suffix).toBe(404);
        expect(await real.text(), suffix).toBe(await fake.text());
      }
      for (const [path, body] of [
        ['/notes', { body: 'let me in' }],
        [`/actions/${ownActionA}`, { done: true }],
      ] as const) {
        const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
        const real = await s.fetch(`/api/care-plans/${planA}${path}`, init);
        const fake = await s.fetch(`/api/care-plans/${GUESSED}${path}`, init);
        expect(real.status, path).toBe(404);
        expect(await real.text(), path).toBe(await fake.text());
      }

      // Pages: the same "Page not found", whether the plan exists or not.
      for (const suffix of ['', '/print', '/sharing']) {
        const real = await s.fetch(`/my-plan/${planA}${suffix}`);
        const fake = await s.fetch(`/my-plan/${GUESSED}${suffix}`);
        expect(real.status, suffix).toBe(404);
        expect(fake.status, suffix).toBe(404);
        const realHtml = await real.text();
        expect(realHtml).toContain('Page not found');
        expect(realHtml).not.toContain('Arthur');
        const realPage = streamedPage(scrub(realHtml, planA, GUESSED));
        const fakePage = streamedPage(scrub(await fake.text(), planA, GUESSED));
        expect(realPage.markup, suffix).toBe(fakePage.markup);
        expect(realPage.payload, suffix).toEqual(fakePage.payload);
      }
      // The care team's pages: refused and audited, for members of the workspace and for outsiders alike.
      const beforePages = await auditCount({ actorId, resourceId: planA, outcome: 'denied' });
      for (const suffix of ['', '/audit']) {
        const real = await s.fetch(`/w/${slug}/care-plans/${planA}${suffix}`);
        expect(real.status, suffix).toBe(404);
        expect(await real.text()).not.toContain('Arthur');
      }
      expect((await auditCount({ actorId, resourceId: planA, outcome: 'denied' })) - beforePages).toBe(2);
      // Their own landing page does not list his plan.
      const mine = await s.fetch('/my-plan');
      expect(mine.status).toBe(200);
      expect(await mine.text()).not.toContain(planA);

      // Nothing changed, and every attempt on the real plan is in the audit trail as refused.
      const notes = await db.query(
        `SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1 AND body = 'let me in'`,
        [planA],
      );
      expect(notes.rows[0].n).toBe(0);
      const action = await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [ownActionA]);
      expect(action.rows[0].status).not.toBe('done');
      const denied = (await auditCount({ actorId, resourceId: planA, outcome: 'denied' })) - beforeDenied;
      // 4 API reads + 2 API changes + 3 /my-plan pages + 2 clinician pages.
      expect(denied).toBeGreaterThanOrEqual(11);
      expect(await auditCount({ actorId, resourceId: planA, outcome: 'allowed' })).toBe(beforeAllowed);
      // The guessed id is audited too.
      expect(await auditCount({ actorId, resourceId: GUESSED, outcome: 'denied' })).toBeGreaterThanOrEqual(6);
    });
  }

  it('lets Arthur read his own plan but not Maya’s, even knowing its id', async () => {
    const s = await as('patientA');
    expect((await s.fetch(`/api/care-plans/${planA}`)).status).toBe(200);
    const theirs = await s.fetch(`/api/care-plans/${planB}`);
    const none = await s.fetch(`/api/care-plans/${GUESSED}`);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await none.text());
    expect((await s.fetch(`/my-plan/${planB}`)).status).toBe(404);
    expect(await auditCount({ actorId: ids.patientA, resourceId: planB, outcome: 'denied' })).toBeGreaterThanOrEqual(2);
  });

  it('answers Arthur opening the PDF link of Maya’s plan with a "Page not found" page, not JSON, and audits it', async () => {
    const s = await as('patientA');
    const before = await auditCount({ actorId: ids.patientA, resourceId: planB, outcome: 'denied' });
    const res = await s.fetch(`/api/care-plans/${planB}/pdf`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('<h1>Page not found</h1>');
    expect(page).toContain('We could not find that care plan');
    expect(page).toContain('<a href="/my-plan">');
    expect(page).not.toContain('Maya');
    expect(page).not.toContain(planB);
    expect(page).not.toContain('{"error"');
    expect(await auditCount({ actorId: ids.patientA, resourceId: planB, outcome: 'denied' })).toBe(before + 1);
  });

  it('sends someone who is not signed in to sign in, and the API answers 401 without saying whether the plan exists', async () => {
    const anon = new Session(baseUrl);
    const page = await anon.fetch(`/my-plan/${planA}`);
    expect([303, 307]).toContain(page.status);
    expect(page.headers.get('location')).toContain('/signin');
    const real = await anon.fetch(`/api/care-plans/${planA}`);
    const fake = await anon.fetch(`/api/care-plans/${GUESSED}`);
    expect(real.status).toBe(401);
    expect(await real.text()).toBe(await fake.text());
    // The PDF is opened from a link: sign in, then back to the plan's page, never JSON.
    for (const suffix of ['/pdf', '/pdf?size=large']) {
      const pdf = await anon.fetch(`/api/care-plans/${planA}${suffix}`);
      expect(pdf.status, suffix).toBe(303);
      const to = new URL(pdf.headers.get('location') ?? '', baseUrl);
      expect(to.pathname, suffix).toBe('/signin');
      expect(to.searchParams.get('callbackUrl'), suffix).toBe(`/my-plan/${planA}`);
      expect(await pdf.text(), suffix).toBe('');
    }
  });

  it('refuses a change posted as a form (another site could send one) before reading anything', async () => {
    const s = await as('patientA');
    const res = await s.fetch(`/api/care-plans/${planA}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'body=hello',
    });
    expect(res.status).toBe(415);
  });

  it('refuses JSON that another website’s page sent, and a type that only mentions JSON, changing nothing', async () => {
    const s = await as('patientA');
    const notes = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1', [planA])).rows[0].n as number;
    const before = await notes();
    const post = (headers: Record<string, string>) =>
      s.fetch(`/api/care-plans/${planA}/notes`, { method: 'POST', headers, body: JSON.stringify({ body: 'From elsewhere' }) });
    // A browser sends this across sites without asking first.
    expect((await post({ 'content-type': 'text/plain; x=application/json' })).status).toBe(415);
    // A sibling subdomain's page, or any other site's.
    for (const site of ['same-site', 'cross-site']) {
      const res = await post({ 'content-type': 'application/json', 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect(await res.json()).toEqual({ error: 'This request came from another website, so Pathweave did not act on it.' });
    }
    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect(await notes()).toBe(before);
    // The app's own page is let through.
    const own = await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(201);
    expect(await notes()).toBe(before + 1);
    const { noteId } = (await own.json()) as { noteId: string };
    expect(await server.deleteCarePlanNote({ actor: actors.patientA, planId: planA, noteId })).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe('the care team’s pages, opened by the person’s own carer who is also a workspace member', () => {
  it('refuses before reading: the trail records a refusal, never a view of the plan or of its trail', async () => {
    await db.query(
      `INSERT INTO "Membership" (id, "userId", "workspaceId", "accessRole") VALUES ('it-carer-member', $1, $2, 'commenter')`,
      [ids.carer, workspaceId],
    );
    try {
      const s = await as('carer');
      const base = { actorId: ids.carer, resourceId: planA };
      const viewAllowed = await auditCount({ ...base, outcome: 'allowed', action: 'carePlan:view' });
      const viewDenied = await auditCount({ ...base, outcome: 'denied', action: 'carePlan:view' });
      const trailAllowed = await auditCount({ ...base, outcome: 'allowed', action: 'carePlan:viewAudit' });
      const trailDenied = await auditCount({ ...base, outcome: 'denied', action: 'carePlan:viewAudit' });
      expect((await s.fetch(`/w/${slug}/care-plans/${planA}`)).status).toBe(404);
      expect((await s.fetch(`/w/${slug}/care-plans/${planA}/audit`)).status).toBe(404);
      expect(await auditCount({ ...base, outcome: 'allowed', action: 'carePlan:view' })).toBe(viewAllowed);
      expect(await auditCount({ ...base, outcome: 'denied', action: 'carePlan:view' })).toBe(viewDenied + 1);
      expect(await auditCount({ ...base, outcome: 'allowed', action: 'carePlan:viewAudit' })).toBe(trailAllowed);
      expect(await auditCount({ ...base, outcome: 'denied', action: 'carePlan:viewAudit' })).toBe(trailDenied + 1);
      // Her own way in still works, and is recorded as a view.
      expect((await s.fetch(`/my-plan/${planA}`)).status).toBe(200);
      expect(await auditCount({ ...base, outcome: 'allowed', action: 'carePlan:view' })).toBe(viewAllowed + 1);
    } finally {
      await db.query(`DELETE FROM "Membership" WHERE id = 'it-carer-member'`);
    }
  });
});

describe('sharing and consent', () => {
  it('takes effect at once: June loses the plan the moment Arthur stops sharing, and gets it back when he shares again', async () => {
    const june = await as('carer');
    expect((await june.fetch(`/api/care-plans/${planA}`)).status).toBe(200);
    const sharing = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
    const grant = sharing?.live.find((g) => g.carerId === ids.carer);
    expect(grant).toBeDefined();

    // Only Arthur can change who sees it: not June, not his coordinator.
    for (const who of ['carer', 'nurse'] as const) {
      const r = await server.revokeCarePlanAccess({
        actor: actors[who],
        planId: planA,
        input: { grantId: grant!.grantId },
      });
      expect(r).toMatchObject({ ok: false, reason: 'not_found' });
    }
    expect((await june.fetch(`/api/care-plans/${planA}`)).status).toBe(200);

    const revoked = await server.revokeCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { grantId: grant!.grantId },
    });
    expect(revoked).toEqual({ ok: true });
    // Same session, next request: gone.
    expect((await june.fetch(`/api/care-plans/${planA}`)).status).toBe(404);
    expect((await june.fetch(`/my-plan/${planA}`)).status).toBe(404);
    expect(await (await june.fetch('/my-plan')).text()).not.toContain(planA);

    const regranted = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: 'Carer@Pathweave.test', canContribute: true },
    });
    expect(regranted).toMatchObject({ ok: true, name: 'June Pennock' });
    expect((await june.fetch(`/api/care-plans/${planA}`)).status).toBe(200);
    // The record keeps both grants; one is live.
    const rows = await db.query(
      `SELECT "revokedAt" FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2`,
      [planA, ids.carer],
    );
    expect(rows.rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
    expect(rows.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('answers the same whether or not an email has an account, and shares nothing until the invitee says yes', async () => {
    const repName = (await db.query('SELECT name FROM "User" WHERE id = $1', [ids.patientRep])).rows[0].name as string;
    const share = (carerEmail: string) =>
      server.grantCarePlanAccess({ actor: actors.patientA, planId: planA, input: { carerEmail, canContribute: true } });
    const nobody = await share('Nobody@Example.com');
    const rep = await share(EMAIL.patientRep);
    // Same shape and kind, and neither names anyone: Arthur cannot tell which email has an account.
    expect(nobody).toMatchObject({ ok: true, kind: 'invited', email: 'nobody@example.com' });
    expect(rep).toMatchObject({ ok: true, kind: 'invited', email: EMAIL.patientRep });
    expect(Object.keys(rep).sort()).toEqual(Object.keys(nobody).sort());
    if (!rep.ok || rep.kind !== 'invited' || !nobody.ok || nobody.kind !== 'invited') throw new Error('not invited');
    // Asking again changes the open invitation rather than making a second one.
    const again = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.patientRep, canContribute: false },
    });
    expect(again).toMatchObject({ ok: true, kind: 'invited', invitationId: rep.invitationId });
    const sharing = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
    expect(sharing!.invited.map((i) => [i.email, i.canContribute])).toEqual([
      ['nobody@example.com', true],
      [EMAIL.patientRep, false],
    ]);
    expect(JSON.stringify(sharing)).not.toContain(repName);

    // Invited is not shared: the plan is "not found" for them, by the use case and over HTTP.
    expect(await server.getCarePlan({ actor: actors.patientRep, planId: planA, via: 'api' })).toBeNull();
    const repSession = await as('patientRep');
    expect((await repSession.fetch(`/api/care-plans/${planA}`)).status).toBe(404);
    // Their /my-plan asks them, naming Arthur, and shows nothing of the plan.
    const page = await (await repSession.fetch('/my-plan')).text();
    expect(page).toContain('Arthur Pennock would like you to see their care plan');
    expect(page).toContain('From Riverside GP Cluster');
    expect(page).not.toContain('What matters to');
    const mine = await server.listMyCarePlanInvitations({ actor: actors.patientRep });
    expect(mine).toEqual([expect.objectContaining({ invitationId: rep.invitationId, patientName: 'Arthur Pennock', canContribute: false })]);
    expect(await server.listMyCarePlanInvitations({ actor: actors.carerNoGrant })).toEqual([]);

    // Nobody else may answer it, not even Arthur: "not found", the refusal audited, and it stays open.
    for (const who of ['carerNoGrant', 'patientA', 'nurse'] as const) {
      const refusals = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceType" = 'carePlanInvitation' AND "resourceId" = $2 AND outcome = 'denied'`,
            [ids[who], rep.invitationId],
          )
        ).rows[0].n as number;
      const before = await refusals();
      const r = await server.respondToCarePlanInvitation({ actor: actors[who], invitationId: rep.invitationId, accept: true });
      expect(r, who).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await refusals(), who).toBe(before + 1);
    }
    const open = await db.query('SELECT "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [rep.invitationId]);
    expect(open.rows[0].respondedAt).toBeNull();

    // They say yes twice at once (two tabs): one grant, and the other answer is told it was answered.
    const answers = await Promise.all([
      server.respondToCarePlanInvitation({ actor: actors.patientRep, invitationId: rep.invitationId, accept: true }),
      server.respondToCarePlanInvitation({ actor: actors.patientRep, invitationId: rep.invitationId, accept: true }),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'invitationId' }] });
    try {
      const grants = await db.query(
        'SELECT id, "canContribute", "grantedById" FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
        [planA, ids.patientRep],
      );
      // What Arthur chose last, and given by Arthur.
      expect(grants.rows).toEqual([{ id: expect.any(String), canContribute: false, grantedById: ids.patientA }]);
      const answered = await db.query('SELECT outcome, "grantId" FROM "CarePlanInvitation" WHERE id = $1', [rep.invitationId]);
      expect(answered.rows[0]).toEqual({ outcome: 'accepted', grantId: grants.rows[0].id });
      expect(await server.getCarePlan({ actor: actors.patientRep, planId: planA, via: 'api' })).not.toBeNull();
      // Now that they have said yes, Arthur sees their name, and that they said yes.
      const after = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
      expect(after!.live.map((g) => g.name)).toContain(repName);
      expect(after!.invited.map((i) => i.email)).toEqual(['nobody@example.com']);
      const trail = await server.getCarePlanAudit({ actor: actors.patientA, planId: planA });
      expect(trail!.entries).toContainEqual(expect.objectContaining({ who: repName, what: 'Said yes to seeing the plan' }));

      // Arthur takes back the other invitation; taking it back again says it is no longer open.
      expect(
        await server.cancelCarePlanInvitation({ actor: actors.patientA, planId: planA, invitationId: nobody.invitationId }),
      ).toEqual({ ok: true, email: 'nobody@example.com' });
      expect(
        await server.cancelCarePlanInvitation({ actor: actors.patientA, planId: planA, invitationId: nobody.invitationId }),
      ).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'invitationId' }] });
      // Maya cannot take back Arthur's invitations.
      expect(
        await server.cancelCarePlanInvitation({ actor: actors.patientB, planId: planA, invitationId: nobody.invitationId }),
      ).toMatchObject({ ok: false, reason: 'not_found' });
    } finally {
      const live = await db.query(
        'SELECT id FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
        [planA, ids.patientRep],
      );
      for (const row of live.rows) {
        await server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: row.id } });
      }
    }
  });

  it('shares nothing when the invitee says no, and shows Arthur the address that said no, never whose account it is', async () => {
    const managerName = (await db.query('SELECT name FROM "User" WHERE id = $1', [ids.manager])).rows[0].name as string;
    const asked = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.manager, canContribute: true },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    const no = await server.respondToCarePlanInvitation({ actor: actors.manager, invitationId: asked.invitationId, accept: false });
    expect(no).toMatchObject({ ok: true, planId: null });
    const row = await db.query('SELECT outcome, "grantId" FROM "CarePlanInvitation" WHERE id = $1', [asked.invitationId]);
    expect(row.rows[0]).toEqual({ outcome: 'declined', grantId: null });
    const grants = await db.query('SELECT count(*)::int AS n FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2', [
      planA,
      ids.manager,
    ]);
    expect(grants.rows[0].n).toBe(0);
    expect(await server.getCarePlan({ actor: actors.manager, planId: planA, via: 'api' })).toBeNull();
    expect(await server.listMyCarePlanInvitations({ actor: actors.manager })).toEqual([]);
    // The "no" is recorded against the invitation, not on the plan's trail that Arthur reads.
    const recorded = await db.query(
      `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceType" = 'carePlanInvitation' AND "resourceId" = $2 AND outcome = 'allowed'`,
      [ids.manager, asked.invitationId],
    );
    expect(recorded.rows.map((r) => r.detail)).toEqual([{ op: 'decline-invite', planId: planA }]);
    // Saying yes afterwards is too late.
    expect(
      await server.respondToCarePlanInvitation({ actor: actors.manager, invitationId: asked.invitationId, accept: true }),
    ).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'invitationId' }] });
    // Arthur sees the address he typed said no, and nothing that names the account behind it.
    const sharing = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
    expect(sharing!.invited.map((i) => i.email)).not.toContain(EMAIL.manager);
    expect(sharing!.declined.map((d) => d.email)).toContain(EMAIL.manager);
    expect(JSON.stringify(sharing)).not.toContain(managerName);
    const trail = await server.getCarePlanAudit({ actor: actors.patientA, planId: planA });
    expect(trail!.entries.filter((e) => e.who === managerName && e.outcome === 'allowed')).toEqual([]);
    // Asking again moves the address back to "waiting".
    const again = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.manager, canContribute: false },
    });
    if (!again.ok || again.kind !== 'invited') throw new Error('not invited');
    const waiting = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
    expect(waiting!.declined.map((d) => d.email)).not.toContain(EMAIL.manager);
    expect(waiting!.invited.map((i) => i.email)).toContain(EMAIL.manager);
    expect(
      await server.cancelCarePlanInvitation({ actor: actors.patientA, planId: planA, invitationId: again.invitationId }),
    ).toEqual({ ok: true, email: EMAIL.manager });
    // Taken back, the address's last answer is "no" again.
    const cancelled = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
    expect(cancelled!.declined.map((d) => d.email)).toContain(EMAIL.manager);
    // Asked once more and the answer is yes: they can see the plan, and the old "no" is gone.
    const third = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.manager, canContribute: false },
    });
    if (!third.ok || third.kind !== 'invited') throw new Error('not invited');
    try {
      const yes = await server.respondToCarePlanInvitation({
        actor: actors.manager,
        invitationId: third.invitationId,
        accept: true,
        shownCanContribute: false,
      });
      expect(yes).toMatchObject({ ok: true, planId: planA });
      const shared = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
      expect(shared!.live.map((g) => g.email)).toContain(EMAIL.manager);
      expect(shared!.declined.map((d) => d.email)).not.toContain(EMAIL.manager);
      expect(shared!.invited.map((i) => i.email)).not.toContain(EMAIL.manager);
    } finally {
      const live = await db.query(
        'SELECT id FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
        [planA, ids.manager],
      );
      for (const row of live.rows) {
        await server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: row.id } });
      }
    }
  });

  it('counts a yes only for what the invitee was shown, when Arthur changes it in between', async () => {
    const asked = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.consultant, canContribute: false },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    // Arthur now lets them add notes too; the consultant answers the page that said "read only".
    await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: EMAIL.consultant, canContribute: true },
    });
    const stale = await server.respondToCarePlanInvitation({
      actor: actors.consultant,
      invitationId: asked.invitationId,
      accept: true,
      shownCanContribute: false,
    });
    expect(stale).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'invitationId', message: expect.stringContaining('Arthur Pennock has changed what this invitation lets you do') }],
    });
    const open = await db.query('SELECT "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [asked.invitationId]);
    expect(open.rows[0].respondedAt).toBeNull();
    expect(await server.getCarePlan({ actor: actors.consultant, planId: planA, via: 'api' })).toBeNull();
    // Answering what is shown now works, and gives exactly that.
    expect(
      await server.respondToCarePlanInvitation({
        actor: actors.consultant,
        invitationId: asked.invitationId,
        accept: true,
        shownCanContribute: true,
      }),
    ).toMatchObject({ ok: true, planId: planA });
    const grant = await db.query(
      'SELECT id, "canContribute" FROM "CarePlanCarerGrant" WHERE "carePlanId" = $1 AND "carerId" = $2 AND "revokedAt" IS NULL',
      [planA, ids.consultant],
    );
    expect(grant.rows.map((r) => r.canContribute)).toEqual([true]);
    await server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: grant.rows[0].id } });
  });

  it('lets nobody answer an invitation to a plan that is no longer active, and lists none', async () => {
    const asked = await server.grantCarePlanAccess({
      actor: actors.patientB,
      planId: planB,
      input: { carerEmail: EMAIL.carerNoGrant, canContribute: false },
    });
    if (!asked.ok || asked.kind !== 'invited') throw new Error('not invited');
    await db.query(`UPDATE "CarePlan" SET status = 'archived' WHERE id = $1`, [planB]);
    try {
      expect(await server.listMyCarePlanInvitations({ actor: actors.carerNoGrant })).toEqual([]);
      const r = await server.respondToCarePlanInvitation({ actor: actors.carerNoGrant, invitationId: asked.invitationId, accept: true });
      expect(r).toMatchObject({ ok: false, reason: 'not_found' });
      const refused = await db.query(
        `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceType" = 'carePlanInvitation' AND "resourceId" = $2 AND outcome = 'denied'`,
        [ids.carerNoGrant, asked.invitationId],
      );
      expect(refused.rows[0].n).toBe(1);
      const row = await db.query('SELECT "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [asked.invitationId]);
      expect(row.rows[0].respondedAt).toBeNull();
    } finally {
      await db.query(`UPDATE "CarePlan" SET status = 'active' WHERE id = $1`, [planB]);
    }
    // Active again: Maya takes it back, which is on her plan's record; Arthur cannot take back hers.
    expect(
      await server.cancelCarePlanInvitation({ actor: actors.patientA, planId: planA, invitationId: asked.invitationId }),
    ).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'invitationId', message: expect.stringContaining('not an invitation to see your plan') }] });
    const refusedOnA = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND outcome = 'denied' AND detail @> $3::jsonb`,
      [ids.patientA, planA, JSON.stringify({ op: 'cancel-invite', id: asked.invitationId })],
    );
    expect(refusedOnA.rows[0].n).toBe(1);
    expect((await db.query('SELECT "respondedAt" FROM "CarePlanInvitation" WHERE id = $1', [asked.invitationId])).rows[0].respondedAt).toBeNull();
    expect(
      await server.cancelCarePlanInvitation({ actor: actors.patientB, planId: planB, invitationId: asked.invitationId }),
    ).toEqual({ ok: true, email: EMAIL.carerNoGrant });
    const changes = await db.query(
      `SELECT detail->>'op' AS op FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:share' AND outcome = 'allowed' AND detail->>'id' = $3 ORDER BY at`,
      [ids.patientB, planB, asked.invitationId],
    );
    expect(changes.rows.map((r) => r.op)).toEqual(['invite', 'cancel-invite']);
  });

  it('names the field and the value for a bad email or the person’s own, and lets nobody else share the plan', async () => {
    const bad = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: 'not an email' },
    });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'carerEmail' }] });
    const own = await server.grantCarePlanAccess({
      actor: actors.patientA,
      planId: planA,
      input: { carerEmail: 'Patient@Pathweave.test' },
    });
    expect(own).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'carerEmail', message: expect.stringContaining('patient@pathweave.test is your own email address') }],
    });
    // Maya cannot share Arthur's plan.
    const other = await server.grantCarePlanAccess({
      actor: actors.patientB,
      planId: planA,
      input: { carerEmail: EMAIL.patientB },
    });
    expect(other).toMatchObject({ ok: false, reason: 'not_found' });
    const invitations = await db.query('SELECT email FROM "CarePlanInvitation" WHERE "carePlanId" = $1 AND "respondedAt" IS NULL', [planA]);
    expect(invitations.rows.map((r) => r.email)).not.toContain(EMAIL.patientB);
  });

  it('shows Arthur who has looked at his plan, by name, from the audit trail', async () => {
    const nurse = await as('nurse');
    await nurse.fetch(`/w/${slug}/care-plans/${planA}`);
    const june = await as('carer');
    await june.fetch(`/api/care-plans/${planA}/pdf`);
    const audit = await server.getCarePlanAudit({ actor: actors.patientA, planId: planA });
    expect(audit).not.toBeNull();
    const entries = audit!.entries;
    expect(
      entries.some(
        (e) => e.who === 'Bea Lindqvist-Hart' && e.what === 'Looked at the plan' && e.role === 'Community nurse',
      ),
    ).toBe(true);
    expect(entries.some((e) => e.who === 'June Pennock' && e.what === 'Downloaded the plan as a PDF')).toBe(true);
    // His own reads are not listed, and refusals are not shown to him.
    expect(entries.some((e) => e.isSelf)).toBe(false);
    expect(entries.every((e) => e.outcome === 'allowed')).toBe(true);
    // The sharing page shows the same over HTTP, and only to him.
    const arthur = await as('patientA');
    const page = await arthur.fetch(`/my-plan/${planA}/sharing`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Who has looked at my plan');
    expect(html).toContain('Bea Lindqvist-Hart');
    expect((await june.fetch(`/my-plan/${planA}/sharing`)).status).toBe(404);
    // The care team also sees refused attempts.
    const teamView = await server.getCarePlanAudit({ actor: actors.nurse, planId: planA });
    expect(teamView!.entries.some((e) => e.outcome === 'denied')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the person’s own changes', () => {
  it('lets Arthur tick off his own action over HTTP, but not a job of his care team', async () => {
    const s = await as('patientA');
    const doneRes = await s.fetch(`/api/care-plans/${planA}/actions/${ownActionA}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ done: true }),
    });
    expect(doneRes.status).toBe(200);
    const row = await db.query('SELECT status, "completedById" FROM "CarePlanAction" WHERE id = $1', [ownActionA]);
    expect(row.rows[0]).toEqual({ status: 'done', completedById: ids.patientA });
    const team = await s.fetch(`/api/care-plans/${planA}/actions/${teamActionA}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ done: true }),
    });
    expect(team.status).toBe(422);
    expect(JSON.stringify(await team.json())).toContain('actionId');
    expect((await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [teamActionA])).rows[0].status).toBe(
      'to_do',
    );
    // Un-tick.
    const undo = await server.setCarePlanActionDone({
      actor: actors.patientA,
      planId: planA,
      input: { actionId: ownActionA, done: false },
    });
    expect(undo).toEqual({ ok: true, status: 'to_do' });
    // An action id from Maya's plan does nothing to it through Arthur's plan.
    const mayaAction = await server.editCarePlan({
      actor: actors.consultant,
      planId: planB,
      edit: {
        op: 'action.save',
        description: 'Book bloods',
        ownerKind: 'person',
        dueDate: '2027-01-10',
        status: 'to_do',
      },
    });
    expect(mayaAction.ok).toBe(true);
    const cross = await server.setCarePlanActionDone({
      actor: actors.patientA,
      planId: planA,
      input: { actionId: (mayaAction as { id: string }).id, done: true },
    });
    expect(cross).toMatchObject({ ok: false, reason: 'invalid' });
    expect(
      (await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [(mayaAction as { id: string }).id])).rows[0]
        .status,
    ).toBe('to_do');
  });

  it('says why a job cannot be ticked off: not his, cancelled by his team, or no longer in his plan, and audits each refusal', async () => {
    const save = async (edit: Record<string, unknown>) => {
      const r = await server.editCarePlan({
        actor: actors.nurse,
        planId: planA,
        edit: { op: 'action.save', ownerKind: 'person', dueDate: '', status: 'to_do', ...edit },
      });
      if (!r.ok) throw new Error(r.message);
      return (r as { id: string }).id;
    };
    // The care team cancels one of Arthur's jobs, and deletes another, while his page is open.
    const cancelled = await save({ description: 'Go to the breathing class' });
    await save({
      id: cancelled,
      revision: await revisionOf('nurse', planA, 'actions', cancelled),
      description: 'Go to the breathing class',
      status: 'cancelled',
    });
    const deleted = await save({ description: 'Collect the new inhaler' });
    const removed = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: { op: 'action.delete', id: deleted, revision: await revisionOf('nurse', planA, 'actions', deleted) },
    });
    expect(removed.ok).toBe(true);
    const maya = await server.editCarePlan({
      actor: actors.consultant,
      planId: planB,
      edit: { op: 'action.save', description: 'Weigh myself', ownerKind: 'person', dueDate: '', status: 'to_do' },
    });
    expect(maya.ok).toBe(true);
    const mayaAction = (maya as { id: string }).id;

    const tick = (who: Who, actionId: string, done = true) =>
      server.setCarePlanActionDone({ actor: actors[who], planId: planA, input: { actionId, done } });
    const refusal = (message: string) => ({
      ok: false,
      reason: 'invalid',
      message: 'That action could not be changed.',
      errors: [{ path: 'actionId', message }],
    });
    const notHis = refusal('Action: you can tick off only your own actions. Ask your team about the others.');
    const wasCancelled = refusal('Action: this job was cancelled by your care team, so it cannot be ticked off.');
    const gone = refusal('Action: this job is no longer in your plan. Reload the page to see the plan as it is now.');
    const denied = (who: Who) =>
      auditCount({ actorId: ids[who], resourceId: planA, outcome: 'denied', action: 'carePlan:patientUpdate' });
    const refusalsNaming = async (id: string) =>
      (
        await db.query(
          `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:patientUpdate' AND outcome = 'denied' AND detail->>'id' = $3`,
          [ids.patientA, planA, id],
        )
      ).rows.map((r) => r.detail as unknown);
    const before = { arthur: await denied('patientA'), june: await denied('carer') };
    try {
      expect(await tick('patientA', teamActionA)).toEqual(notHis);
      expect(await tick('patientA', cancelled)).toEqual(wasCancelled);
      expect(await tick('patientA', cancelled, false)).toEqual(
        refusal('Action: this job was cancelled by your care team, so it cannot be changed.'),
      );
      expect(await tick('patientA', deleted)).toEqual(gone);
      // An action of Maya's plan reads exactly like one that is not there: nothing about her plan shows.
      expect(await tick('patientA', mayaAction)).toEqual(gone);
      expect(await tick('patientA', GUESSED)).toEqual(gone);
      // June, who may add to his plan, is told the same.
      expect(await tick('carer', cancelled)).toEqual(wasCancelled);
      // Over the JSON API the reason reaches the page.
      const arthur = await as('patientA');
      const res = await arthur.fetch(`/api/care-plans/${planA}/actions/${cancelled}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ done: true }),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: wasCancelled.message, errors: wasCancelled.errors });

      // Each refusal is on the plan's record, as before: the op and the id, nothing more.
      expect(await denied('patientA')).toBe(before.arthur + 7);
      expect(await denied('carer')).toBe(before.june + 1);
      expect(await refusalsNaming(cancelled)).toEqual(Array(3).fill({ op: 'action.done', id: cancelled }));
      expect(await refusalsNaming(mayaAction)).toEqual([{ op: 'action.done', id: mayaAction }]);
      // Nothing changed.
      const statuses = await db.query('SELECT id, status FROM "CarePlanAction" WHERE id = ANY($1) ORDER BY id', [
        [cancelled, deleted, teamActionA, mayaAction],
      ]);
      expect(Object.fromEntries(statuses.rows.map((r) => [r.id, r.status]))).toEqual({
        [cancelled]: 'cancelled',
        [teamActionA]: 'to_do',
        [mayaAction]: 'to_do',
      });
    } finally {
      await db.query('DELETE FROM "CarePlanAction" WHERE id = ANY($1)', [[cancelled, mayaAction]]);
    }
  });

  it('lets Arthur and June (allowed to contribute) add notes, and delete only their own', async () => {
    const s = await as('patientA');
    const res = await s.fetch(`/api/care-plans/${planA}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Ask about the flu jab.' }),
    });
    expect(res.status).toBe(201);
    const { noteId } = (await res.json()) as { noteId: string };
    const empty = await s.fetch(`/api/care-plans/${planA}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: '   ' }),
    });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({
      path: 'body',
      message: 'Enter your note.',
    });

    const juneNote = await server.addCarePlanNote({
      actor: actors.carer,
      planId: planA,
      input: { body: 'Lift booked for Tuesday.' },
    });
    expect(juneNote.ok).toBe(true);
    const notMine = await server.deleteCarePlanNote({ actor: actors.carer, planId: planA, noteId });
    expect(notMine).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await server.deleteCarePlanNote({ actor: actors.patientA, planId: planA, noteId })).toEqual({ ok: true });
  });

  it('makes a change and its audit row together: when the audit row cannot be written, nothing changes', async () => {
    // The database refuses audit rows for the carer's note additions, for the length of this test.
    await db.query(`
      CREATE OR REPLACE FUNCTION it_refuse_note_audit() RETURNS trigger AS $$
      BEGIN
        IF NEW."actorId" = '${ids.carer}' AND NEW.detail->>'op' IN ('note.add', 'action.done') THEN
          RAISE EXCEPTION 'audit store unavailable (test)';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(
      `CREATE TRIGGER it_refuse_note_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION it_refuse_note_audit()`,
    );
    const before = await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [ownActionA]);
    try {
      await expect(
        server.addCarePlanNote({ actor: actors.carer, planId: planA, input: { body: 'Written while the audit is down' } }),
      ).rejects.toThrow(/audit store unavailable/);
      await expect(
        server.setCarePlanActionDone({
          actor: actors.carer,
          planId: planA,
          input: { actionId: ownActionA, done: before.rows[0].status !== 'done' },
        }),
      ).rejects.toThrow(/audit store unavailable/);
      // Through the JSON route, the fault is a sentence, never the error's own text or a bare error page.
      const june = await as('carer');
      const res = await june.fetch(`/api/care-plans/${planA}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'Written while the audit is down' }),
      });
      expect(res.status).toBe(500);
      const answer = await res.text();
      expect(JSON.parse(answer)).toEqual({
        error: 'Something went wrong on our side, so nothing was changed. Try again in a moment.',
      });
      expect(answer).not.toMatch(/audit store|at |Error/);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS it_refuse_note_audit ON "AuditEvent"');
      await db.query('DROP FUNCTION IF EXISTS it_refuse_note_audit()');
    }
    const notes = await db.query(`SELECT count(*)::int AS n FROM "CarePlanNote" WHERE body = 'Written while the audit is down'`);
    expect(notes.rows[0].n).toBe(0);
    const after = await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [ownActionA]);
    expect(after.rows[0].status).toBe(before.rows[0].status);
  });

  it('does not let a carer who may only look add anything', async () => {
    await shareAndAccept('patientA', planA, 'carerNoGrant', false);
    try {
      expect(await server.getCarePlan({ actor: actors.carerNoGrant, planId: planA, via: 'api' })).not.toBeNull();
      const note = await server.addCarePlanNote({
        actor: actors.carerNoGrant,
        planId: planA,
        input: { body: 'hello' },
      });
      expect(note).toMatchObject({ ok: false, reason: 'not_found' });
      const tick = await server.setCarePlanActionDone({
        actor: actors.carerNoGrant,
        planId: planA,
        input: { actionId: ownActionA, done: true },
      });
      expect(tick).toMatchObject({ ok: false, reason: 'not_found' });
    } finally {
      const sharing = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
      const g = sharing!.live.find((x) => x.carerId === ids.carerNoGrant);
      await server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: g!.grantId } });
    }
    expect(await server.getCarePlan({ actor: actors.carerNoGrant, planId: planA, via: 'api' })).toBeNull();
  });

  it('signs a note by another carer "Another carer" for a carer, on the page, the PDF and the API, and by name for the person and the team', async () => {
    await shareAndAccept('patientA', planA, 'carerNoGrant', true);
    let rayNote = '';
    let juneNote = '';
    try {
      const ray = await server.addCarePlanNote({ actor: actors.carerNoGrant, planId: planA, input: { body: 'Ray collected the prescription.' } });
      const june = await server.addCarePlanNote({ actor: actors.carer, planId: planA, input: { body: 'June rang the surgery.' } });
      if (!ray.ok || !june.ok) throw new Error('notes not added');
      rayNote = ray.noteId;
      juneNote = june.noteId;

      type Notes = { plan: { notes: { id: string; authorId: string; authorName: string; body: string }[] } };
      const notesFor = async (who: Who) => {
        const res = await (await as(who)).fetch(`/api/care-plans/${planA}`);
        expect(res.status).toBe(200);
        return ((await res.json()) as Notes).plan.notes;
      };
      // June, another carer: Ray's note is there, but not who Ray is; her own note keeps her name.
      const forJune = await notesFor('carer');
      expect(forJune.find((n) => n.id === rayNote)).toMatchObject({ authorId: '', authorName: 'Another carer', body: 'Ray collected the prescription.' });
      const juneName = forJune.find((n) => n.id === juneNote)?.authorName;
      expect(juneName).toBeTruthy();
      expect(juneName).not.toBe('Another carer');
      const junePage = await (await (await as('carer')).fetch(`/my-plan/${planA}`)).text();
      expect(junePage).toContain('Ray collected the prescription.');
      expect(junePage).not.toContain('Ray Nogrant');
      const junePdf = await (await as('carer')).fetch(`/api/care-plans/${planA}/pdf`);
      expect(junePdf.status).toBe(200);
      const parser = new PDFParse({ data: new Uint8Array(await junePdf.arrayBuffer()) });
      const pdfText = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      expect(pdfText).toContain('Ray collected the prescription. (Another carer');
      expect(pdfText).not.toContain('Nogrant');
      // Arthur, who chose both of them, and his care team see Ray's name.
      expect((await notesFor('patientA')).find((n) => n.id === rayNote)).toMatchObject({ authorId: ids.carerNoGrant, authorName: 'Ray Nogrant' });
      expect((await notesFor('nurse')).find((n) => n.id === rayNote)).toMatchObject({ authorName: 'Ray Nogrant' });
    } finally {
      if (rayNote) await server.deleteCarePlanNote({ actor: actors.carerNoGrant, planId: planA, noteId: rayNote });
      if (juneNote) await server.deleteCarePlanNote({ actor: actors.carer, planId: planA, noteId: juneNote });
      const sharing = await server.getCarePlanSharing({ actor: actors.patientA, planId: planA });
      const g = sharing!.live.find((x) => x.carerId === ids.carerNoGrant);
      await server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: g!.grantId } });
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('the care team’s use cases (what the server actions call)', () => {
  it('lets the coordinator change any part of the plan, and audits what changed without the text', async () => {
    const before = await auditCount({
      actorId: ids.nurse,
      resourceId: planA,
      outcome: 'allowed',
      action: 'carePlan:edit',
    });
    const goal = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'goal.save',
        kind: 'social',
        description: 'Go to the Wednesday lunch club',
        setBy: 'together',
        targetDate: '2027-02-01',
        status: 'active',
      },
    });
    expect(goal).toMatchObject({ ok: true, op: 'goal.save' });
    const firstPathway = (
      await db.query('SELECT "pathwayId" FROM "CarePlanPathway" WHERE "carePlanId" = $1 ORDER BY position LIMIT 1', [
        planA,
      ])
    ).rows[0].pathwayId as string;
    const step = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'step.set',
        pathwayId: firstPathway,
        stepId: 'peer-support-group',
        revision: await stepRevisionOf('nurse', planA, firstPathway),
      },
    });
    expect(step.ok).toBe(true);
    const red = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'escalation.save',
        level: 'red',
        signs: 'Very out of breath.',
        whatToDo: 'Call 999.',
        revision: await formRevisionOf('nurse', planA, 'red'),
      },
    });
    expect(red.ok).toBe(true);
    const read = await server.getCarePlan({ actor: actors.patientA, planId: planA, via: 'api' });
    expect(read!.plan.goals.map((g) => g.description)).toContain('Go to the Wednesday lunch club');
    expect(read!.plan.pathways[0]!.currentStepId).toBe('peer-support-group');
    expect(
      await auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'allowed', action: 'carePlan:edit' }),
    ).toBe(before + 3);
    const last = await db.query(
      `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'carePlan:edit' ORDER BY at DESC LIMIT 1`,
      [ids.nurse],
    );
    expect(last.rows[0].detail).toMatchObject({ op: 'escalation.save', level: 'red' });
    expect(JSON.stringify(last.rows[0].detail)).not.toContain('999');
  });

  it('keeps the date Arthur has been on a step when the same step is saved again, and resets it when the step changes', async () => {
    const link = await db.query(
      'SELECT id, "pathwayId", "currentStepId" FROM "CarePlanPathway" WHERE "carePlanId" = $1 ORDER BY position LIMIT 1',
      [planA],
    );
    const row = link.rows[0] as { id: string; pathwayId: string; currentStepId: string };
    const { id: linkId, pathwayId, currentStepId: was } = row;
    const read = await server.getCarePlan({ actor: actors.nurse, planId: planA, via: 'api' });
    const other = read!.plan.pathways.find((p) => p.linkId === linkId)!.document!.steps.find((st) => st.id !== was)!.id;
    const since = async () => {
      const r = await db.query('SELECT "currentStepSince" FROM "CarePlanPathway" WHERE id = $1', [linkId]);
      return (r.rows[0].currentStepSince as Date).toISOString();
    };
    const setStep = async (stepId: string) =>
      server.editCarePlan({
        actor: actors.nurse,
        planId: planA,
        edit: { op: 'step.set', pathwayId, stepId, revision: await stepRevisionOf('nurse', planA, pathwayId) },
      });

    await db.query(`UPDATE "CarePlanPathway" SET "currentStepSince" = '2025-01-15T09:00:00Z' WHERE id = $1`, [linkId]);
    expect((await setStep(was)).ok).toBe(true);
    expect(await since()).toBe('2025-01-15T09:00:00.000Z');

    const before = Date.now();
    expect((await setStep(other)).ok).toBe(true);
    expect(Date.parse(await since())).toBeGreaterThanOrEqual(before - 60_000);
    expect((await setStep(was)).ok).toBe(true); // as the later tests expect
  });

  it('names the field for bad input, and never changes a row of another plan through this one', async () => {
    const bad = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: { op: 'goal.save', kind: 'wellbeing', description: '', setBy: 'person', targetDate: '2027-02-30' },
    });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' });
    const paths = (bad as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['description', 'kind', 'targetDate']);
    const phone = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'people',
        coordinatorId: '',
        crisisContactName: 'Crisis line',
        crisisContactPhone: 'call me',
        crisisContactDetail: '',
      },
    });
    expect((phone as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({
      path: 'crisisContactPhone',
    });
    const unknownOp = await server.editCarePlan({ actor: actors.nurse, planId: planA, edit: { op: 'drop.tables' } });
    expect(unknownOp).toMatchObject({ ok: false, reason: 'invalid' });

    // Maya's goal, edited through Arthur's plan by his coordinator: refused, untouched.
    const cross = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'goal.save',
        id: goalB,
        kind: 'health',
        description: 'Hijacked',
        setBy: 'person',
        targetDate: '',
        status: 'active',
      },
    });
    expect(cross).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'id' }] });
    const gone = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: { op: 'goal.delete', id: goalB },
    });
    expect(gone.ok).toBe(false);
    expect((await db.query('SELECT description FROM "CarePlanGoal" WHERE id = $1', [goalB])).rows[0].description).toBe(
      'Keep my kidneys working',
    );
    // …and directly on Maya's plan: he is not in her care team.
    const direct = await server.editCarePlan({
      actor: actors.nurse,
      planId: planB,
      edit: { op: 'goal.delete', id: goalB },
    });
    expect(direct).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('refuses every change from outside the care team, and audits each refusal', async () => {
    for (const who of ['consultant', 'manager', 'outsider', 'patientA', 'carer', 'patientRep'] as const) {
      const before = await auditCount({
        actorId: ids[who],
        resourceId: planA,
        outcome: 'denied',
        action: 'carePlan:edit',
      });
      const r = await server.editCarePlan({
        actor: actors[who],
        planId: planA,
        edit: { op: 'details', title: 'Taken over', whatMattersToMe: '', reviewDate: '' },
      });
      expect(r, who).toMatchObject({ ok: false, reason: 'not_found' });
      // The same answer as for a plan that does not exist.
      expect(
        await server.editCarePlan({
          actor: actors[who],
          planId: GUESSED,
          edit: { op: 'details', title: 'Taken over', whatMattersToMe: '', reviewDate: '' },
        }),
        who,
      ).toEqual(r);
      const m = await server.mergeCarePlanSteps({
        actor: actors[who],
        planId: planA,
        input: { title: 'x', steps: [] },
      });
      expect(m, who).toMatchObject({ ok: false, reason: 'not_found' });
      expect(
        await auditCount({ actorId: ids[who], resourceId: planA, outcome: 'denied', action: 'carePlan:edit' }),
        who,
      ).toBe(before + 2);
    }
    expect((await db.query('SELECT title FROM "CarePlan" WHERE id = $1', [planA])).rows[0].title).toBe(
      'Arthur’s care plan',
    );
  });

  it('merges duplicated steps across pathways into one, shows it once to the person, and can undo it', async () => {
    const links = await db.query(
      'SELECT cpp."pathwayId", p.title FROM "CarePlanPathway" cpp JOIN "Pathway" p ON p.id = cpp."pathwayId" WHERE cpp."carePlanId" = $1 ORDER BY cpp.position',
      [planA],
    );
    const [copd, frailty] = links.rows.map((r) => r.pathwayId as string);
    const steps = [
      { pathwayId: copd!, stepId: 'copd-annual-review' },
      { pathwayId: frailty!, stepId: 'frailty-review' },
    ];
    const sameTwice = await server.mergeCarePlanSteps({
      actor: actors.nurse,
      planId: planA,
      input: { title: 'One review', steps: [steps[0]!, steps[0]!] },
    });
    expect(sameTwice).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'steps' }] });
    const merged = await server.mergeCarePlanSteps({
      actor: actors.nurse,
      planId: planA,
      input: { title: 'One yearly review for breathing and frailty', steps },
    });
    expect(merged.ok).toBe(true);
    const again = await server.mergeCarePlanSteps({
      actor: actors.nurse,
      planId: planA,
      input: { title: 'Again', steps },
    });
    expect(again).toMatchObject({ ok: false, reason: 'invalid' });

    // Put Arthur just before both reviews: "what happens next" has the merged review once.
    for (const [pathwayId, stepId] of [
      [copd!, 'home-oxygen-assessment'],
      [frailty!, 'medication-review'],
    ] as const) {
      const revision = await stepRevisionOf('nurse', planA, pathwayId);
      expect(
        (
          await server.editCarePlan({
            actor: actors.nurse,
            planId: planA,
            edit: { op: 'step.set', pathwayId, stepId, revision },
          })
        ).ok,
      ).toBe(true);
    }
    const s = await as('patientA');
    // The page as drawn (React also repeats the text in its script payload: leave that out).
    const html = (await (await s.fetch(`/my-plan/${planA}`)).text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
    expect(html.split('One yearly review for breathing and frailty').length - 1).toBe(1);
    expect(html).toContain('One appointment for:');

    const unmerged = await server.unmergeCarePlanSteps({
      actor: actors.nurse,
      planId: planA,
      mergeId: (merged as { mergeId: string }).mergeId,
    });
    expect(unmerged).toEqual({ ok: true });
    const after = await (await s.fetch(`/my-plan/${planA}`)).text();
    expect(after).not.toContain('One yearly review for breathing and frailty');
  });

  it('merges a step once when two merges sharing it are sent at the same moment', async () => {
    const links = await db.query(
      'SELECT "pathwayId" FROM "CarePlanPathway" WHERE "carePlanId" = $1 ORDER BY position',
      [planA],
    );
    const [copd, frailty] = links.rows.map((r) => r.pathwayId as string);
    const shared = { pathwayId: copd!, stepId: 'copd-annual-review' };
    const results = await Promise.all([
      server.mergeCarePlanSteps({
        actor: actors.nurse,
        planId: planA,
        input: { title: 'One yearly review', steps: [shared, { pathwayId: frailty!, stepId: 'frailty-review' }] },
      }),
      server.mergeCarePlanSteps({
        actor: actors.gp,
        planId: planA,
        input: { title: 'Review and medicines', steps: [shared, { pathwayId: frailty!, stepId: 'medication-review' }] },
      }),
    ]);
    try {
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const first = results.find((r) => r.ok) === results[0];
      expect(results.find((r) => !r.ok)).toEqual({
        ok: false,
        reason: 'invalid',
        message:
          'One of these steps was merged by someone else since you opened the page, so nothing has been merged. Reload the page to see their merge.',
        errors: [
          {
            path: 'steps',
            message: `Steps: “Annual COPD review” is already part of the merged step “${first ? 'One yearly review' : 'Review and medicines'}”. Reload the page, then decide again.`,
          },
        ],
      });
      const merged = await db.query(
        'SELECT count(*)::int AS n FROM "CarePlanStepMerge" WHERE "carePlanId" = $1 AND steps @> $2::jsonb',
        [planA, JSON.stringify([shared])],
      );
      expect(merged.rows[0].n).toBe(1);
    } finally {
      for (const r of results) {
        if (r.ok) await server.unmergeCarePlanSteps({ actor: actors.nurse, planId: planA, mergeId: r.mergeId });
      }
    }
  });

  it('refuses a merge or an undo sent from a page drawn before another clinician merged or undid the same steps, and writes nothing', async () => {
    const links = await db.query(
      'SELECT "pathwayId" FROM "CarePlanPathway" WHERE "carePlanId" = $1 ORDER BY position',
      [planA],
    );
    const [copd, frailty] = links.rows.map((r) => r.pathwayId as string);
    const annual = { pathwayId: copd!, stepId: 'copd-annual-review' };
    const frailtyReview = { pathwayId: frailty!, stepId: 'frailty-review' };
    const medicines = { pathwayId: frailty!, stepId: 'medication-review' };
    const merges = async () =>
      (await db.query('SELECT id, title, steps FROM "CarePlanStepMerge" WHERE "carePlanId" = $1 ORDER BY id', [planA]))
        .rows as { id: string; title: string; steps: unknown }[];
    const nurseRecord = async () => ({
      allowed: await auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'allowed', action: 'carePlan:edit' }),
      denied: await auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'denied', action: 'carePlan:edit' }),
    });
    const updatedAt = async () =>
      (
        (await db.query('SELECT "updatedAt" FROM "CarePlan" WHERE id = $1', [planA])).rows[0].updatedAt as Date
      ).getTime();
    const made: string[] = [];
    const merge = async (who: Who, title: string, steps: { pathwayId: string; stepId: string }[]) => {
      const r = await server.mergeCarePlanSteps({ actor: actors[who], planId: planA, input: { title, steps } });
      if (r.ok) made.push(r.mergeId);
      return r;
    };
    try {
      expect(await merges()).toEqual([]);
      // The nurse's page is drawn: the two reviews are not merged, so it offers to merge them.

      // The GP, on his own page, merges them first.
      const gpMerge = await merge('gp', 'One yearly review', [annual, frailtyReview]);
      expect(gpMerge.ok).toBe(true);
      const afterGp = await merges();
      const record = await nurseRecord();
      const touched = await updatedAt();

      // The nurse's page still offers the merge; she merges the same steps under another name.
      expect(await merge('nurse', 'Breathing and frailty review', [annual, frailtyReview])).toEqual({
        ok: false,
        reason: 'invalid',
        message:
          'One of these steps was merged by someone else since you opened the page, so nothing has been merged. Reload the page to see their merge.',
        errors: [
          {
            path: 'steps',
            message:
              'Steps: “Annual COPD review” is already part of the merged step “One yearly review”. Reload the page, then decide again.',
          },
        ],
      });
      // …or merges differently: one of the same steps with another.
      expect(await merge('nurse', 'Review and medicines', [annual, medicines])).toMatchObject({
        ok: false,
        errors: [
          {
            path: 'steps',
            message:
              'Steps: “Annual COPD review” is already part of the merged step “One yearly review”. Reload the page, then decide again.',
          },
        ],
      });
      expect(await merges()).toEqual(afterGp);
      expect(await updatedAt()).toBe(touched);
      expect(await nurseRecord()).toEqual(record);

      // She reloads: her page shows the GP's merge, with "Undo this merge". Meanwhile the GP undoes it
      // and merges the annual review with the medication review instead.
      const shown = (await server.getCarePlan({
        actor: actors.nurse,
        planId: planA,
        via: 'editor',
        requireEdit: true,
      }))!.plan.merges;
      expect(shown.map((m) => m.title)).toEqual(['One yearly review']);
      const stale = shown[0]!.id;
      expect(await server.unmergeCarePlanSteps({ actor: actors.gp, planId: planA, mergeId: stale })).toEqual({
        ok: true,
      });
      expect((await merge('gp', 'Review and medicines', [annual, medicines])).ok).toBe(true);
      const afterRemerge = await merges();
      expect(afterRemerge.map((m) => m.title)).toEqual(['Review and medicines']);

      // Her "Undo this merge" names the merge her page showed, which has gone: the GP's new one stays.
      expect(await server.unmergeCarePlanSteps({ actor: actors.nurse, planId: planA, mergeId: stale })).toEqual({
        ok: false,
        reason: 'invalid',
        message:
          'This merge was undone by someone else since you opened the page, so there is nothing to undo. Reload the page to see the steps as they are now.',
        errors: [{ path: 'mergeId', message: 'Merge: this merge is not in this plan any more. Reload the page.' }],
      });
      expect(await merges()).toEqual(afterRemerge);
    } finally {
      for (const mergeId of made) {
        await server.unmergeCarePlanSteps({ actor: actors.gp, planId: planA, mergeId });
      }
    }
    expect(await merges()).toEqual([]);
  });

  it('makes one plan per person: a second plan for Arthur is refused, naming the field', async () => {
    const copd = await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'COPD%' ORDER BY "createdAt" LIMIT 1`);
    const second = await server.createCarePlan({
      actor: actors.consultant,
      workspaceId,
      input: { patientNhsNumber: NHS.patientA, patientEmail: EMAIL.patientA, pathwayIds: [copd.rows[0].id] },
    });
    expect(second).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'patientEmail' }] });
    // The consultant is outside Arthur's care team: he is not named, and the attempt is on the plan's record.
    expect(JSON.stringify(second)).not.toContain('Arthur');
    expect(JSON.stringify(second)).toContain('Ask their care coordinator to add you to the care team.');
    const onPlan = await db.query(
      `SELECT detail FROM "AuditEvent" WHERE action = 'carePlan:create' AND outcome = 'denied' AND "actorId" = $1 AND "resourceType" = 'carePlan' AND "resourceId" = $2`,
      [ids.consultant, planA],
    );
    expect(onPlan.rows.length).toBeGreaterThanOrEqual(1);
    // The nurse, in his care team, is told who and pointed to the plan.
    const fromTeam = await server.createCarePlan({
      actor: actors.nurse,
      workspaceId,
      input: { patientNhsNumber: NHS.patientA, patientEmail: EMAIL.patientA, pathwayIds: [copd.rows[0].id] },
    });
    expect(JSON.stringify(fromTeam)).toContain('Arthur Pennock already has a care plan in this workspace. Add the pathways to that plan instead.');
    const noPathway = await server.createCarePlan({
      actor: actors.consultant,
      workspaceId,
      input: { patientNhsNumber: NHS.patientA, patientEmail: EMAIL.patientA, pathwayIds: [] },
    });
    expect(noPathway).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'pathwayIds' }] });
    // Only editors of the workspace can make plans.
    for (const who of ['manager', 'outsider', 'patientA'] as const) {
      const r = await server.createCarePlan({
        actor: actors[who],
        workspaceId,
        input: { patientNhsNumber: NHS.patientB, patientEmail: EMAIL.patientB, pathwayIds: [copd.rows[0].id] },
      });
      expect(r, who).toMatchObject({ ok: false, reason: 'not_found' });
    }
    const denied = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'carePlan:create' AND outcome = 'denied' AND "actorId" = $1`,
      [ids.outsider],
    );
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('finds the person by NHS number and email together: any mismatch gets one answer, and no plan', async () => {
    const copd = await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'COPD%' ORDER BY "createdAt" LIMIT 1`);
    const pathwayIds = [copd.rows[0].id as string];
    const planCount = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "CarePlan" WHERE "patientId" = $1', [ids.patientRep])).rows[0]
        .n as number;
    const lookups = async (found: boolean) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'carePlan:findPatient' AND "actorId" = $1 AND detail->>'found' = $2 AND detail->>'workspaceId' = $3`,
          [ids.consultant, String(found), workspaceId],
        )
      ).rows[0].n as number;
    expect(await planCount()).toBe(0);
    const notFoundBefore = await lookups(false);
    const make = (patientNhsNumber: string, patientEmail: string) =>
      server.createCarePlan({
        actor: actors.consultant,
        workspaceId,
        input: { patientNhsNumber, patientEmail, pathwayIds },
      });
    // Priya (patient.rep@, 999 000 0034) has no plan. 999 000 0042 is valid, and nobody's.
    const attempts = {
      emailRightNumberWrong: await make('999 000 0042', EMAIL.patientRep),
      numberRightEmailWrong: await make(NHS.patientRep, 'nobody.here@example.com'),
      neither: await make('9990000042', 'nobody.here@example.com'),
      // Two real patients' identifiers, one of each: a typo must not reach either of them.
      emailOfOneNumberOfAnother: await make(NHS.patientB, EMAIL.patientRep),
      // A clinician's email (no NHS number) with a patient's number.
      clinicianEmail: await make(NHS.patientRep, EMAIL.gp),
    };
    const expected = {
      ok: false,
      reason: 'invalid',
      message: 'Check the details of the new care plan.',
      errors: [
        {
          path: 'patientNhsNumber',
          message:
            'Patient’s NHS number: we could not find a patient account with this NHS number and email address. Check both with the person.',
        },
      ],
    };
    for (const [name, result] of Object.entries(attempts)) {
      expect(result, name).toEqual(expected);
      // Byte for byte: the same status, errors and message, whichever identifier was a patient's.
      expect(JSON.stringify(result), name).toBe(JSON.stringify(attempts.neither));
    }
    expect(await planCount()).toBe(0);
    // Each attempt is on the record as a lookup that found nobody.
    expect((await lookups(false)) - notFoundBefore).toBe(Object.keys(attempts).length);

    // The right pair, typed with spaces and capitals, makes her plan (then it is removed, so the other
    // tests see the demo plans only).
    const foundBefore = await lookups(true);
    const made = await make(' 999 000 0034 ', ' Patient.Rep@Pathweave.TEST ');
    try {
      expect(made).toMatchObject({ ok: true });
      expect(await planCount()).toBe(1);
      expect((await lookups(true)) - foundBefore).toBe(1);
    } finally {
      if (made.ok) await db.query('DELETE FROM "CarePlan" WHERE id = $1', [made.planId]);
    }
  });

  it('lists only the plans of people whose care team the clinician is in', async () => {
    const nurse = (await server.listCarePlans({ actor: actors.nurse, workspaceId })).map((p) => p.id);
    const consultant = (await server.listCarePlans({ actor: actors.consultant, workspaceId })).map((p) => p.id);
    const manager = await server.listCarePlans({ actor: actors.manager, workspaceId });
    expect(nurse).toContain(planA);
    expect(nurse).not.toContain(planB);
    // Each plan the list showed has it on its own record; a plan it did not show has nothing.
    const seen = await db.query(
      `SELECT "resourceId" FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'carePlan:view' AND detail->>'via' = 'list'`,
      [ids.nurse],
    );
    const seenIds = seen.rows.map((r) => r.resourceId as string);
    expect(seenIds).toContain(planA);
    expect(seenIds).not.toContain(planB);
    expect(consultant).toEqual([planB]);
    expect(manager).toEqual([]);
    expect(await server.listCarePlans({ actor: actors.outsider, workspaceId })).toEqual([]);
    expect((await server.listMyCarePlans({ actor: actors.patientB })).map((p) => p.id)).toEqual([planB]);
    const carerSawBefore = await auditCount({ actorId: ids.carer, resourceId: planA, outcome: 'allowed', action: 'carePlan:view' });
    expect((await server.listMyCarePlans({ actor: actors.carer })).map((p) => [p.id, p.relation])).toEqual([
      [planA, 'carer'],
    ]);
    // The carer's list is on Arthur's own record of who has looked, as a list, not as opening the plan.
    expect(await auditCount({ actorId: ids.carer, resourceId: planA, outcome: 'allowed', action: 'carePlan:view' })).toBe(carerSawBefore + 1);
    const listed = await db.query(
      `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceId" = $2 AND action = 'carePlan:view' ORDER BY at DESC LIMIT 1`,
      [ids.carer, planA],
    );
    expect(listed.rows[0].detail).toEqual({ via: 'my-list' });
    expect(await auditCount({ actorId: ids.carer, resourceId: planB, outcome: 'allowed', action: 'carePlan:view' })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('a row of another plan, named through a plan the actor may change', () => {
  const PLAN_TABLES = [
    'CarePlanPathway',
    'CarePlanStepMerge',
    'CarePlanMember',
    'CarePlanGoal',
    'CarePlanAction',
    'CarePlanMedicine',
    'CarePlanEscalation',
    'CarePlanCarerGrant',
    'CarePlanNote',
  ] as const;

  /** Every row of both plans, to show an attempt changed nothing in either. */
  async function bothPlans() {
    const out: Record<string, unknown[]> = {};
    for (const planId of [planA, planB]) {
      out[`${planId}:CarePlan`] = (await db.query('SELECT * FROM "CarePlan" WHERE id = $1', [planId])).rows;
      for (const table of PLAN_TABLES) {
        out[`${planId}:${table}`] = (
          await db.query(`SELECT * FROM "${table}" WHERE "carePlanId" = $1 ORDER BY id`, [planId])
        ).rows;
      }
    }
    return out;
  }

  /**
   * Runs an attempt by `who` through `planId` that names `detail.id`, a row that is not in that plan,
   * and checks that it is refused as before (invalid, naming the field), changes no row of either
   * plan, and leaves exactly one new audit row of the actor's: refused, `action`, on the plan
   * addressed, recording the op and the offending id (and nothing else).
   */
  async function refusedAndAudited(
    who: Who,
    planId: string,
    action: string,
    detail: { op: string; id: string },
    path: string,
    attempt: () => Promise<unknown>,
  ) {
    const label = `${who} ${detail.op} ${detail.id}`;
    const allOfActor = async () =>
      (await db.query('SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1', [ids[who]])).rows[0]
        .n as number;
    const naming = async () =>
      (
        await db.query(
          `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND "resourceType" = 'carePlan' AND "resourceId" = $2 AND action = $3 AND outcome = 'denied' AND detail @> $4::jsonb`,
          [ids[who], planId, action, JSON.stringify(detail)],
        )
      ).rows.map((r) => r.detail as unknown);
    const denied = () => auditCount({ actorId: ids[who], resourceId: planId, outcome: 'denied', action });
    const before = { all: await allOfActor(), naming: (await naming()).length, denied: await denied() };
    const rows = await bothPlans();

    const result = await attempt();

    expect(result, label).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path }] });
    expect(await bothPlans(), label).toEqual(rows);
    expect(await allOfActor(), label).toBe(before.all + 1);
    expect(await denied(), label).toBe(before.denied + 1);
    const after = await naming();
    expect(after, label).toHaveLength(before.naming + 1);
    expect(after, label).toContainEqual(detail);
  }

  it('refuses revoking a grant of another plan, keeps that grant live, and audits the refusal on the plan addressed', async () => {
    const grantB = await shareAndAccept('patientB', planB, 'carerRevoked', false);
    const onMaya = () => auditCount({ actorId: ids.patientA, resourceId: planB, outcome: 'denied' });
    const onMayaBefore = await onMaya();
    try {
      await refusedAndAudited('patientA', planA, 'carePlan:share', { op: 'revoke', id: grantB }, 'grantId', () =>
        server.revokeCarePlanAccess({ actor: actors.patientA, planId: planA, input: { grantId: grantB } }),
      );
      const grant = await db.query('SELECT "revokedAt" FROM "CarePlanCarerGrant" WHERE id = $1', [grantB]);
      expect(grant.rows[0].revokedAt).toBeNull();
      // Nothing about it was recorded on Maya's plan in Arthur's name.
      expect(await onMaya()).toBe(onMayaBefore);
    } finally {
      expect(
        await server.revokeCarePlanAccess({ actor: actors.patientB, planId: planB, input: { grantId: grantB } }),
      ).toEqual({ ok: true });
    }
  });

  it('refuses undoing a merge of another plan, keeps that merge, and audits the refusal on the plan addressed', async () => {
    const mergeB = 'it-merge-of-maya';
    await db.query(
      `INSERT INTO "CarePlanStepMerge" (id, "carePlanId", title, steps, "createdById") VALUES ($1, $2, 'Maya’s merged review', '[]', $3)`,
      [mergeB, planB, ids.consultant],
    );
    try {
      await refusedAndAudited('nurse', planA, 'carePlan:edit', { op: 'unmerge', id: mergeB }, 'mergeId', () =>
        server.unmergeCarePlanSteps({ actor: actors.nurse, planId: planA, mergeId: mergeB }),
      );
      expect((await db.query('SELECT "carePlanId" FROM "CarePlanStepMerge" WHERE id = $1', [mergeB])).rows).toEqual([
        { carePlanId: planB },
      ]);
    } finally {
      await db.query('DELETE FROM "CarePlanStepMerge" WHERE id = $1', [mergeB]);
    }
  });

  it('refuses deleting a note of another plan, keeps that note, and audits the refusal on the plan addressed', async () => {
    const note = await server.addCarePlanNote({
      actor: actors.patientB,
      planId: planB,
      input: { body: 'Bring my blood sugar diary.' },
    });
    expect(note.ok).toBe(true);
    const noteB = (note as { noteId: string }).noteId;
    await refusedAndAudited(
      'patientA',
      planA,
      'carePlan:patientUpdate',
      { op: 'note.delete', id: noteB },
      'noteId',
      () => server.deleteCarePlanNote({ actor: actors.patientA, planId: planA, noteId: noteB }),
    );
    expect((await db.query('SELECT body FROM "CarePlanNote" WHERE id = $1', [noteB])).rows).toEqual([
      { body: 'Bring my blood sugar diary.' },
    ]);
    // Maya can still delete her own note through her own plan.
    expect(await server.deleteCarePlanNote({ actor: actors.patientB, planId: planB, noteId: noteB })).toEqual({
      ok: true,
    });
  });

  it('refuses ticking off an action of another plan, leaves it as it was, and audits the refusal on the plan addressed', async () => {
    const action = await server.editCarePlan({
      actor: actors.consultant,
      planId: planB,
      edit: { op: 'action.save', description: 'Check my feet', ownerKind: 'person', dueDate: '', status: 'to_do' },
    });
    expect(action.ok).toBe(true);
    const actionB = (action as { id: string }).id;
    await refusedAndAudited(
      'patientA',
      planA,
      'carePlan:patientUpdate',
      { op: 'action.done', id: actionB },
      'actionId',
      () =>
        server.setCarePlanActionDone({
          actor: actors.patientA,
          planId: planA,
          input: { actionId: actionB, done: true },
        }),
    );
    expect((await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [actionB])).rows[0].status).toBe(
      'to_do',
    );
  });

  it('refuses an edit naming a team member, medicine or action of another plan, changes neither plan, and audits each refusal', async () => {
    const memberB = (
      await db.query('SELECT id FROM "CarePlanMember" WHERE "carePlanId" = $1 AND "userId" = $2', [
        planB,
        ids.consultant,
      ])
    ).rows[0]?.id as string;
    expect(memberB).toBeTruthy();
    const medicine = await server.editCarePlan({
      actor: actors.consultant,
      planId: planB,
      edit: { op: 'medicine.save', name: 'Metformin', howToTake: 'With breakfast', purpose: 'Blood sugar' },
    });
    const action = await server.editCarePlan({
      actor: actors.consultant,
      planId: planB,
      edit: { op: 'action.save', description: 'Eye screening', ownerKind: 'person', dueDate: '', status: 'to_do' },
    });
    expect(medicine.ok && action.ok).toBe(true);
    const medicineB = (medicine as { id: string }).id;
    const actionB = (action as { id: string }).id;
    const onMaya = () => auditCount({ actorId: ids.nurse, resourceId: planB, outcome: 'denied' });
    const onMayaBefore = await onMaya();

    const member = {
      name: 'Taken over',
      role: 'gp',
      jobTitle: '',
      organisation: '',
      sector: 'primary_care',
      phone: '',
      email: '',
      availability: '',
    };
    const attempts: { edit: Record<string, unknown>; id: string; path: string }[] = [
      { edit: { op: 'member.save', id: memberB, ...member }, id: memberB, path: 'id' },
      { edit: { op: 'member.delete', id: memberB }, id: memberB, path: 'id' },
      {
        edit: { op: 'medicine.save', id: medicineB, name: 'Hijacked', howToTake: '', purpose: '' },
        id: medicineB,
        path: 'id',
      },
      { edit: { op: 'medicine.delete', id: medicineB }, id: medicineB, path: 'id' },
      {
        edit: {
          op: 'action.save',
          id: actionB,
          description: 'Hijacked',
          ownerKind: 'person',
          dueDate: '',
          status: 'done',
        },
        id: actionB,
        path: 'id',
      },
      { edit: { op: 'action.delete', id: actionB }, id: actionB, path: 'id' },
      // A new action of Arthur's plan, given to someone of Maya's care team: not made at all.
      {
        edit: {
          op: 'action.save',
          description: 'Done by Maya’s consultant',
          ownerKind: 'team_member',
          memberId: memberB,
          dueDate: '',
          status: 'to_do',
        },
        id: memberB,
        path: 'memberId',
      },
      {
        edit: {
          op: 'people',
          coordinatorId: memberB,
          crisisContactName: '',
          crisisContactPhone: '',
          crisisContactDetail: '',
        },
        id: memberB,
        path: 'coordinatorId',
      },
    ];
    for (const { edit, id, path } of attempts) {
      await refusedAndAudited('nurse', planA, 'carePlan:edit', { op: edit.op as string, id }, path, () =>
        server.editCarePlan({ actor: actors.nurse, planId: planA, edit }),
      );
    }
    expect((await db.query('SELECT name FROM "CarePlanMedicine" WHERE id = $1', [medicineB])).rows[0].name).toBe(
      'Metformin',
    );
    expect((await db.query('SELECT status FROM "CarePlanAction" WHERE id = $1', [actionB])).rows[0].status).toBe(
      'to_do',
    );
    expect((await db.query('SELECT "userId" FROM "CarePlanMember" WHERE id = $1', [memberB])).rows[0].userId).toBe(
      ids.consultant,
    );
    // Nothing was recorded on Maya's plan in the nurse's name: each refusal is on Arthur's.
    expect(await onMaya()).toBe(onMayaBefore);
  });

  it('does not record an ordinary mistake in what was entered as a refusal', async () => {
    const ownMember = (
      await db.query('SELECT id FROM "CarePlanMember" WHERE "carePlanId" = $1 AND "userId" = $2', [planA, ids.nurse])
    ).rows[0]?.id as string;
    expect(ownMember).toBeTruthy();
    const denied = () =>
      auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'denied', action: 'carePlan:edit' });
    const before = await denied();
    // Removing herself, and linking an account nobody in the workspace has: both her own plan's rows.
    const self = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: { op: 'member.delete', id: ownMember },
    });
    expect(self).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'id' }] });
    const unknown = await server.editCarePlan({
      actor: actors.nurse,
      planId: planA,
      edit: {
        op: 'member.save',
        name: 'New nurse',
        role: 'community_nurse',
        jobTitle: '',
        organisation: '',
        sector: 'community_health',
        phone: '',
        email: '',
        availability: '',
        userEmail: 'nobody.here@example.nhs.uk',
      },
    });
    expect(unknown).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [
        {
          path: 'userEmail',
          message:
            'Pathweave account email: nobody who edits in this workspace uses “nobody.here@example.nhs.uk”, so they could not open the plan.',
        },
      ],
    });
    expect(await denied()).toBe(before);
    expect(
      (await db.query('SELECT count(*)::int AS n FROM "CarePlanMember" WHERE id = $1', [ownMember])).rows[0].n,
    ).toBe(1);
  });
});

describe('adding someone to the care team with the box “Their Pathweave account uses the email address above”', () => {
  // What the "Add someone to the care team" form sends: a ticked box arrives as "on".
  const newMember = (fields: Record<string, string>) => ({
    op: 'member.save',
    name: 'Mr Idris Mensah',
    role: 'consultant',
    jobTitle: 'Consultant respiratory physician',
    organisation: 'St Elsewhere Hospital',
    sector: 'secondary_care',
    phone: '',
    email: '',
    availability: '',
    ...fields,
  });
  const add = (fields: Record<string, string>) =>
    server.editCarePlan({ actor: actors.nurse, planId: planA, edit: newMember(fields) });
  const members = async () =>
    (await db.query('SELECT id, email, "userId" FROM "CarePlanMember" WHERE "carePlanId" = $1 ORDER BY id', [planA]))
      .rows as { id: string; email: string; userId: string | null }[];
  const consultantOpens = async () =>
    (await server.getCarePlan({ actor: actors.consultant, planId: planA, via: 'editor', requireEdit: true })) !== null;

  it('links the account of the email address typed once, so they can open the plan', async () => {
    expect(await consultantOpens()).toBe(false);
    const before = await members();
    // As typed, capital letters and all: the account is found whatever the case.
    const added = await add({ email: 'Consultant@Pathweave.test', accountUsesEmail: 'on', userEmail: '' });
    expect(added).toMatchObject({ ok: true, op: 'member.save' });
    const memberId = (added as { id: string }).id;
    try {
      expect(await members()).toEqual(
        [...before, { id: memberId, email: 'Consultant@Pathweave.test', userId: ids.consultant }].sort((a, b) =>
          a.id.localeCompare(b.id),
        ),
      );
      expect(await consultantOpens()).toBe(true);
      const audit = await db.query(
        `SELECT detail FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'carePlan:edit' AND outcome = 'allowed' ORDER BY at DESC LIMIT 1`,
        [ids.nurse],
      );
      expect(audit.rows[0].detail).toEqual({ op: 'member.save', id: memberId, created: true, linkedUser: true });
    } finally {
      await db.query('DELETE FROM "CarePlanMember" WHERE id = $1', [memberId]);
    }
    expect(await consultantOpens()).toBe(false);

    // Unticked, the same address is only a contact address: nobody is linked.
    const contactOnly = await add({ email: 'consultant@pathweave.test' });
    expect(contactOnly).toMatchObject({ ok: true });
    await db.query('DELETE FROM "CarePlanMember" WHERE id = $1', [(contactOnly as { id: string }).id]);
    expect(await consultantOpens()).toBe(false);
  });

  it('names the email address field when the box is ticked and the address is empty, and adds nobody', async () => {
    const before = await members();
    expect(await add({ email: '', accountUsesEmail: 'on' })).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Check what you entered.',
      errors: [
        {
          path: 'email',
          message:
            'Email address: enter the email address their Pathweave account uses, or untick “Their Pathweave account uses the email address above”.',
        },
      ],
    });
    // Spaces only are empty too.
    expect(await add({ email: '   ', accountUsesEmail: 'on' })).toMatchObject({ errors: [{ path: 'email' }] });
    expect(await members()).toEqual(before);
  });

  it('does not guess between the ticked box and a different account email typed as well, and keeps the account rules', async () => {
    const before = await members();
    // Only a form sent before its JavaScript loaded can send both (the second box is hidden and disabled once the box is ticked).
    expect(
      await add({ email: 'consultant@pathweave.test', accountUsesEmail: 'on', userEmail: 'gp@pathweave.test' }),
    ).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Check what you entered.',
      errors: [
        {
          path: 'accountUsesEmail',
          message:
            'Their Pathweave account uses the email address above: this is ticked, but a different account email, “gp@pathweave.test”, is typed too. Untick this to link “gp@pathweave.test”, or clear the Pathweave account email to link “consultant@pathweave.test”.',
        },
      ],
    });
    // The same address in both boxes is no clash. The account rules still hold, said about the box:
    // an address nobody in the workspace edits with…
    expect(
      await add({
        email: 'idris.mensah@example.nhs.uk',
        accountUsesEmail: 'on',
        userEmail: 'Idris.Mensah@example.nhs.uk',
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Check what you entered.',
      errors: [
        {
          path: 'accountUsesEmail',
          message:
            'Their Pathweave account uses the email address above: nobody who edits in this workspace uses “idris.mensah@example.nhs.uk”, so they could not open the plan.',
        },
      ],
    });
    // …and someone already in the care team (the GP is).
    expect(await add({ email: 'gp@pathweave.test', accountUsesEmail: 'on' })).toMatchObject({
      ok: false,
      errors: [
        {
          path: 'accountUsesEmail',
          message: 'Their Pathweave account uses the email address above: this person is already in the care team.',
        },
      ],
    });
    expect(await members()).toEqual(before);
  });
});

describe('linking or unlinking the Pathweave account of someone already in the care team', () => {
  // What a member's "Change or remove" form sends: their details as drawn, and the account email box.
  const pat = {
    op: 'member.save',
    name: 'Pat Okafor',
    role: 'allied_health',
    jobTitle: 'Physiotherapist',
    organisation: '',
    sector: 'community_health',
    phone: '',
    email: 'pat.okafor@example.nhs.uk',
    availability: '',
  };
  const edit = (who: Who, change: Record<string, unknown>) =>
    server.editCarePlan({ actor: actors[who], planId: planA, edit: change });
  /** Saves Pat's change form as drawn now, with `fields` changed. */
  const save = async (memberId: string, fields: Record<string, string>) =>
    edit('nurse', { ...pat, id: memberId, revision: await revisionOf('nurse', planA, 'members', memberId), ...fields });
  const addPat = async () => {
    const made = await edit('nurse', pat);
    if (!made.ok || !made.id) throw new Error(`Pat not added: ${JSON.stringify(made)}`);
    return made.id;
  };
  /** The account email a clinician's "Change or remove" form for the member is drawn with. */
  const accountEmailShown = async (memberId: string, who: Who = 'nurse') => {
    const read = await server.getCarePlan({ actor: actors[who], planId: planA, via: 'editor', requireEdit: true });
    const member = read?.plan.members.find((m) => m.id === memberId);
    if (!member) throw new Error(`no member ${memberId} in ${who}’s view`);
    return member.accountEmail;
  };
  const linkedTo = async (memberId: string) =>
    (await db.query('SELECT "userId" FROM "CarePlanMember" WHERE id = $1', [memberId])).rows[0].userId as string | null;
  const consultantOpens = async () =>
    (await server.getCarePlan({ actor: actors.consultant, planId: planA, via: 'editor', requireEdit: true })) !== null;
  const removePat = (memberId: string) => db.query('DELETE FROM "CarePlanMember" WHERE id = $1', [memberId]);

  it('links the account typed in the change form, draws the form with it, and unlinks it when the box is sent empty', async () => {
    const memberId = await addPat();
    try {
      expect(await linkedTo(memberId)).toBeNull();
      // Nobody linked: the form's account email box is empty.
      expect(await accountEmailShown(memberId)).toBeNull();
      expect(await consultantOpens()).toBe(false);

      // As typed, capital letters and all: the account is found whatever the case.
      expect(await save(memberId, { userEmail: 'Consultant@Pathweave.test' })).toEqual({
        ok: true,
        op: 'member.save',
        id: memberId,
      });
      expect(await linkedTo(memberId)).toBe(ids.consultant);
      expect(await consultantOpens()).toBe(true);
      // Every clinician of the team sees the account's own address in the form, not the contact address.
      expect(await accountEmailShown(memberId)).toBe(EMAIL.consultant);
      expect(await accountEmailShown(memberId, 'gp')).toBe(EMAIL.consultant);

      // A change that does not send the box at all (the JSON API can) leaves the link alone.
      expect(await save(memberId, { availability: 'Mondays' })).toMatchObject({ ok: true });
      expect(await linkedTo(memberId)).toBe(ids.consultant);

      // The box cleared: unlinked, and the consultant cannot open the plan any more.
      expect(await save(memberId, { userEmail: '' })).toEqual({ ok: true, op: 'member.save', id: memberId });
      expect(await linkedTo(memberId)).toBeNull();
      expect(await accountEmailShown(memberId)).toBeNull();
      expect(await consultantOpens()).toBe(false);
      // Pat stays in the team, with the contact address.
      expect((await db.query('SELECT name, email FROM "CarePlanMember" WHERE id = $1', [memberId])).rows[0]).toEqual({
        name: 'Pat Okafor',
        email: 'pat.okafor@example.nhs.uk',
      });
    } finally {
      await removePat(memberId);
    }
    expect(await consultantOpens()).toBe(false);
  });

  it('refuses an account email nobody who edits in this workspace uses, naming the field and the address, and changes nothing', async () => {
    const memberId = await addPat();
    try {
      expect(await save(memberId, { userEmail: EMAIL.consultant })).toMatchObject({ ok: true });
      // An address with no account, and the account of a workspace viewer (the manager): neither could open the plan.
      for (const typed of ['nobody.here@example.nhs.uk', 'Manager@Pathweave.test']) {
        expect(await save(memberId, { name: 'Pat Okafor-Reid', userEmail: typed })).toMatchObject({
          ok: false,
          reason: 'invalid',
          errors: [
            {
              path: 'userEmail',
              message: `Pathweave account email: nobody who edits in this workspace uses “${typed}”, so they could not open the plan.`,
            },
          ],
        });
      }
      // Still linked to the consultant, and nothing else saved either.
      expect(await linkedTo(memberId)).toBe(ids.consultant);
      expect(await accountEmailShown(memberId)).toBe(EMAIL.consultant);
      expect((await db.query('SELECT name FROM "CarePlanMember" WHERE id = $1', [memberId])).rows[0].name).toBe(
        'Pat Okafor',
      );
    } finally {
      await removePat(memberId);
    }
  });

  it('refuses the nurse unlinking herself, and keeps her link', async () => {
    const read = await server.getCarePlan({ actor: actors.nurse, planId: planA, via: 'editor', requireEdit: true });
    const own = read?.plan.members.find((m) => m.userId === ids.nurse);
    if (!own) throw new Error('the nurse is not in Arthur’s care team');
    // Her own form is drawn with her account's address.
    expect(own.accountEmail).toBe(EMAIL.nurse);
    const { id, revision, name, role, jobTitle, organisation, sector, phone, email, availability } = own;
    const form = {
      op: 'member.save',
      id,
      revision,
      name,
      role,
      jobTitle,
      organisation,
      sector,
      phone,
      email,
      availability,
    };
    expect(await edit('nurse', { ...form, userEmail: '' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [
        {
          path: 'userEmail',
          message: 'Pathweave account email: you cannot unlink yourself. Ask someone else in the team to do it.',
        },
      ],
    });
    expect(await linkedTo(id)).toBe(ids.nurse);
    expect(await accountEmailShown(id)).toBe(EMAIL.nurse);
  });

  it('refuses the nurse handing her own place in the team to another account, typed or by the tick box', async () => {
    const read = await server.getCarePlan({ actor: actors.nurse, planId: planA, via: 'editor', requireEdit: true });
    const own = read?.plan.members.find((m) => m.userId === ids.nurse);
    if (!own) throw new Error('the nurse is not in Arthur’s care team');
    const { id, revision, name, role, jobTitle, organisation, sector, phone, availability } = own;
    const form = { op: 'member.save', id, revision, name, role, jobTitle, organisation, sector, phone, availability };
    // The consultant edits in this workspace, so linking him anywhere else would be allowed.
    expect(await edit('nurse', { ...form, email: own.email, userEmail: EMAIL.consultant })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'userEmail', message: expect.stringContaining('this is your own place in the care team') }],
    });
    expect(await edit('nurse', { ...form, email: EMAIL.consultant, accountUsesEmail: 'on' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'accountUsesEmail', message: expect.stringContaining('this is your own place in the care team') }],
    });
    expect(await linkedTo(id)).toBe(ids.nurse);
    expect(await consultantOpens()).toBe(false);
    // Her own address sent back as drawn is no change, and the rest of her form saves.
    expect(await edit('nurse', { ...form, email: own.email, userEmail: EMAIL.nurse, availability: 'Weekdays' })).toMatchObject({
      ok: true,
    });
    expect(await linkedTo(id)).toBe(ids.nurse);
  });

  it('keeps the link of an account that no longer edits here when its address is sent back as drawn, so other details still save', async () => {
    const memberId = await addPat();
    const { rows } = await db.query(
      'SELECT "workspaceId", "accessRole" FROM "Membership" WHERE "userId" = $1 AND "workspaceId" = (SELECT "workspaceId" FROM "CarePlan" WHERE id = $2)',
      [ids.consultant, planA],
    );
    const { workspaceId, accessRole } = rows[0] as { workspaceId: string; accessRole: string };
    try {
      expect(await save(memberId, { userEmail: EMAIL.consultant })).toMatchObject({ ok: true });
      // The consultant is made a viewer: he cannot open the plan, but Pat's row still names his account.
      await db.query('UPDATE "Membership" SET "accessRole" = \'viewer\' WHERE "userId" = $1 AND "workspaceId" = $2', [
        ids.consultant,
        workspaceId,
      ]);
      expect(await accountEmailShown(memberId)).toBe(EMAIL.consultant);
      // The form sent back with his address, as drawn, and a new phone number: saved, link untouched.
      expect(await save(memberId, { userEmail: EMAIL.consultant, phone: '01632 960 123' })).toMatchObject({ ok: true });
      expect(await linkedTo(memberId)).toBe(ids.consultant);
      expect((await db.query('SELECT phone FROM "CarePlanMember" WHERE id = $1', [memberId])).rows[0].phone).toBe(
        '01632 960 123',
      );
      // Typing another viewer's address is still refused.
      expect(await save(memberId, { userEmail: 'Manager@Pathweave.test' })).toMatchObject({ ok: false, reason: 'invalid' });
    } finally {
      await db.query('UPDATE "Membership" SET "accessRole" = $3 WHERE "userId" = $1 AND "workspaceId" = $2', [
        ids.consultant,
        workspaceId,
        accessRole,
      ]);
      await removePat(memberId);
    }
  });

  it('shows the account email to the care team only: not on the person’s or their carer’s page, print view, JSON or FHIR', async () => {
    // Pat's contact address is for everyone who reads the plan; the consultant's account address is not.
    const memberId = await addPat();
    try {
      expect(await save(memberId, { userEmail: EMAIL.consultant })).toMatchObject({ ok: true });
      for (const who of ['patientA', 'carer'] as const) {
        const s = await as(who);
        for (const path of [
          `/my-plan/${planA}`,
          `/my-plan/${planA}/print`,
          `/api/care-plans/${planA}`,
          `/api/care-plans/${planA}/fhir`,
        ]) {
          const res = await s.fetch(path);
          expect(res.status, `${who} ${path}`).toBe(200);
          const body = (await res.text()).toLowerCase();
          expect(body, `${who} ${path}`).toContain('pat.okafor@example.nhs.uk');
          expect(body, `${who} ${path}`).not.toContain(EMAIL.consultant);
          expect(body, `${who} ${path}`).not.toContain('accountemail');
        }
        const direct = await server.getCarePlan({ actor: actors[who], planId: planA, via: 'api' });
        expect(direct?.plan.members.find((m) => m.id === memberId)).not.toHaveProperty('accountEmail');
      }
      // The care team's page draws the account email into Pat's change form, and their JSON has it.
      const nurse = await as('nurse');
      const page = await (await nurse.fetch(`/w/${slug}/care-plans/${planA}`)).text();
      const accountBoxes = page.match(/<input[^>]*name="userEmail"[^>]*>/g) ?? [];
      expect(accountBoxes.filter((box) => box.includes(`value="${EMAIL.consultant}"`))).toHaveLength(1);
      const json = (await (await nurse.fetch(`/api/care-plans/${planA}`)).json()) as {
        plan: { members: { id: string; accountEmail?: string | null }[] };
      };
      expect(json.plan.members.find((m) => m.id === memberId)?.accountEmail).toBe(EMAIL.consultant);
    } finally {
      await removePat(memberId);
    }
  });
});

/** The answer to a save from a form drawn before someone else changed what it shows. */
const changedMeanwhile = (what: string, label: string) => ({
  ok: false,
  reason: 'invalid',
  message: `${what} by someone else since you opened the page. Your changes are below; reload the page to see theirs.`,
  errors: [
    {
      path: '',
      message: `${label}: copy anything you want to keep, reload the page, then make your changes again.`,
    },
  ],
});

describe('a save made from a form drawn before someone else changed the same row', () => {
  const nurseEdits = () =>
    auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'allowed', action: 'carePlan:edit' });
  const edit = (who: Who, change: Record<string, unknown>) =>
    server.editCarePlan({ actor: actors[who], planId: planA, edit: change });
  const madeId = (r: Awaited<ReturnType<typeof edit>>) => {
    if (!r.ok || !r.id) throw new Error(`not made: ${JSON.stringify(r)}`);
    return r.id;
  };

  it('refuses the nurse’s save over a job Arthur ticked off after her page was drawn, keeping his tick, and saves once she has reloaded', async () => {
    const actionId = madeId(
      await edit('nurse', {
        op: 'action.save',
        description: 'Walk to the post box and back',
        ownerKind: 'person',
        dueDate: '',
        status: 'to_do',
      }),
    );
    const row = async () =>
      (
        await db.query(
          `SELECT status, "completedAt"::text AS "completedAt", "completedById", "dueDate"::text AS "dueDate"
           FROM "CarePlanAction" WHERE id = $1`,
          [actionId],
        )
      ).rows[0];
    try {
      // The nurse opens the plan: the job's form is drawn "to do".
      const drawn = await revisionOf('nurse', planA, 'actions', actionId);
      // Arthur ticks it off on his page.
      const arthur = await as('patientA');
      const res = await arthur.fetch(`/api/care-plans/${planA}/actions/${actionId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ done: true }),
      });
      expect(res.status).toBe(200);
      const ticked = await row();
      expect(ticked).toMatchObject({ status: 'done', completedById: ids.patientA, dueDate: null });
      expect(ticked.completedAt).not.toBeNull();
      const editsBefore = await nurseEdits();

      // She changes the date and saves. Her form still says "to do": saving it would undo his tick.
      const form = {
        op: 'action.save',
        id: actionId,
        description: 'Walk to the post box and back',
        ownerKind: 'person',
        memberId: '',
        dueDate: '2027-05-01',
        status: 'to_do',
      };
      expect(await edit('nurse', { ...form, revision: drawn })).toEqual(
        changedMeanwhile('This action was changed', 'Action'),
      );
      // His tick stands, with when and by whom; nothing of hers was saved over it, and nothing is on
      // the record as changed.
      expect(await row()).toEqual(ticked);
      expect(await nurseEdits()).toBe(editsBefore);
      // A save that does not say which revision it was made to is not taken as made to the latest.
      expect(await edit('nurse', form)).toMatchObject({
        ok: false,
        reason: 'invalid',
        errors: [{ path: 'revision', message: 'Action: reload the page, then make your change again.' }],
      });
      expect(await row()).toEqual(ticked);

      // Reloaded, her page draws the job done; her date saves, and his tick is kept as it was.
      const reloaded = await revisionOf('nurse', planA, 'actions', actionId);
      expect(reloaded).not.toBe(drawn);
      expect(await edit('nurse', { ...form, status: 'done', revision: reloaded })).toEqual({
        ok: true,
        op: 'action.save',
        id: actionId,
      });
      expect(await row()).toEqual({ ...ticked, dueDate: '2027-05-01' });
      expect(await nurseEdits()).toBe(editsBefore + 1);
      // The form she saved from is now out of date in turn (another tab of hers, say).
      expect(await edit('nurse', { ...form, dueDate: '2027-06-01', revision: reloaded })).toEqual(
        changedMeanwhile('This action was changed', 'Action'),
      );
      expect((await row()).dueDate).toBe('2027-05-01');
    } finally {
      await db.query('DELETE FROM "CarePlanAction" WHERE id = $1', [actionId]);
    }
  });

  it('refuses a goal, medicine or team member saved over another clinician’s change, keeping theirs, and saves over the latest', async () => {
    const goalId = madeId(
      await edit('nurse', {
        op: 'goal.save',
        kind: 'health',
        description: 'Walk to the end of the garden',
        setBy: 'person',
        targetDate: '',
        status: 'active',
      }),
    );
    const medicine = {
      op: 'medicine.save',
      name: 'Salbutamol inhaler',
      howToTake: 'Two puffs',
      purpose: 'Breathlessness',
    };
    const medicineId = madeId(await edit('nurse', medicine));
    const member = {
      op: 'member.save',
      name: 'Pat Okafor',
      role: 'allied_health',
      jobTitle: 'Physiotherapist',
      organisation: '',
      sector: 'community_health',
      phone: '',
      email: '',
      availability: '',
    };
    const memberId = madeId(await edit('nurse', member));
    try {
      // Both clinicians open the plan; the GP saves first.
      const nurseDrew = {
        goal: await revisionOf('nurse', planA, 'goals', goalId),
        medicine: await revisionOf('nurse', planA, 'medicines', medicineId),
        member: await revisionOf('nurse', planA, 'members', memberId),
      };
      const goalForm = {
        op: 'goal.save',
        id: goalId,
        kind: 'health',
        description: 'Walk to the end of the garden',
        setBy: 'person',
        targetDate: '',
      };
      expect(
        await edit('gp', {
          ...goalForm,
          status: 'achieved',
          revision: await revisionOf('gp', planA, 'goals', goalId),
        }),
      ).toMatchObject({ ok: true });
      expect(
        await edit('gp', {
          ...medicine,
          id: medicineId,
          howToTake: 'Two puffs, up to four times a day',
          revision: await revisionOf('gp', planA, 'medicines', medicineId),
        }),
      ).toMatchObject({ ok: true });
      expect(
        await edit('gp', {
          ...member,
          id: memberId,
          phone: '01632 960 777',
          revision: await revisionOf('gp', planA, 'members', memberId),
        }),
      ).toMatchObject({ ok: true });

      // The nurse's saves, from forms drawn before, are refused, and the GP's changes stand.
      expect(
        await edit('nurse', { ...goalForm, targetDate: '2027-09-01', status: 'active', revision: nurseDrew.goal }),
      ).toEqual(changedMeanwhile('This goal was changed', 'Goal'));
      expect(
        await edit('nurse', {
          ...medicine,
          id: medicineId,
          purpose: 'When I am short of breath',
          revision: nurseDrew.medicine,
        }),
      ).toEqual(changedMeanwhile('This medicine was changed', 'Medicine'));
      expect(
        await edit('nurse', { ...member, id: memberId, availability: 'Mondays', revision: nurseDrew.member }),
      ).toEqual(changedMeanwhile('This person’s details were changed', 'Team member'));
      const rows = async () => ({
        goal: (
          await db.query('SELECT status, "targetDate"::text AS "targetDate" FROM "CarePlanGoal" WHERE id = $1', [
            goalId,
          ])
        ).rows[0],
        medicine: (await db.query('SELECT "howToTake", purpose FROM "CarePlanMedicine" WHERE id = $1', [medicineId]))
          .rows[0],
        member: (await db.query('SELECT phone, availability FROM "CarePlanMember" WHERE id = $1', [memberId])).rows[0],
      });
      expect(await rows()).toEqual({
        goal: { status: 'achieved', targetDate: null },
        medicine: { howToTake: 'Two puffs, up to four times a day', purpose: 'Breathlessness' },
        member: { phone: '01632 960 777', availability: '' },
      });

      // Reloaded, her forms show the GP's changes, and her own save over them.
      expect(
        await edit('nurse', {
          ...goalForm,
          targetDate: '2027-09-01',
          status: 'achieved',
          revision: await revisionOf('nurse', planA, 'goals', goalId),
        }),
      ).toEqual({ ok: true, op: 'goal.save', id: goalId });
      expect(
        await edit('nurse', {
          ...medicine,
          id: medicineId,
          howToTake: 'Two puffs, up to four times a day',
          purpose: 'When I am short of breath',
          revision: await revisionOf('nurse', planA, 'medicines', medicineId),
        }),
      ).toEqual({ ok: true, op: 'medicine.save', id: medicineId });
      expect(
        await edit('nurse', {
          ...member,
          id: memberId,
          phone: '01632 960 777',
          availability: 'Mondays',
          revision: await revisionOf('nurse', planA, 'members', memberId),
        }),
      ).toEqual({ ok: true, op: 'member.save', id: memberId });
      expect(await rows()).toEqual({
        goal: { status: 'achieved', targetDate: '2027-09-01' },
        medicine: { howToTake: 'Two puffs, up to four times a day', purpose: 'When I am short of breath' },
        member: { phone: '01632 960 777', availability: 'Mondays' },
      });
    } finally {
      await db.query('DELETE FROM "CarePlanGoal" WHERE id = $1', [goalId]);
      await db.query('DELETE FROM "CarePlanMedicine" WHERE id = $1', [medicineId]);
      await db.query('DELETE FROM "CarePlanMember" WHERE id = $1', [memberId]);
    }
  });
});

describe('a plan-level form or a removal sent from a page drawn before someone else’s change', () => {
  const noRevision = (label: string) => ({
    ok: false,
    reason: 'invalid',
    message: 'Check what you entered.',
    errors: [{ path: 'revision', message: `${label}: reload the page, then make your change again.` }],
  });
  const changedBeforeRemoval = (what: string, notRemoved: string, label: string) => ({
    ok: false,
    reason: 'invalid',
    message: `${what} by someone else since you opened the page, ${notRemoved}. Reload the page to see the change.`,
    errors: [{ path: '', message: `${label}: not removed. Reload the page to see what changed, then decide again.` }],
  });
  const edit = (who: Who, change: Record<string, unknown>) =>
    server.editCarePlan({ actor: actors[who], planId: planA, edit: change });
  const madeId = (r: Awaited<ReturnType<typeof edit>>) => {
    if (!r.ok || !r.id) throw new Error(`not made: ${JSON.stringify(r)}`);
    return r.id;
  };
  /** The nurse's edits of Arthur's plan on the record, made and refused: a refusal over a change is neither. */
  const nurseRecord = async () => ({
    allowed: await auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'allowed', action: 'carePlan:edit' }),
    denied: await auditCount({ actorId: ids.nurse, resourceId: planA, outcome: 'denied', action: 'carePlan:edit' }),
  });
  const planFields = async () =>
    (
      await db.query(
        `SELECT title, "whatMattersToMe", "reviewDate", "coordinatorId", "crisisContactName", "crisisContactPhone",
                "crisisContactDetail", "medicationSummary"
         FROM "CarePlan" WHERE id = $1`,
        [planA],
      )
    ).rows[0] as Record<string, unknown>;
  const escalationRows = async () =>
    (
      await db.query(
        `SELECT level::text AS level, signs, "whatToDo" FROM "CarePlanEscalation" WHERE "carePlanId" = $1 ORDER BY level`,
        [planA],
      )
    ).rows as { level: string; signs: string; whatToDo: string }[];

  type Form = {
    form: 'details' | 'people' | 'medication' | 'green' | 'amber' | 'red';
    changed: string;
    label: string;
    /** What the GP saves first, then what the nurse's older form says. */
    gp: Record<string, unknown>;
    nurse: Record<string, unknown>;
    /** What the form shows, as stored. */
    stored: () => Promise<unknown>;
    /** Stored after the GP's save, then after the nurse's. */
    afterGp: unknown;
    afterNurse: unknown;
  };
  const coordinator = async () =>
    (await db.query('SELECT id FROM "CarePlanMember" WHERE "carePlanId" = $1 AND "userId" = $2', [planA, ids.gp]))
      .rows[0].id as string;
  const escalation = (level: 'green' | 'amber' | 'red') => async () =>
    (await escalationRows()).find((e) => e.level === level) ?? null;
  const forms = async (): Promise<Form[]> => {
    const gpMember = await coordinator();
    return [
      {
        form: 'details',
        changed: 'The plan’s title, what matters and review date were changed',
        label: 'What matters and review date',
        gp: {
          op: 'details',
          title: 'Arthur’s plan',
          whatMattersToMe: 'Seeing my grandson on Sundays.',
          reviewDate: '2027-04-01',
        },
        nurse: {
          op: 'details',
          title: 'Arthur’s plan',
          whatMattersToMe: 'Getting to the allotment.',
          reviewDate: '2027-05-01',
        },
        stored: async () => {
          const p = await planFields();
          return {
            title: p.title,
            whatMattersToMe: p.whatMattersToMe,
            reviewDate: (p.reviewDate as Date).toISOString(),
          };
        },
        afterGp: {
          title: 'Arthur’s plan',
          whatMattersToMe: 'Seeing my grandson on Sundays.',
          reviewDate: '2027-04-01T00:00:00.000Z',
        },
        afterNurse: {
          title: 'Arthur’s plan',
          whatMattersToMe: 'Getting to the allotment.',
          reviewDate: '2027-05-01T00:00:00.000Z',
        },
      },
      {
        form: 'people',
        changed: 'The care coordinator and crisis contact were changed',
        label: 'Care coordinator and crisis contact',
        gp: {
          op: 'people',
          coordinatorId: gpMember,
          crisisContactName: 'Out-of-hours GP',
          crisisContactPhone: '111',
          crisisContactDetail: 'Evenings and weekends',
        },
        nurse: {
          op: 'people',
          coordinatorId: '',
          crisisContactName: 'NHS 111',
          crisisContactPhone: '111',
          crisisContactDetail: '',
        },
        stored: async () => {
          const p = await planFields();
          return [p.coordinatorId, p.crisisContactName, p.crisisContactDetail];
        },
        afterGp: [gpMember, 'Out-of-hours GP', 'Evenings and weekends'],
        afterNurse: [null, 'NHS 111', ''],
      },
      {
        form: 'medication',
        changed: 'The medication summary was changed',
        label: 'Medication summary',
        gp: { op: 'medication', medicationSummary: 'Two inhalers and a water tablet.' },
        nurse: { op: 'medication', medicationSummary: 'Two inhalers.' },
        stored: async () => (await planFields()).medicationSummary,
        afterGp: 'Two inhalers and a water tablet.',
        afterNurse: 'Two inhalers.',
      },
      ...(
        [
          ['green', 'The green part of the plan (feeling as usual) was changed', 'Green: feeling as usual'],
          [
            'amber',
            'The amber part of the plan (feeling worse than usual) was changed',
            'Amber: feeling worse than usual',
          ],
          ['red', 'The red part of the plan (needs help now) was changed', 'Red: needs help now'],
        ] as const
      ).map(([level, changed, label]) => ({
        form: level,
        changed,
        label,
        gp: { op: 'escalation.save', level, signs: `GP: ${level} signs`, whatToDo: `GP: ${level} steps` },
        nurse: { op: 'escalation.save', level, signs: `Nurse: ${level} signs`, whatToDo: `Nurse: ${level} steps` },
        stored: escalation(level),
        afterGp: { level, signs: `GP: ${level} signs`, whatToDo: `GP: ${level} steps` },
        afterNurse: { level, signs: `Nurse: ${level} signs`, whatToDo: `Nurse: ${level} steps` },
      })),
    ];
  };

  it('refuses each of the plan’s own forms saved over another clinician’s save, keeping theirs, refuses one with no revision, and saves over the latest', async () => {
    const planBefore = await planFields();
    const escalationBefore = await escalationRows();
    try {
      for (const f of await forms()) {
        // Both clinicians open the plan; the GP saves the form first.
        const nurseDrew = await formRevisionOf('nurse', planA, f.form);
        expect(await edit('gp', { ...f.gp, revision: await formRevisionOf('gp', planA, f.form) }), f.form).toEqual({
          ok: true,
          op: f.gp.op,
        });
        expect(await f.stored(), f.form).toEqual(f.afterGp);
        const record = await nurseRecord();

        // The nurse's save from the form drawn before is refused, and the GP's save stands. Nothing is
        // on the record, as for a row changed meanwhile.
        expect(await edit('nurse', { ...f.nurse, revision: nurseDrew }), f.form).toEqual(
          changedMeanwhile(f.changed, f.label),
        );
        expect(await f.stored(), f.form).toEqual(f.afterGp);
        // A save that does not say what it was drawn from is not taken as drawn from the latest.
        expect(await edit('nurse', f.nurse), f.form).toEqual(noRevision(f.label));
        expect(await edit('nurse', { ...f.nurse, revision: '' }), f.form).toEqual(noRevision(f.label));
        expect(await f.stored(), f.form).toEqual(f.afterGp);
        expect(await nurseRecord(), f.form).toEqual(record);

        // Reloaded, her form shows the GP's save, and hers goes over it.
        const reloaded = await formRevisionOf('nurse', planA, f.form);
        expect(reloaded, f.form).not.toBe(nurseDrew);
        expect(await edit('nurse', { ...f.nurse, revision: reloaded }), f.form).toEqual({ ok: true, op: f.nurse.op });
        expect(await f.stored(), f.form).toEqual(f.afterNurse);
        expect(await nurseRecord(), f.form).toEqual({ ...record, allowed: record.allowed + 1 });
      }
    } finally {
      await db.query(
        `UPDATE "CarePlan" SET title = $2, "whatMattersToMe" = $3, "reviewDate" = $4, "coordinatorId" = $5,
           "crisisContactName" = $6, "crisisContactPhone" = $7, "crisisContactDetail" = $8, "medicationSummary" = $9
         WHERE id = $1`,
        [
          planA,
          planBefore.title,
          planBefore.whatMattersToMe,
          planBefore.reviewDate,
          planBefore.coordinatorId,
          planBefore.crisisContactName,
          planBefore.crisisContactPhone,
          planBefore.crisisContactDetail,
          planBefore.medicationSummary,
        ],
      );
      await db.query('DELETE FROM "CarePlanEscalation" WHERE "carePlanId" = $1', [planA]);
      for (const e of escalationBefore) {
        await db.query(
          `INSERT INTO "CarePlanEscalation" (id, "carePlanId", level, signs, "whatToDo")
           VALUES ($1, $2, $3::"CarePlanEscalationLevel", $4, $5)`,
          [`it-restored-${e.level}`, planA, e.level, e.signs, e.whatToDo],
        );
      }
    }
  });

  it('does not make a plan form stale when anything else on the plan changes: a job ticked off, another form saved, a goal added', async () => {
    const planBefore = await planFields();
    const jobId = madeId(
      await edit('nurse', {
        op: 'action.save',
        description: 'Ring the pharmacy about the new inhaler',
        ownerKind: 'person',
        dueDate: '',
        status: 'to_do',
      }),
    );
    let goalId = '';
    try {
      const drawn = {
        details: await formRevisionOf('nurse', planA, 'details'),
        medication: await formRevisionOf('nurse', planA, 'medication'),
        amber: await formRevisionOf('nurse', planA, 'amber'),
      };
      // Arthur ticks a job off, the GP saves the people form and the red part, and adds a goal:
      // each moves the plan on (its updatedAt), none changes what the nurse's three forms show.
      expect(
        await server.setCarePlanActionDone({
          actor: actors.patientA,
          planId: planA,
          input: { actionId: jobId, done: true },
        }),
      ).toMatchObject({ ok: true });
      expect(
        await edit('gp', {
          op: 'people',
          coordinatorId: planBefore.coordinatorId ?? '',
          crisisContactName: 'NHS 111',
          crisisContactPhone: '111',
          crisisContactDetail: '',
          revision: await formRevisionOf('gp', planA, 'people'),
        }),
      ).toMatchObject({ ok: true });
      expect(
        await edit('gp', {
          op: 'escalation.save',
          level: 'red',
          signs: 'Lips going blue.',
          whatToDo: 'Call 999.',
          revision: await formRevisionOf('gp', planA, 'red'),
        }),
      ).toMatchObject({ ok: true });
      goalId = madeId(
        await edit('gp', {
          op: 'goal.save',
          kind: 'social',
          description: 'Go to the Friday quiz',
          setBy: 'person',
          targetDate: '',
          status: 'active',
        }),
      );
      expect(
        await edit('nurse', {
          op: 'details',
          title: 'Arthur’s plan',
          whatMattersToMe: 'Walking the dog.',
          reviewDate: '',
          revision: drawn.details,
        }),
      ).toEqual({ ok: true, op: 'details' });
      expect(
        await edit('nurse', { op: 'medication', medicationSummary: 'Inhalers.', revision: drawn.medication }),
      ).toEqual({ ok: true, op: 'medication' });
      expect(
        await edit('nurse', {
          op: 'escalation.save',
          level: 'amber',
          signs: 'More breathless.',
          whatToDo: 'Use the rescue pack.',
          revision: drawn.amber,
        }),
      ).toEqual({ ok: true, op: 'escalation.save' });
      expect(await planFields()).toMatchObject({ whatMattersToMe: 'Walking the dog.', medicationSummary: 'Inhalers.' });
    } finally {
      await db.query(
        `UPDATE "CarePlan" SET title = $2, "whatMattersToMe" = $3, "reviewDate" = $4, "crisisContactName" = $5,
           "crisisContactPhone" = $6, "crisisContactDetail" = $7, "medicationSummary" = $8 WHERE id = $1`,
        [
          planA,
          planBefore.title,
          planBefore.whatMattersToMe,
          planBefore.reviewDate,
          planBefore.crisisContactName,
          planBefore.crisisContactPhone,
          planBefore.crisisContactDetail,
          planBefore.medicationSummary,
        ],
      );
      await db.query('DELETE FROM "CarePlanAction" WHERE id = $1', [jobId]);
      if (goalId) await db.query('DELETE FROM "CarePlanGoal" WHERE id = $1', [goalId]);
    }
  });

  it('refuses moving Arthur on a pathway from a form drawn before another clinician moved him, and one with no revision', async () => {
    const link = (
      await db.query(
        'SELECT id, "pathwayId", "currentStepId", "currentStepSince" FROM "CarePlanPathway" WHERE "carePlanId" = $1 ORDER BY position LIMIT 1',
        [planA],
      )
    ).rows[0] as { id: string; pathwayId: string; currentStepId: string; currentStepSince: Date };
    const read = await server.getCarePlan({ actor: actors.nurse, planId: planA, via: 'editor', requireEdit: true });
    const [gpStep, nurseStep] = read!.plan.pathways
      .find((p) => p.pathwayId === link.pathwayId)!
      .document!.steps.filter((s) => s.id !== link.currentStepId)
      .map((s) => s.id);
    const stored = async () =>
      (await db.query('SELECT "currentStepId" FROM "CarePlanPathway" WHERE id = $1', [link.id])).rows[0].currentStepId;
    const set = (who: Who, stepId: string | undefined, revision?: string) =>
      edit(who, { op: 'step.set', pathwayId: link.pathwayId, stepId, ...(revision !== undefined ? { revision } : {}) });
    try {
      const nurseDrew = await stepRevisionOf('nurse', planA, link.pathwayId);
      expect(await set('gp', gpStep, await stepRevisionOf('gp', planA, link.pathwayId))).toMatchObject({ ok: true });
      const record = await nurseRecord();
      expect(await set('nurse', nurseStep, nurseDrew)).toEqual(
        changedMeanwhile('The current step on this pathway was changed', 'Current step'),
      );
      expect(await set('nurse', nurseStep)).toEqual(noRevision('Current step'));
      expect(await stored()).toBe(gpStep);
      expect(await nurseRecord()).toEqual(record);
      expect(await set('nurse', nurseStep, await stepRevisionOf('nurse', planA, link.pathwayId))).toMatchObject({
        ok: true,
      });
      expect(await stored()).toBe(nurseStep);
    } finally {
      await db.query('UPDATE "CarePlanPathway" SET "currentStepId" = $2, "currentStepSince" = $3 WHERE id = $1', [
        link.id,
        link.currentStepId,
        link.currentStepSince,
      ]);
    }
  });

  it('refuses removing a goal, job, medicine or team member changed since the page was drawn, keeps it, and says plainly when it has already gone', async () => {
    const goal = {
      op: 'goal.save',
      kind: 'health',
      description: 'Walk to the bus stop',
      setBy: 'person',
      targetDate: '',
      status: 'active',
    };
    const job = {
      op: 'action.save',
      description: 'Weigh myself on Mondays',
      ownerKind: 'person',
      dueDate: '',
      status: 'to_do',
    };
    const medicine = { op: 'medicine.save', name: 'Carbocisteine', howToTake: 'Two capsules', purpose: 'Phlegm' };
    const member = {
      op: 'member.save',
      name: 'Sam Adeyemi',
      role: 'allied_health',
      jobTitle: 'Occupational therapist',
      organisation: '',
      sector: 'community_health',
      phone: '',
      email: '',
      availability: '',
    };
    const made = {
      goal: madeId(await edit('nurse', goal)),
      action: madeId(await edit('nurse', job)),
      medicine: madeId(await edit('nurse', medicine)),
      member: madeId(await edit('nurse', member)),
    };
    const rows = {
      goal: { table: 'CarePlanGoal', list: 'goals', op: 'goal.delete', label: 'Goal' },
      action: { table: 'CarePlanAction', list: 'actions', op: 'action.delete', label: 'Action' },
      medicine: { table: 'CarePlanMedicine', list: 'medicines', op: 'medicine.delete', label: 'Medicine' },
      member: { table: 'CarePlanMember', list: 'members', op: 'member.delete', label: 'Team member' },
    } as const;
    const there = async (kind: keyof typeof rows) =>
      (await db.query(`SELECT count(*)::int AS n FROM "${rows[kind].table}" WHERE id = $1`, [made[kind]])).rows[0]
        .n as number;
    try {
      // The nurse opens the plan.
      const nurseDrew = {
        goal: await revisionOf('nurse', planA, 'goals', made.goal),
        action: await revisionOf('nurse', planA, 'actions', made.action),
        medicine: await revisionOf('nurse', planA, 'medicines', made.medicine),
        member: await revisionOf('nurse', planA, 'members', made.member),
      };
      // Meanwhile Arthur ticks the job off, and the GP changes the goal, the medicine and the member.
      expect(
        await server.setCarePlanActionDone({
          actor: actors.patientA,
          planId: planA,
          input: { actionId: made.action, done: true },
        }),
      ).toMatchObject({ ok: true });
      for (const [kind, form, change] of [
        ['goal', goal, { status: 'achieved' }],
        ['medicine', medicine, { howToTake: 'Two capsules three times a day' }],
        ['member', member, { phone: '01632 960 888' }],
      ] as const) {
        expect(
          await edit('gp', {
            ...form,
            ...change,
            id: made[kind],
            revision: await revisionOf('gp', planA, rows[kind].list, made[kind]),
          }),
          kind,
        ).toMatchObject({ ok: true });
      }
      const record = await nurseRecord();

      // Her removals, from the page drawn before, are refused: each row stays, with the change she has not seen.
      const refusals = {
        goal: changedBeforeRemoval('This goal was changed', 'so it has not been removed', 'Goal'),
        action: changedBeforeRemoval('This action was changed', 'so it has not been removed', 'Action'),
        medicine: changedBeforeRemoval('This medicine was changed', 'so it has not been removed', 'Medicine'),
        member: changedBeforeRemoval(
          'This person’s details were changed',
          'so they have not been removed from the care team',
          'Team member',
        ),
      };
      for (const kind of Object.keys(rows) as (keyof typeof rows)[]) {
        expect(await edit('nurse', { op: rows[kind].op, id: made[kind], revision: nurseDrew[kind] }), kind).toEqual(
          refusals[kind],
        );
        // A removal that does not say what it was drawn from is refused too.
        expect(await edit('nurse', { op: rows[kind].op, id: made[kind] }), kind).toEqual(noRevision(rows[kind].label));
        expect(await there(kind), kind).toBe(1);
      }
      expect(
        (await db.query('SELECT status::text AS s FROM "CarePlanGoal" WHERE id = $1', [made.goal])).rows[0].s,
      ).toBe('achieved');
      expect(
        (await db.query('SELECT status::text AS s FROM "CarePlanAction" WHERE id = $1', [made.action])).rows[0].s,
      ).toBe('done');
      expect(await nurseRecord()).toEqual(record);

      // Reloaded, she sees the changes, and removes each.
      const reloaded = {
        goal: await revisionOf('nurse', planA, 'goals', made.goal),
        action: await revisionOf('nurse', planA, 'actions', made.action),
        medicine: await revisionOf('nurse', planA, 'medicines', made.medicine),
        member: await revisionOf('nurse', planA, 'members', made.member),
      };
      for (const kind of Object.keys(rows) as (keyof typeof rows)[]) {
        expect(await edit('nurse', { op: rows[kind].op, id: made[kind], revision: reloaded[kind] }), kind).toEqual({
          ok: true,
          op: rows[kind].op,
          id: made[kind],
        });
        expect(await there(kind), kind).toBe(0);
      }
      expect(await nurseRecord()).toEqual({ ...record, allowed: record.allowed + 4 });

      // Removed again (from another tab, say): it says so plainly, names nothing else, and changes nothing.
      const gone = {
        goal: [
          'This goal has already been removed from the plan.',
          'Goal: this goal is not in this plan any more. Reload the page.',
        ],
        action: [
          'This action has already been removed from the plan.',
          'Action: this action is not in this plan any more. Reload the page.',
        ],
        medicine: [
          'This medicine has already been removed from the plan.',
          'Medicine: this medicine is not in this plan any more. Reload the page.',
        ],
        member: [
          'This person has already been removed from the care team.',
          'Team member: this person is not in this plan’s team any more. Reload the page.',
        ],
      } as const;
      for (const kind of Object.keys(rows) as (keyof typeof rows)[]) {
        expect(await edit('nurse', { op: rows[kind].op, id: made[kind], revision: reloaded[kind] }), kind).toEqual({
          ok: false,
          reason: 'invalid',
          message: `${gone[kind][0]} Reload the page to see the plan as it is now.`,
          errors: [{ path: 'id', message: gone[kind][1] }],
        });
      }
    } finally {
      await db.query('DELETE FROM "CarePlanGoal" WHERE id = $1', [made.goal]);
      await db.query('DELETE FROM "CarePlanAction" WHERE id = $1', [made.action]);
      await db.query('DELETE FROM "CarePlanMedicine" WHERE id = $1', [made.medicine]);
      await db.query('DELETE FROM "CarePlanMember" WHERE id = $1', [made.member]);
    }
  });

  it('refuses taking a pathway off the plan after another clinician moved Arthur on it, keeps it, and says plainly when it has already gone', async () => {
    const diabetes = (
      await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'Type 2 diabetes%' AND "workspaceId" = $1`, [
        workspaceId,
      ])
    ).rows[0].id as string;
    expect(await edit('nurse', { op: 'pathway.add', pathwayId: diabetes })).toMatchObject({ ok: true });
    const linked = async () =>
      (
        await db.query('SELECT "currentStepId" FROM "CarePlanPathway" WHERE "carePlanId" = $1 AND "pathwayId" = $2', [
          planA,
          diabetes,
        ])
      ).rows as { currentStepId: string }[];
    try {
      const nurseDrew = await removalRevisionOf('nurse', planA, diabetes);
      const read = await server.getCarePlan({ actor: actors.gp, planId: planA, via: 'editor', requireEdit: true });
      const link = read!.plan.pathways.find((p) => p.pathwayId === diabetes)!;
      const moved = link.document!.steps.find((s) => s.id !== link.currentStepId)!.id;
      expect(
        await edit('gp', { op: 'step.set', pathwayId: diabetes, stepId: moved, revision: link.revision }),
      ).toMatchObject({ ok: true });
      const record = await nurseRecord();

      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes, revision: nurseDrew })).toEqual(
        changedBeforeRemoval(
          'The current step on this pathway was changed',
          'so the pathway has not been taken off the plan',
          'Pathway',
        ),
      );
      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes })).toEqual(noRevision('Pathway'));
      expect(await linked()).toEqual([{ currentStepId: moved }]);
      expect(await nurseRecord()).toEqual(record);

      const reloaded = await removalRevisionOf('nurse', planA, diabetes);
      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes, revision: reloaded })).toEqual({
        ok: true,
        op: 'pathway.remove',
        id: diabetes,
      });
      expect(await linked()).toEqual([]);
      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes, revision: reloaded })).toEqual({
        ok: false,
        reason: 'invalid',
        message: 'This pathway has already been taken off the plan. Reload the page to see the plan as it is now.',
        errors: [{ path: 'pathwayId', message: 'Pathway: this pathway is not part of the plan.' }],
      });
    } finally {
      await db.query('DELETE FROM "CarePlanPathway" WHERE "carePlanId" = $1 AND "pathwayId" = $2', [planA, diabetes]);
    }
  });

  it('refuses taking a pathway off the plan after another clinician merged one of its steps, keeping the merge, and removes both once she has seen it', async () => {
    const diabetes = (
      await db.query(`SELECT id FROM "Pathway" WHERE title LIKE 'Type 2 diabetes%' AND "workspaceId" = $1`, [
        workspaceId,
      ])
    ).rows[0].id as string;
    expect(await edit('nurse', { op: 'pathway.add', pathwayId: diabetes })).toMatchObject({ ok: true });
    const linked = async () =>
      (
        await db.query(
          'SELECT count(*)::int AS n FROM "CarePlanPathway" WHERE "carePlanId" = $1 AND "pathwayId" = $2',
          [planA, diabetes],
        )
      ).rows[0].n as number;
    const mergeThere = async (id: string) =>
      (await db.query('SELECT count(*)::int AS n FROM "CarePlanStepMerge" WHERE id = $1', [id])).rows[0].n as number;
    const merges: string[] = [];
    try {
      const read = await server.getCarePlan({ actor: actors.gp, planId: planA, via: 'editor', requireEdit: true });
      const other = read!.plan.pathways.find((p) => p.pathwayId !== diabetes)!;
      const stepOf = (pathwayId: string, i: number) =>
        read!.plan.pathways.find((p) => p.pathwayId === pathwayId)!.document!.steps[i]!.id;
      const merge = async (i: number) => {
        const r = await server.mergeCarePlanSteps({
          actor: actors.gp,
          planId: planA,
          input: {
            title: `One appointment ${i}`,
            steps: [
              { pathwayId: diabetes, stepId: stepOf(diabetes, i) },
              { pathwayId: other.pathwayId, stepId: stepOf(other.pathwayId, i) },
            ],
          },
        });
        if (!r.ok) throw new Error(`not merged: ${JSON.stringify(r)}`);
        merges.push(r.mergeId);
        return r.mergeId;
      };
      // A merge the nurse's page shows; then, after her page was drawn, the GP merges another step.
      const seen = await merge(0);
      const nurseDrew = await removalRevisionOf('nurse', planA, diabetes);
      const stepFormDrew = await stepRevisionOf('nurse', planA, diabetes);
      const unseen = await merge(1);
      // The merge does not make her "current step" form stale: it does not change where Arthur is.
      expect(await stepRevisionOf('nurse', planA, diabetes)).toBe(stepFormDrew);
      const record = await nurseRecord();

      // Her removal would undo the GP's merge, which she has not seen: refused, and nothing goes.
      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes, revision: nurseDrew })).toEqual(
        changedBeforeRemoval(
          'Steps of this pathway were merged, or a merge was undone,',
          'so the pathway has not been taken off the plan',
          'Pathway',
        ),
      );
      expect(await linked()).toBe(1);
      expect([await mergeThere(seen), await mergeThere(unseen)]).toEqual([1, 1]);
      expect(await nurseRecord()).toEqual(record);

      // The same when a merge her page showed has been undone since.
      const reloaded = await removalRevisionOf('nurse', planA, diabetes);
      expect(await server.unmergeCarePlanSteps({ actor: actors.gp, planId: planA, mergeId: unseen })).toEqual({
        ok: true,
      });
      expect(await edit('nurse', { op: 'pathway.remove', pathwayId: diabetes, revision: reloaded })).toMatchObject({
        ok: false,
        message:
          'Steps of this pathway were merged, or a merge was undone, by someone else since you opened the page, so the pathway has not been taken off the plan. Reload the page to see the change.',
      });
      expect([await linked(), await mergeThere(seen)]).toEqual([1, 1]);

      // Reloaded, she has seen the merges: the pathway goes, and the merge of its step with it.
      expect(
        await edit('nurse', {
          op: 'pathway.remove',
          pathwayId: diabetes,
          revision: await removalRevisionOf('nurse', planA, diabetes),
        }),
      ).toEqual({ ok: true, op: 'pathway.remove', id: diabetes });
      expect([await linked(), await mergeThere(seen)]).toEqual([0, 0]);
    } finally {
      if (merges.length) await db.query('DELETE FROM "CarePlanStepMerge" WHERE id = ANY($1)', [merges]);
      await db.query('DELETE FROM "CarePlanPathway" WHERE "carePlanId" = $1 AND "pathwayId" = $2', [planA, diabetes]);
    }
  });
});
