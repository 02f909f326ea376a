import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = process.env.PATHWEAVE_DEMO_PASSWORD ?? 'pathweave-demo';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const button = page.getByRole('button', { name: 'Sign in', exact: true });
  await hydrated(button);
  await button.click();
  await expect(page.getByText('Signed in as')).toBeVisible();
}

/**
 * Waits until React has hydrated the element, so its handlers run. Before that the browser's own
 * behaviour answers a key (a <details> opens on Enter but ignores Escape), and a test would race it.
 * React marks each element it has hydrated with a `__reactProps$…` property.
 */
export async function hydrated(locator: Locator) {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))), {
      message: 'React has hydrated the element',
    })
    .toBe(true);
}

/**
 * Waits until the canvas can be used and measured: React Flow's pane is hydrated, the view has left
 * the position the server drew it at (the first fit to the pathway has run), and it has stopped moving.
 */
export async function canvasSettled(page: Page) {
  await hydrated(page.locator('.react-flow__pane'));
  const transform = () =>
    page.locator('.react-flow__viewport').evaluate((viewport) => (viewport as HTMLElement).style.transform);
  let before: string | null = null;
  await expect
    .poll(
      async () => {
        const now = await transform();
        const settled = now === before && !/^translate\(0px, 0px\) scale\(1\)$/.test(now);
        before = now;
        return settled;
      },
      { message: 'the canvas has fitted the pathway and stopped moving', intervals: [250] },
    )
    .toBe(true);
}

/**
 * The database of the server this test runs against. Each half of the files has a server and a
 * database of its own (playwright.config.ts), named by the project's `suite`.
 */
export async function e2eDatabaseUrl(): Promise<string> {
  const { withDatabase } = await import('../../lib/db/url');
  const { testAdminUrl, testDatabaseName } = await import('../support/testdb');
  const suite = test.info().project.metadata.suite;
  if (typeof suite !== 'string') throw new Error('playwright.config.ts gives every project a metadata.suite');
  return withDatabase(testAdminUrl(), testDatabaseName(suite));
}

/** No WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  // Next streams a page's <title> with its metadata, after the content: on a loaded machine axe can
  // run before it arrives (seen once on the not-found page). Every page must have one, so wait for it
  // rather than check a page still arriving.
  await expect(page, `a title on ${label}`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** The seeded COPD pathway's title. Tests import and copy it, so links are matched exactly and the oldest taken. */
export const DEMO_COPD = 'COPD: breathlessness to long-term support';

/** From the signed-in pathways list, open the seeded COPD pathway's page. */
export async function openDemoCopd(page: Page) {
  await page.getByRole('link', { name: DEMO_COPD, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: DEMO_COPD, exact: true })).toBeVisible();
}

// ---- the live workshop (collab.spec.ts, workshop.spec.ts) ----

/** A fresh blank pathway made by the GP from the editor's File panel; returns its editor path. */
export async function newBlankPathway(page: Page, title: string): Promise<string> {
  await openDemoCopd(page);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  const copd = new URL(page.url()).pathname;
  await hydrated(page.getByRole('tab', { name: 'File' }));
  await page.getByRole('tab', { name: 'File' }).click();
  await page.getByLabel('Start a new pathway from').selectOption({ label: 'A blank pathway (an entry and an exit)' });
  await page.getByLabel(/Title of the new pathway/).fill(title);
  await page.getByRole('button', { name: 'Create and open it' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/edit') && url.pathname !== copd);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  // The first fit of the view has run: a click now lands where the step is drawn.
  await canvasSettled(page);
  return new URL(page.url()).pathname;
}

export async function person(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

export async function joinLive(page: Page, path: string, status: string) {
  await page.goto(`${path}?live=1`);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  // The status as shown (screen readers are told less often: see components/collab/CollabStatus.tsx).
  await expect(page.getByTestId('collab-status')).toHaveText(status, { timeout: 30_000 });
  // Joining swaps in the shared pathway and fits the view again: wait for it to stop moving.
  await canvasSettled(page);
}

export function stepNode(page: Page, title: string) {
  return page.getByRole('group', { name: new RegExp(`^${title}\\.`) });
}

