import { expect, test, type Browser, type Page, type Request, type Route } from '@playwright/test';
import { e2eDatabaseUrl, expectAccessible, hydrated, person, signIn } from './support';

/**
 * The members page of a workspace, for its facilitators: the demo GP changes someone's role, is told
 * why they cannot step down as the only facilitator, removes someone after saying yes, and does it
 * all without JavaScript too. Anyone else gets "page not found" for the page, and the server action
 * refuses them. Only demo people no other browser test uses are changed, and put back afterwards.
 */
const WORKSPACE = 'Riverside GP Cluster';

type Prisma = ReturnType<typeof import('../../lib/db/client').getPrisma>;

/** The database of this half's server (playwright.config.ts), as care-plans.spec.ts reaches it. */
async function withDatabase<T>(body: (prisma: Prisma) => Promise<T>): Promise<T> {
  process.env.DATABASE_URL = await e2eDatabaseUrl();
  const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
  try {
    return await body(getPrisma());
  } finally {
    await disconnectPrisma();
  }
}

// The demo memberships these tests change, as seeded (prisma/demo/people.json).
const TOUCHED = ['practice.nurse@pathweave.test', 'social.worker@pathweave.test', 'pharmacist@pathweave.test'] as const;
let seeded: { userId: string; workspaceId: string; accessRole: 'facilitator' | 'editor' | 'commenter' | 'viewer' }[] =
  [];

test.beforeAll(async () => {
  seeded = await withDatabase((prisma) =>
    prisma.membership.findMany({
      where: { user: { email: { in: [...TOUCHED] } } },
      select: { userId: true, workspaceId: true, accessRole: true },
    }),
  );
  expect(seeded).toHaveLength(TOUCHED.length);
});

test.afterAll(async () => {
  await withDatabase(async (prisma) => {
    for (const m of seeded) {
      await prisma.membership.upsert({
        where: { userId_workspaceId: { userId: m.userId, workspaceId: m.workspaceId } },
        create: m,
        update: { accessRole: m.accessRole },
      });
    }
  });
});

async function openMembers(page: Page) {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
}

const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });

test('a facilitator changes someone’s role, and cannot step down as the only facilitator', async ({ page }) => {
  await signIn(page, 'gp@pathweave.test');
  await openMembers(page);
  await expect(page.getByRole('term')).toHaveText(['Facilitator', 'Editor', 'Commenter', 'Viewer']);
  await expect(row(page, 'Carys Penhale').getByRole('cell').nth(1)).toHaveText('Editor');
  await expectAccessible(page, 'members page');

  await page.getByLabel('New role for Carys Penhale').selectOption({ label: 'Viewer' });
  await page.getByRole('button', { name: 'Change role of Carys Penhale' }).click();
  await expect(page.getByRole('status')).toHaveText('Carys Penhale is now a viewer.');
  await expect(row(page, 'Carys Penhale').getByRole('cell').nth(1)).toHaveText('Viewer');
  await expect(page.getByLabel('New role for Carys Penhale')).toHaveValue('viewer');
  await page.reload();
  await expect(row(page, 'Carys Penhale').getByRole('cell').nth(1)).toHaveText('Viewer');

  // The GP is the only facilitator: they are told why they cannot become an editor.
  await expect(row(page, 'Dr Ada Fernsby')).toContainText('(you)');
  await page.getByLabel('New role for yourself').selectOption({ label: 'Editor' });
  await page.getByRole('button', { name: 'Change role of yourself' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('A workspace needs at least one facilitator.');
  await expect(summary).toBeFocused();
  await expect(row(page, 'Dr Ada Fernsby').getByRole('cell').nth(1)).toHaveText('Facilitator');
  await expect(page.getByLabel('New role for yourself')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'members page with an error');
  // The summary links to the field it is about.
  await summary.getByRole('link').click();
  await expect(page.getByLabel('New role for yourself')).toBeFocused();

  // The connection drops as a role is changed: the page stays, says nothing changed, keeps the choice.
  const drop = (route: Route) =>
    route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/*', drop);
  await page.getByLabel('New role for Carys Penhale').selectOption({ label: 'Commenter' });
  await page.getByRole('button', { name: 'Change role of Carys Penhale' }).click();
  const unreachable = page.getByRole('alert').filter({ hasText: 'Pathweave could not be reached, so nothing was saved.' });
  await expect(unreachable).toBeFocused();
  await expect(page.getByLabel('New role for Carys Penhale')).toHaveValue('commenter');
  await expect(row(page, 'Carys Penhale').getByRole('cell').nth(1)).toHaveText('Viewer');
  await page.unroute('**/*', drop);
  await page.reload();
  await expect(row(page, 'Dr Ada Fernsby').getByRole('cell').nth(1)).toHaveText('Facilitator');
});

test('a facilitator removes someone after saying yes, by keyboard', async ({ page, browser }) => {
  await signIn(page, 'gp@pathweave.test');
  await openMembers(page);
  const remove = page.getByText('Remove from workspace: Noor Whitlock');
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Are you sure you want to remove Noor Whitlock from ${WORKSPACE}?`)).toBeVisible();
  await expectAccessible(page, 'members page asking to remove');
  // Pressing it again closes the question and nothing happens.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Yes, remove Noor Whitlock' })).toBeHidden();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Yes, remove Noor Whitlock' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(`Noor Whitlock has been removed from ${WORKSPACE}.`);
  await expect(page.getByRole('status')).toBeFocused();
  await expect(row(page, 'Noor Whitlock')).toHaveCount(0);

  // Noor can no longer open the workspace.
  const noor = await person(browser, 'social.worker@pathweave.test');
  const response = await noor.goto(new URL(page.url()).pathname.replace('/members', '/pathways'));
  expect(response?.status()).toBe(404);
  await noor.context().close();
});

test('the page works without JavaScript', async ({ page, browser }) => {
  await signIn(page, 'gp@pathweave.test');
  await openMembers(page);
  const url = page.url();
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noJs = await plain.newPage();
  await noJs.goto(url);
  await noJs.getByLabel('New role for Idris Calloway').selectOption('commenter');
  await noJs.getByRole('button', { name: 'Change role of Idris Calloway' }).click();
  await expect(noJs.getByRole('status')).toHaveText('Idris Calloway is now a commenter.');
  await expect(row(noJs, 'Idris Calloway').getByRole('cell').nth(1)).toHaveText('Commenter');
  // The question before removing is a native disclosure: it opens without JavaScript too.
  await noJs.getByText('Remove from workspace: Idris Calloway').click();
  await expect(noJs.getByRole('button', { name: 'Yes, remove Idris Calloway' })).toBeVisible();
  await plain.close();
});

/** The server action request the GP's browser sends to remove someone, stopped before it reaches the server. */
async function capturedRemoval(page: Page, name: string): Promise<Request> {
  let captured: Request | undefined;
  await page.route('**/members', async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['next-action']) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await page.getByText(`Remove from workspace: ${name}`).click();
  await page.getByRole('button', { name: `Yes, remove ${name}` }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  return captured!;
}

async function replayAs(browser: Browser, email: string, url: string, action: Request) {
  const other = await person(browser, email);
  const headers = await action.allHeaders();
  for (const h of ['cookie', 'content-length', 'host']) delete headers[h];
  const response = await other.request.post(url, { headers, data: action.postDataBuffer() ?? Buffer.alloc(0) });
  const text = await response.text();
  await other.context().close();
  return { status: response.status(), text };
}

test('anyone but a facilitator gets “page not found”, and the action refuses them', async ({ page, browser }) => {
  await signIn(page, 'gp@pathweave.test');
  await openMembers(page);
  const url = page.url();

  for (const email of ['consultant@pathweave.test', 'manager@pathweave.test', 'patient@pathweave.test']) {
    const other = await person(browser, email);
    await expect(other.getByRole('link', { name: 'Members' })).toHaveCount(0);
    const response = await other.goto(url);
    expect(response?.status(), email).toBe(404);
    await expect(other.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectAccessible(other, `members page for ${email}`);
    await other.context().close();
  }

  // The GP's own request to remove Idris, sent instead by an editor and by a patient: refused.
  const removal = await capturedRemoval(page, 'Idris Calloway');
  for (const email of ['consultant@pathweave.test', 'patient@pathweave.test']) {
    const replay = await replayAs(browser, email, url, removal);
    expect(replay.text, email).toContain(
      'This person was not found in this workspace, or you cannot manage its members.',
    );
  }
  await page.unrouteAll();
  await page.goto(url);
  await expect(row(page, 'Idris Calloway')).toHaveCount(1);
});

test('a facilitator who steps down lands on the pathways and is told their new role', async ({ browser }) => {
  // The practice nurse, by name: an earlier test removes the social worker until the file ends.
  const nurse = await withDatabase((prisma) =>
    prisma.user.findUniqueOrThrow({ where: { email: 'practice.nurse@pathweave.test' }, select: { id: true } }),
  );
  const { userId, workspaceId } = seeded.find((m) => m.userId === nurse.id)!;
  await withDatabase((prisma) =>
    prisma.membership.update({
      where: { userId_workspaceId: { userId, workspaceId } },
      data: { accessRole: 'facilitator' },
    }),
  );
  const email = await withDatabase(async (prisma) => (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).email);
  const page = await person(browser, email);
  await page.goto('/');
  await openMembers(page);
  await page.getByLabel('New role for yourself').selectOption({ label: 'Editor' });
  await page.getByRole('button', { name: 'Change role of yourself' }).click();
  await expect(page).toHaveURL(/\/pathways\?notice=role$/);
  await expect(page.getByTestId('members-notice')).toHaveText(`You are now an editor in ${WORKSPACE}.`);
  // The page came by a redirect and the pressed button has gone: the notice takes the focus, so it is read out.
  await expect(page.getByTestId('members-notice')).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Members' })).toHaveCount(0);
  await expectAccessible(page, 'pathways after stepping down');
  // The words come from what is stored, not from the link: the same link as a viewer says "viewer".
  await withDatabase((prisma) =>
    prisma.membership.update({ where: { userId_workspaceId: { userId, workspaceId } }, data: { accessRole: 'viewer' } }),
  );
  await page.reload();
  await expect(page.getByTestId('members-notice')).toHaveText(`You are now a viewer in ${WORKSPACE}.`);
  await page.context().close();
});

test('the workspace switcher closes on Escape and when the focus leaves it, so it never covers the page', async ({
  page,
}) => {
  // The demo GP belongs to one workspace; for this test only, to a second one too.
  const added = await withDatabase(async (prisma) => {
    const gp = await prisma.user.findUniqueOrThrow({ where: { email: 'gp@pathweave.test' } });
    const other = await prisma.workspace.findFirstOrThrow({ where: { name: 'Northgate Primary Care Network' } });
    await prisma.membership.create({ data: { userId: gp.id, workspaceId: other.id, accessRole: 'viewer' } });
    return { userId: gp.id, workspaceId: other.id };
  });
  try {
    await signIn(page, 'gp@pathweave.test');
    const switcher = page.locator('details', { has: page.getByText('(switch workspace)') });
    const summary = switcher.locator('summary');
    await hydrated(switcher);
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(switcher.getByRole('link', { name: 'Northgate Primary Care Network' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(switcher).not.toHaveAttribute('open');
    await expect(summary).toBeFocused();
    // Open again and Tab through both workspaces and on: the list closes as the focus leaves it.
    await page.keyboard.press('Enter');
    await expect(switcher).toHaveAttribute('open');
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await expect(switcher).not.toHaveAttribute('open');
    await expect(switcher.getByRole('link', { name: 'Northgate Primary Care Network' })).toBeHidden();
  } finally {
    await withDatabase((prisma) => prisma.membership.delete({ where: { userId_workspaceId: added } }));
  }
});
