import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl, expectAccessible, hydrated, person, signIn } from './support';

/**
 * Archiving a care plan in the browser: the GP archives a plan (after the confirmation box), sees it
 * read-only and under "Archived plans"; the person still reads it, with the notice at the top; the
 * GP restores it. The plan is one of this file's own (Nell Hartley's), so no other spec's plan
 * changes, and it is active again at the end. axe is run on every view.
 */
const PATIENT = 'nell.archive@pathweave.test';
let planId = '';

test.beforeAll(async () => {
  process.env.DATABASE_URL = await e2eDatabaseUrl();
  const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
  const { loadActor } = await import('../../lib/auth/actor');
  const { createCarePlan } = await import('../../lib/server/create-care-plan');
  const prisma = getPrisma();
  const demo = await prisma.user.findUniqueOrThrow({ where: { email: 'patient@pathweave.test' } });
  const nell = await prisma.user.upsert({
    where: { email: PATIENT },
    create: { name: 'Nell Hartley', email: PATIENT, professionalRole: 'patient', passwordHash: demo.passwordHash },
    update: {},
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
      input: { patientEmail: PATIENT, pathwayIds: [pathway.id] },
    });
    if (!created.ok) throw new Error(created.message);
    planId = created.planId;
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
