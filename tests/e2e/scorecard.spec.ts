import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { parseCsv } from '../../lib/scorecard/csv';
import { DEMO_COPD, expectAccessible, hydrated, signIn } from './support';

/** The scorecard as a manager (a viewer: the typical reader) uses it, in Debian's Chromium. */

async function openScorecard(page: Page) {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Scorecards' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scorecards' })).toBeVisible();
}

/**
 * From the workspace scorecard, open the seeded COPD pathway's scorecard. The PlanDefinition import
 * test makes a second pathway with the same title, and the scorecard orders pathways by how they
 * score, so the seeded one is told apart by its id (the pathways list puts same titles oldest first).
 */
async function openSeededCopdScorecard(page: Page) {
  const scorecard = page.url();
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Pathways' }).click();
  // The scorecard has links named the same: read the pathways list once it is there.
  await expect(page).toHaveURL(/\/pathways$/);
  const href = (await page.getByRole('link', { name: DEMO_COPD, exact: true }).first().getAttribute('href')) ?? '';
  const id = href.split('/').pop() ?? '';
  expect(id).not.toBe('');
  await page.goto(scorecard);
  const link = page.getByRole('region', { name: 'Pathways', exact: true }).locator(`a[href$="/scorecards/${id}"]`);
  await expect(link).toHaveText(DEMO_COPD);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/scorecards/${id}$`));
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), body: readFileSync(path) };
}

async function pdfText(body: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const r = await parser.getText();
    return { pages: r.total, text: r.text.replace(/\s+/g, ' ') };
  } finally {
    await parser.destroy();
  }
}

test('a manager reads the scorecard failing first, filters it, and it passes axe', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  const pathways = page.getByRole('region', { name: 'Pathways', exact: true });
  const rows = pathways.locator('tbody tr');
  await expect(rows.filter({ hasText: 'COPD: breathlessness to long-term support' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Frailty' }).first()).toBeVisible();
  // Failing first: the number of criteria not met never rises down the table.
  const counts = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-not-met')))).filter((n) => n !== null).map(Number);
  expect(counts.length).toBeGreaterThanOrEqual(3);
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);

  // Every heatmap cell says its status in words, not colour alone.
  const heatmap = page.getByRole('region', { name: 'Criteria by pathway', exact: true });
  const cellTexts = await heatmap.locator('td[data-status] a').allInnerTexts();
  expect(cellTexts.length).toBeGreaterThanOrEqual(3 * 17);
  for (const t of cellTexts) expect(t).toMatch(/Met|Partly|Not met|Needs judgement/);
  // Each cell's link names its status, criterion and pathway; the symbol is not read out.
  const cellLink = heatmap.locator('tbody tr').filter({ hasText: 'Type 2 diabetes with chronic kidney disease' }).locator('td[data-status="not_met"] a').first();
  await expect(cellLink).toHaveAccessibleName(/^Not met\s*: (RCGP|NV) \d+ .+, Type 2 diabetes with chronic kidney disease/);
  // The criteria key is above the table and open; a skip link passes the table.
  const key = heatmap.locator('details', { hasText: 'Criteria key' });
  await expect(key).toHaveAttribute('open', '');
  await expect(key.getByText('No diversion of funding from general practice')).toBeVisible();
  const skip = heatmap.getByRole('link', { name: 'Skip to criteria across pathways' });
  await expect(skip).toHaveAttribute('href', '#criteria-heading');

  // On a narrow window, moving back along a row that has scrolled sideways: each focused cell shows
  // beside the pathway column, never under it, in the NHS focus colours.
  await page.setViewportSize({ width: 700, height: 800 });
  const table = page.getByRole('region', { name: 'Criteria by pathway table, scrolls sideways' });
  const firstRow = table.locator('tbody tr').first();
  await hydrated(table);
  await firstRow.locator('td[data-status] > a').last().focus();
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press('Shift+Tab');
    const seen = await page.evaluate(() => {
      const cell = document.activeElement as HTMLElement;
      const column = cell.closest('tr')?.querySelector('th') as HTMLElement;
      const style = getComputedStyle(cell);
      return {
        cellLeft: cell.getBoundingClientRect().left,
        columnRight: column.getBoundingClientRect().right,
        colours: [style.backgroundColor, style.color],
      };
    });
    expect(seen.cellLeft).toBeGreaterThanOrEqual(seen.columnRight - 1);
    expect(seen.colours).toEqual(['rgb(255, 235, 59)', 'rgb(33, 43, 50)']);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('score-explained')).toContainText('Criteria that need a human judgement are left out of the average.');
  // Other browser tests add pathways to this workspace, so the list may run to more than one page.
  await expect(page).toHaveTitle(/^Scorecards(, page 1 of \d+)? – Pathweave$/);
  await expect(page.getByRole('img', { name: /Contacts with a professional, by pathway\. Highest:/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pathways table, scrolls sideways', exact: true })).toBeVisible();
  await expectAccessible(page, 'scorecard');

  // A count of pathways not meeting a criterion opens the scorecard filtered to them.
  const overview = page.getByRole('region', { name: 'Criteria across pathways', exact: true });
  const notMetLink = overview.getByRole('link', { name: /: show the pathways? that do(es)? not meet / }).first();
  const criterion = (await notMetLink.getAttribute('href'))?.match(/failing=([^&]+)/)?.[1];
  expect(criterion).toBeTruthy();
  await notMetLink.click();
  await expect(page).toHaveURL(new RegExp(`[?&]failing=${criterion}`));
  await expect(page.getByText(/Filtered to pathways that do not meet/)).toBeVisible();
  await expect(page).toHaveTitle(/^Scorecards, filtered to pathways that do not meet /);
  await page.goBack();

  await page.getByLabel('Condition').selectOption('COPD');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]condition=COPD/);
  await expect(page.getByText(/Filtered to condition "COPD"/)).toBeVisible();
  const filtered = await rows.allInnerTexts();
  expect(filtered.length).toBeGreaterThanOrEqual(1);
  for (const r of filtered) expect(r).toContain('COPD');
  expect(filtered.some((r) => r.includes('Frailty'))).toBe(false);
  await expect(page.getByLabel('Condition')).toHaveValue('COPD');

  await page.getByLabel('Status').selectOption('retired');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=retired/);
  await expect(page.getByText('No pathways match these filters.')).toBeVisible();
  await expectAccessible(page, 'scorecard with no matches');

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/scorecards$/);
  await expect(page.getByLabel('Status')).toHaveValue('');
  await page.getByLabel('Has a step in').selectOption('voluntary_community');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/sector=voluntary_community/);
  await expect(rows.filter({ hasText: 'Type 2 diabetes with chronic kidney disease' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Frailty' }).first()).toBeVisible();
});

test('with a "does not meet" filter set, a count in the criteria overview lists as many pathways as it counts', async ({
  page,
}) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  const overview = page.getByRole('region', { name: 'Criteria across pathways', exact: true });
  const rows = page.getByRole('region', { name: 'Pathways', exact: true }).locator('tbody tr');
  const notMet = overview.locator('td a[href*="failing="]');
  // Filter to the criterion the fewest pathways fail, so other criteria are failed by pathways outside it.
  const counts = await notMet.evaluateAll((links) =>
    links.map((a) => ({ href: a.getAttribute('href') ?? '', count: Number.parseInt(a.textContent ?? '', 10) })),
  );
  expect(counts.length).toBeGreaterThanOrEqual(2);
  const fewest = counts.reduce((a, b) => (b.count < a.count ? b : a));
  await page.goto(fewest.href);
  await expect(page.getByText(/Filtered to pathways that do not meet/)).toBeVisible();
  // Every count that is a link leads to exactly the pathways it counts.
  const links = await notMet.evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href') ?? '', count: Number.parseInt(a.textContent ?? '', 10) })),
  );
  expect(links.length).toBeGreaterThanOrEqual(1);
  for (const link of links) {
    await page.goto(link.href);
    await expect(page.getByRole('heading', { level: 1, name: 'Scorecards' })).toBeVisible();
    expect(await rows.count(), link.href).toBe(link.count);
  }
  // The other counts say why they are not links, and how to see the pathways behind them.
  await page.goto(fewest.href);
  await expect(overview.getByTestId('criteria-failing-filter')).toContainText('so the other counts are not links');
  await overview.getByRole('link', { name: 'Count every criterion without the “Does not meet” filter' }).click();
  await expect(page).not.toHaveURL(/failing=/);
  await expect(notMet).toHaveCount(counts.length);
  await page.goto(fewest.href);
  await expectAccessible(page, 'scorecard filtered to one criterion not met');
});

test('the filters work without JavaScript, as plain links', async ({ page, browser }) => {
  await signIn(page, 'manager@pathweave.test');
  const slugPath = new URL(page.url()).pathname.replace('/pathways', '/scorecards');
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const p = await noJs.newPage();
  await p.goto(slugPath);
  await p.getByLabel('Status').selectOption('in_review');
  await p.getByRole('button', { name: 'Apply filters' }).click();
  await expect(p).toHaveURL(/status=in_review/);
  const rows = await p.getByRole('region', { name: 'Pathways', exact: true }).locator('tbody tr').allInnerTexts();
  expect(rows.length).toBeGreaterThanOrEqual(1);
  for (const r of rows) expect(r).toContain('In review');
  await noJs.close();
});

test('a manager drills down from a heatmap cell to the findings and to the step in the editor', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  const heatmap = page.getByRole('region', { name: 'Criteria by pathway', exact: true });
  const t2dm = heatmap.locator('tbody tr').filter({ hasText: 'Type 2 diabetes with chronic kidney disease' });
  const cell = t2dm.locator('td[data-status="not_met"]').first();
  const link = cell.getByRole('link', { name: /Not met/ });
  const criterion = /#criterion-(.+)$/.exec((await link.getAttribute('href')) ?? '')?.[1];
  expect(criterion).toBeTruthy();
  await link.click();

  await expect(page).toHaveURL(new RegExp(`/scorecards/[^/#?]+#criterion-${criterion}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Type 2 diabetes with chronic kidney disease' })).toBeVisible();
  const item = page.locator(`#criterion-${criterion}`);
  await expect(item).toBeInViewport();
  await expect(item.getByText('Computed result')).toBeVisible();
  await expect(item).toHaveAttribute('data-status', 'not_met');
  await expect(item.locator('dd').first()).toHaveText(/Not met/);
  await expect(item.getByText('Rating agreed at the workshop')).toBeVisible();
  await expect(item.locator('details summary', { hasText: 'How this was scored' })).toBeVisible();
  await expect(item.getByText(/Rule (rcgp|nv)-\d+@/)).toBeHidden();
  await expect(page).toHaveTitle(/^Type 2 diabetes with chronic kidney disease, version \d+: scorecard – Pathweave$/);
  // The radar charts and the trend have accessible names and a table beside them.
  await expect(page.getByRole('img', { name: /RCGP five tests of integrated care for Type 2 diabetes/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Scores by version' })).toBeVisible();
  await expectAccessible(page, 'pathway scorecard');

  // A finding somewhere on this page links to its step in the editor with ?select=.
  const editorLink = page.getByRole('link', { name: /^Show (step|transition) “.+” in the editor$/ }).first();
  const href = await editorLink.getAttribute('href');
  expect(href).toMatch(/\/pathways\/[^/]+\/edit\?select=.+/);
  const target = decodeURIComponent(new URL(href!, page.url()).searchParams.get('select')!);
  await editorLink.click();
  await expect(page).toHaveURL(/\/edit\?select=/);
  expect(new URL(page.url()).searchParams.get('select')).toBe(target);
  // The editor arrives with what the finding names selected (and centred).
  await expect(page.getByTestId('editor-notice')).toHaveText(/^Selected (step|transition) “.+”\.$/);
});

test('a manager compares versions of COPD and sees its working copy scored now', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  await openSeededCopdScorecard(page);
  const table = page.getByRole('table', { name: 'Scores by version' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('img', { name: /Scores across 3 saved versions\. RCGP five tests: \d+% in version 1, \d+% in version 3/ })).toBeVisible();
  await page.getByLabel('Show scores of').selectOption('1');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByText(/Showing version 1, saved 10 March 2026/)).toBeVisible();
  await page.getByLabel('Show scores of').selectOption('working');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByText(/Showing the working copy, scored just now/)).toBeVisible();
  await expectAccessible(page, 'working copy scorecard');

  // A version the pathway does not have is named, with the versions it has; no PDF link to a failure.
  await page.goto(`${new URL(page.url()).pathname}?version=9`);
  await expect(page.getByTestId('missing-version')).toContainText('There is no version 9 of this pathway. Its saved versions are 1, 2 and 3.');
  await expect(page.getByLabel('Show scores of')).toHaveValue('');
  await expect(page.getByRole('link', { name: "Download this pathway's report (PDF)" })).toHaveCount(0);
  await expect(page).toHaveTitle(/, no version 9: scorecard – Pathweave$/);
  await expectAccessible(page, 'scorecard of a version that does not exist');
});

test('a manager reads what changed since the version before and why the score moved, and it passes axe', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  await openSeededCopdScorecard(page);
  // The latest version (3) against version 2: its note, who saved it, criteria in words, steps added.
  const changes = page.getByRole('region', { name: 'Changes since version 2' });
  await expect(changes).toBeVisible();
  await expect(changes).toContainText(/Version 3 was saved 5 October 2026 by .+\./);
  await expect(changes).toContainText('Note saved with version 3: After the second workshop');
  await expect(changes.getByRole('listitem').filter({ hasText: 'Home oxygen assessment by the hospital oxygen service' })).toBeVisible();
  await expect(changes.getByText('0 steps removed')).toBeVisible();
  const criteria = changes.getByRole('table', { name: 'Criteria whose result changed between version 2 and version 3' });
  if (await criteria.count()) {
    for (const cell of await criteria.getByRole('cell').allTextContents()) {
      expect(['Met', 'Partly met', 'Not met', 'Needs judgement', 'Better', 'Worse', 'Changed']).toContain(cell);
    }
  } else {
    await expect(changes.getByText('No criterion changed its result.')).toBeVisible();
  }
  // The trend table gives each version's note.
  const table = page.getByRole('table', { name: 'Scores by version' });
  await expect(table.getByRole('columnheader', { name: 'Note' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Version 1 .*First draft from the practice/ })).toBeVisible();
  await expectAccessible(page, 'pathway scorecard with changes since the version before');

  // Any version against the one before it: version 2 against version 1.
  await page.getByLabel('Show scores of').selectOption('2');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/version=2/);
  const earlier = page.getByRole('region', { name: 'Changes since version 1' });
  await expect(earlier).toContainText('Referral management centre screens the referral');
  await expect(earlier.getByText('2 steps removed')).toBeVisible();
  await expect(earlier.getByRole('table', { name: 'Criteria whose result changed between version 1 and version 2' })).toBeVisible();
  await expectAccessible(page, 'pathway scorecard of version 2 with changes since version 1');

  // The first version has none before it.
  await page.getByLabel('Show scores of').selectOption('1');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByTestId('version-changes')).toHaveCount(0);
});

test('a manager exports the scorecard as CSV and as PDF, and one pathway as PDF', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openScorecard(page);
  await page.getByLabel('Condition').selectOption('COPD');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/condition=COPD/);

  const csv = await downloaded(page, () => page.getByRole('link', { name: 'Download the scorecard as CSV' }).click());
  expect(csv.name).toMatch(/^scorecard-riverside-gp-cluster-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(csv.body.toString('utf8'));
  const header = rows[0]!;
  expect(header.slice(0, 4)).toEqual(['Pathway', 'Conditions', 'Status', 'Version']);
  expect(header).toContain("RCGP 1 (room's consensus)");
  expect(rows.length).toBeGreaterThanOrEqual(2);
  for (const r of rows.slice(1)) expect(r[header.indexOf('Conditions')]).toContain('COPD');
  // The seeded COPD is at version 3 (an imported copy of it, if the import test ran first, at 1).
  const copdRows = rows.filter((r) => r[0] === DEMO_COPD);
  expect(copdRows.map((r) => r[header.indexOf('Version')])).toContain('3');
  const copd = copdRows.find((r) => r[header.indexOf('Version')] === '3')!;
  expect(copd[header.indexOf('RCGP five tests: framework version')]).toBe('1.2.0');
  expect(copd[header.indexOf('RCGP five tests: score (%)')]).toMatch(/^\d+$/);
  expect(['Met', 'Partly met', 'Not met', 'Needs judgement']).toContain(copd[header.indexOf('RCGP 5 No diversion of funding from general practice (computed)')]);

  const report = await downloaded(page, () => page.getByRole('link', { name: 'Download the board report (PDF)' }).click());
  expect(report.body.subarray(0, 5).toString()).toBe('%PDF-');
  const r = await pdfText(report.body);
  expect(r.pages).toBeGreaterThanOrEqual(1);
  expect(r.text).toContain('Pathway scorecard: Riverside GP Cluster');
  expect(r.text).toMatch(/Produced on \d{1,2} \w+ \d{4} by Glen Mardle/);
  expect(r.text).toContain('Filtered to condition "COPD"');
  expect(r.text).toContain('RCGP five tests of integrated care, version 1.2.0');
  expect(r.text).toContain('Version 3, saved 5 October 2026');
  expect(r.text).not.toContain('Frailty: recognising');

  await openSeededCopdScorecard(page);
  const one = await downloaded(page, () => page.getByRole('link', { name: "Download this pathway's report (PDF)" }).click());
  const o = await pdfText(one.body);
  expect(o.pages).toBeGreaterThanOrEqual(2);
  expect(o.text).toContain('Pathway scorecard: COPD: breathlessness to long-term support');
  expect(o.text).toContain('Reports version 3, saved 5 October 2026');
  expect(o.text).toContain('National Voices principles of integrated care, version 1.2.0');
  expect(o.text).toContain('Findings, failing criteria first');
});

for (const email of ['patient@pathweave.test', 'outsider.gp@pathweave.test']) {
  test(`${email} gets "page not found" for the scorecard, its drill-down and its exports`, async ({ page }) => {
    await signIn(page, 'manager@pathweave.test');
    await openScorecard(page);
    const scorecardUrl = new URL(page.url()).pathname;
    await openSeededCopdScorecard(page);
    const detailUrl = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);

    await signIn(page, email);
    for (const url of [scorecardUrl, detailUrl]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
    // A download link opened in the browser: a page a person can read, the same as for a guessed address.
    for (const [url, guessed] of [
      [`${scorecardUrl}/csv`, '/w/no-such-workspace/scorecards/csv'],
      [`${scorecardUrl}/pdf`, '/w/no-such-workspace/scorecards/pdf'],
      [`${detailUrl}/pdf`, `${scorecardUrl}/no-such-pathway/pdf`],
    ] as const) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.getByText('We could not find that scorecard, or you do not have access to it.')).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to the Pathweave home page' })).toHaveAttribute('href', '/');
      const body = (await response?.text()) ?? '';
      expect(body).not.toMatch(/\n\s+at \S|Error:|node_modules/);
      const other = await page.request.get(guessed);
      expect(other.status(), guessed).toBe(404);
      expect(await other.text(), guessed).toBe(body);
    }
  });
}
