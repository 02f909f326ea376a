import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl, expectAccessible, hydrated, person, signIn } from './support';

/**
 * Archiving a care plan in the browser: the GP archives a plan (after the confirmation box), sees it
 * read-only and under "Archived plans"; the person still reads it, with the notice at the top; the
 * GP restores it. The plan is one of this file's own (Nell Hartley's), so no other spec's plan
 * changes, and it is active again at the end. axe is run on every view.
 */
const PATIENT = 'nell.archive@pathweave.test';
/** Nell's NHS number: valid, from the NHS test range, and none of the demo patients'. */
const PATIENT_NHS_NUMBER = '9990000069';
/** Someone Nell shares her plan with. */
const CARER = 'nora.archive@pathweave.test';
let planId = '';

/** The GP archives Nell's plan, or restores it, as the care team's page does. */
async function setArchived(archived: boolean) {
  const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
  const { loadActor } = await import('../../lib/auth/actor');
  const { archiveCarePlan, restoreCarePlan } = await import('../../lib/server/archive-care-plan');
  try {
    const gp = await getPrisma().user.findUniqueOrThrow({ where: { email: 'gp@pathweave.test' } });
    const actor = await loadActor(gp.id);
    if (!actor) throw new Error('no GP');
    const result = archived
      ? await archiveCarePlan({ actor, planId, confirm: 'yes' })
      : await restoreCarePlan({ actor, planId });
    // Restoring a plan that is not archived (a test stopped before archiving it) is nothing to do.
    if (archived && !result.ok) throw new Error(result.message);
  } finally {
    await disconnectPrisma();
  }
}

test.beforeAll(async () => {
  process.env.DATABASE_URL = await e2eDatabaseUrl();
  const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
  const { loadActor } = await import('../../lib/auth/actor');
  const { createCarePlan } = await import('../../lib/server/create-care-plan');
  const prisma = getPrisma();
  const demo = await prisma.user.findUniqueOrThrow({ where: { email: 'patient@pathweave.test' } });
  const nell = await prisma.user.upsert({
    where: { email: PATIENT },
    create: {
      name: 'Nell Hartley',
      email: PATIENT,
      nhsNumber: PATIENT_NHS_NUMBER,
      professionalRole: 'patient',
      passwordHash: demo.passwordHash,
    },
    update: { nhsNumber: PATIENT_NHS_NUMBER },
  });
  const gp = await prisma.user.findUniqueOrThrow({ where: { email: 'gp@pathweave.test' } });
  const workspace = await prisma.workspace.findFirstOrThrow({ where: { name: 'Riverside GP Cluster' } });
  const existing = await prisma.carePlan.findFirst({ where: { patientId: nell.id, workspaceId: workspace.id } });
  if (existing) {
    planId = existing.id;
    await prisma.carePlan.update({
      where: { id: planId },
      data: { status: 'active', archivedAt: null, archivedById: null },
    });
  } else {
    const pathway = await prisma.pathway.findFirstOrThrow({
      where: { workspaceId: workspace.id, isTemplate: false },
      orderBy: { title: 'asc' },
    });
    const actor = await loadActor(gp.id);
    if (!actor) throw new Error('no GP');
    const created = await createCarePlan({
      actor,
      workspaceId: workspace.id,
      input: { patientNhsNumber: PATIENT_NHS_NUMBER, patientEmail: PATIENT, pathwayIds: [pathway.id] },
    });
    if (!created.ok) throw new Error(created.message);
    planId = created.planId;
  }
  // Nell shares her plan with Nora, so her sharing page has someone to stop sharing with.
  const nora = await prisma.user.upsert({
    where: { email: CARER },
    create: { name: 'Nora Hartley', email: CARER, professionalRole: 'carer', passwordHash: demo.passwordHash },
    update: {},
  });
  const live = await prisma.carePlanCarerGrant.findFirst({
    where: { carePlanId: planId, carerId: nora.id, revokedAt: null },
  });
  if (!live) {
    await prisma.carePlanCarerGrant.create({
      data: { carePlanId: planId, carerId: nora.id, canContribute: false, grantedById: nell.id },
    });
  }
  await disconnectPrisma();
});

test('a GP archives a plan after confirming, the person still reads it with a notice, and the GP restores it', async ({
  page,
  browser,
}) => {
  await signIn(page, 'gp@pathweave.test');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Care plans' }).click();
  await page.getByRole('link', { name: 'Nell Hartley', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Nell Hartley' })).toBeVisible();

  // Archiving needs the box ticked: without it, the form says so and nothing changes.
  const section = page.getByRole('region', { name: 'Archive this plan' });
  await section.getByText('Archive the care plan for Nell Hartley').click();
  const form = section.getByRole('form', { name: 'Archive this plan' });
  const submit = form.getByRole('button', { name: 'Archive this plan' });
  await hydrated(submit);
  await submit.click();
  const problem = form.getByRole('alert');
  await expect(problem).toContainText('Confirm: tick the box to confirm you want to archive this plan.');
  await expect(problem).toBeFocused();
  await expectAccessible(page, 'archive form with its error');
  await expect(page.getByRole('region', { name: 'Is the plan complete?' })).toBeVisible();

  await form.getByRole('checkbox', { name: 'I want to archive this plan. It will become read-only.' }).check();
  await submit.click();
  const banner = page.getByRole('region', { name: 'This plan is archived' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Archived on \d{1,2} \w+ \d{4}\./);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Care plan for Nell Hartley (archived)');
  // Read-only: none of the editing forms, and no way to archive again.
  await expect(page.getByRole('region', { name: 'Is the plan complete?' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Care coordinator and crisis contact' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Archive this plan' })).toHaveCount(0);
  await expectAccessible(page, 'archived plan, care team view');

  // In the list, under "Archived plans", after the active ones.
  await page.getByRole('link', { name: 'Care plans', exact: true }).first().click();
  const archived = page.getByRole('region', { name: 'Archived plans' });
  await expect(archived.getByRole('link', { name: 'Nell Hartley', exact: true })).toBeVisible();
  await expect(archived).toContainText(/Archived on \d{1,2} \w+ \d{4}: read-only\./);
  await expect(archived.getByRole('link', { name: 'Arthur Pennock' })).toHaveCount(0);
  await expectAccessible(page, 'care plans list with an archived plan');

  // The person still reads the plan, with the notice at the top and nothing to change.
  const nell = await person(browser, PATIENT);
  await nell.goto('/my-plan');
  await expect(nell.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  const notice = nell.getByRole('region', { name: 'This plan is no longer in use' });
  await expect(notice).toContainText(/Your care team stopped using this plan on \d{1,2} \w+ \d{4}\./);
  await expect(notice).toContainText('If you have questions about your care, contact');
  await expect(nell.getByRole('form', { name: /note/i })).toHaveCount(0);
  await expectAccessible(nell, 'archived plan, the person’s view');

  // The GP restores it: the editing forms are back, and the person's notice has gone.
  await page.getByRole('link', { name: 'Nell Hartley', exact: true }).click();
  const restore = page.getByRole('button', { name: 'Restore this plan' });
  await hydrated(restore);
  await restore.click();
  await expect(page.getByRole('region', { name: 'Is the plan complete?' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'This plan is archived' })).toHaveCount(0);
  await nell.reload();
  await expect(nell.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  await expect(nell.getByRole('region', { name: 'This plan is no longer in use' })).toHaveCount(0);
  await nell.context().close();
});

test('while a plan is archived nobody new can be invited, and the page says why, but the person still takes back invitations and stops sharing', async ({
  page,
}) => {
  const refused =
    'This plan is archived, so nobody new can be invited to see it. Ask your care team to restore it first.';
  const asked = 'asked.archive@pathweave.test';
  const late = 'late.archive@pathweave.test';
  await signIn(page, PATIENT);
  await page.goto(`/my-plan/${planId}/sharing`);
  await expect(page.getByRole('heading', { level: 1, name: 'Who can see my plan' })).toBeVisible();

  // While the plan is in use, Nell asks someone: they are waiting to say yes.
  const share = page.getByRole('form', { name: 'Share your plan with someone' });
  const submit = share.getByRole('button', { name: 'Share my plan' });
  await hydrated(submit);
  await share.getByLabel('Their email address').fill(asked);
  await submit.click();
  await expect(share.getByRole('status')).toContainText(`You have asked ${asked} to see your plan.`);
  const waiting = page.getByRole('region', { name: 'Waiting for them to say yes' });
  await expect(waiting).toContainText(asked);

  // The care team archives the plan while her page is open: the next person she asks is refused,
  // and she is told why.
  await setArchived(true);
  try {
    await share.getByLabel('Their email address').fill(late);
    await submit.click();
    const problem = share.getByRole('alert');
    await expect(problem).toContainText(refused);
    await expect(problem).toBeFocused();

    // Loaded again, the page has no form to ask anyone new, and says why instead.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Who can see my plan' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Share your plan with someone' })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Their email address' })).toHaveCount(0);
    await expect(page.getByText(refused)).toBeVisible();
    await expect(waiting).toContainText(asked);
    await expect(waiting).toContainText('They cannot say yes while your plan is archived.');
    await expect(waiting).not.toContainText(late);
    await expectAccessible(page, 'sharing page of an archived plan');

    // She still chooses who may see it: she takes the invitation back, and stops sharing with Nora.
    const takeBack = waiting.getByRole('button', { name: `Take back the invitation to ${asked}` });
    await hydrated(takeBack);
    await takeBack.click();
    await expect(page.getByRole('status').filter({ hasText: 'You took back the invitation' })).toHaveText(
      `You took back the invitation to ${asked}.`,
    );
    await expect(waiting).toHaveCount(0);
    const stop = page.getByRole('button', { name: 'Stop sharing with Nora Hartley' });
    await hydrated(stop);
    await stop.click();
    await expect(page.getByRole('status').filter({ hasText: 'You stopped sharing' })).toHaveText(
      'You stopped sharing your plan with Nora Hartley.',
    );
    await expect(page.getByText('Only you and your care team can see your plan now.')).toBeVisible();
    await expect(page.getByText(refused)).toBeVisible();
    await expectAccessible(page, 'sharing page of an archived plan, after taking back and stopping');
  } finally {
    await setArchived(false);
  }
});
