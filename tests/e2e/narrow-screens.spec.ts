// Narrow screens (WCAG 2.2 AA): at 320 CSS px wide nothing needs scrolling in two directions (1.4.10
// reflow), and every control offers a target of at least 24 by 24 px (2.5.8). The person's plan is read
// on phones, where the web of care is drawn as a stack; the editor's canvas may pan, but its details
// panel (the inspector) must fit.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasSettled, expectAccessible, hydrated, newBlankPathway, signIn, stepNode } from './support';

test.setTimeout(120_000);

const PHONE = { width: 320, height: 640 };

/** The page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `${label}: the page is no wider than the screen`).toBeLessThanOrEqual(widths.inner);
}

/**
 * Every visible control in `scope` lies wholly within the screen's width and the panel's, is at least
 * 24 px each way, and overlaps no other control.
 */
async function expectControlsFit(page: Page, scope: Locator, label: string) {
  const width = await page.evaluate(() => window.innerWidth);
  const boxes: { name: string; x: number; y: number; width: number; height: number }[] = [];
  for (const control of await scope.locator('input, select, textarea, button').all()) {
    if (!(await control.isVisible())) continue;
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    if (!box) continue;
    const name = await control.evaluate(
      (el) =>
        `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim() || el.id}”`,
    );
    const panel = (await scope.boundingBox())!;
    expect(box.x, `${label}: ${name} starts on the screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${label}: ${name} ends on the screen`).toBeLessThanOrEqual(width);
    expect(box.x, `${label}: ${name} starts inside the panel`).toBeGreaterThanOrEqual(panel.x);
    expect(box.x + box.width, `${label}: ${name} ends inside the panel`).toBeLessThanOrEqual(panel.x + panel.width);
    expect(box.width, `${label}: ${name} is at least 24 px wide`).toBeGreaterThanOrEqual(24);
    expect(box.height, `${label}: ${name} is at least 24 px tall`).toBeGreaterThanOrEqual(24);
    // In page coordinates, so boxes measured at different scroll positions can be compared.
    const scrollY = await page.evaluate(() => window.scrollY);
    boxes.push({ name, ...box, y: box.y + scrollY });
  }
  expect(boxes.length, `${label}: controls were measured`).toBeGreaterThan(3);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap =
        Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
        Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
      expect(overlap, `${label}: ${a.name} and ${b.name} do not overlap`).toBe(false);
    }
  }
  // Nor does anything inside the panel stick out of it.
  expect(
    await scope.evaluate((el) => el.scrollWidth <= el.clientWidth),
    `${label}: nothing runs past the panel's edge`,
  ).toBe(true);
}

test('the person’s plan on a 320px phone: the web of care is a stack of the same people, with no sideways scrolling', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'patient@pathweave.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'patient plan at 320px');

  const team = page.getByRole('region', { name: 'My care team' });
  // The picture gives way to the stack, which has a text alternative of its own.
  const stack = team.getByRole('img', { name: /^Web of care\. Arthur Pennock at the top, with \d+ people below/ });
  await expect(stack).toBeVisible();
  await expect(team.getByRole('img', { name: /^Web of care Arthur Pennock in the middle/ })).toHaveCount(0);
  await expect(team.locator('figcaption')).toHaveText(/you at the top and the people who help you below/);

  // The same people as the picture: everyone the text alternative names has a card, and no one else.
  const name = (await stack.getAttribute('aria-label')) ?? '';
  const count = Number(/with (\d+) people/.exec(name)?.[1]);
  const cards = stack.locator('.rounded-xl');
  await expect(cards).toHaveCount(count);
  for (const card of await cards.all()) {
    const who = (await card.locator('p').first().innerText()).trim();
    expect(name, `the text alternative names ${who}`).toContain(`${who} (`);
    // Each card says who, their role and their part of care, in words.
    await expect(card.locator('p')).toHaveCount(3);
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  // The care coordinator is joined by the thicker line and drawn with the thicker border.
  const coordinator = cards.filter({ hasText: 'Bea Lindqvist-Hart' });
  expect(await coordinator.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('6px');
  expect(await cards.filter({ hasText: 'June Pennock' }).evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe(
    '2px',
  );
  // No word smaller than 12px.
  const smallest = await stack.evaluate((el) =>
    Math.min(...Array.from(el.querySelectorAll('p')).map((p) => parseFloat(getComputedStyle(p).fontSize))),
  );
  expect(smallest).toBeGreaterThanOrEqual(12);
  await expectAccessible(page, 'patient plan at 320px');

  // Large text: still no sideways scrolling.
  const bigger = page.getByRole('button', { name: 'Make the text bigger' });
  await hydrated(bigger);
  await bigger.click();
  await expect(page.getByRole('button', { name: 'Make the text smaller' })).toBeVisible();
  await expect(stack).toBeVisible();
  await expectNoSidewaysScroll(page, 'patient plan at 320px with large text');
  await page.getByRole('button', { name: 'Make the text smaller' }).click();
  await expect(page.getByRole('button', { name: 'Make the text bigger' })).toBeVisible();

  // The printable plan on a phone shows the stack too; on paper it is the picture.
  await page.getByRole('link', { name: 'Printable plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Arthur Pennock' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'printable plan at 320px');
  await expect(page.getByRole('img', { name: /^Web of care\. Arthur Pennock at the top/ })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('img', { name: /^Web of care Arthur Pennock in the middle/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Web of care\. Arthur Pennock at the top/ })).toHaveCount(0);
  await page.emulateMedia({ media: 'screen' });

  // On a wide screen the picture is as it was, and the stack is gone.
  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await page.setViewportSize({ width: 1024, height: 800 });
  const wide = page.getByRole('region', { name: 'My care team' });
  await expect(wide.getByRole('img', { name: /^Web of care Arthur Pennock in the middle/ })).toBeVisible();
  await expect(wide.getByRole('img', { name: /^Web of care\. Arthur Pennock at the top/ })).toHaveCount(0);
  await expect(wide.locator('figcaption')).toHaveText(/you in the middle and the people who help you around you/);
  await expectNoSidewaysScroll(page, 'patient plan at 1024px');
});

test('the editor’s details panel on a 320px screen: every field fits, can be used, and is saved', async ({ page }) => {
  await signIn(page, 'gp@pathweave.test');
  const path = await newBlankPathway(page, 'Edited on a narrow screen');
  await page.setViewportSize(PHONE);
  await page.goto(path);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await canvasSettled(page);
  await expectNoSidewaysScroll(page, 'editor at 320px');

  // A step, with its longest choices showing: a lane with a long name, an outcome measure and GP workload.
  await stepNode(page, 'Person asks for help').click();
  const inspector = page.getByTestId('step-inspector');
  await expect(inspector).toBeVisible();
  await inspector.getByLabel('Move to lane').selectOption({ label: 'Voluntary and community sector' });
  await inspector.getByRole('button', { name: 'Add an outcome measure' }).click();
  await inspector.getByLabel('Measure 1: type').selectOption({ index: 1 });
  await inspector.getByLabel('This step moves work onto general practice').check();
  // A long word with no spaces (a pasted reference) wraps in the heading and the findings.
  const unbroken = `Referral${'x'.repeat(60)}`;
  await inspector.getByLabel('Title', { exact: true }).fill(unbroken);
  await expect(inspector.getByRole('heading', { level: 2 })).toContainText(unbroken);
  await expectControlsFit(page, inspector, 'step details at 320px');
  await expectNoSidewaysScroll(page, 'editor with a step selected at 320px');
  await expectAccessible(page, 'editor: step details at 320px');

  // The fields work: a title and why the step helps, saved and there after a reload.
  await inspector.getByLabel('Title', { exact: true }).fill('Asks the practice for help');
  await inspector.getByLabel('Measure 1: name').fill('COPD assessment test');
  await inspector.getByLabel('Why this step helps the person').fill('They are heard early, before a crisis');
  await expect(stepNode(page, 'Asks the practice for help')).toBeVisible();
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await page.reload();
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await canvasSettled(page);
  await stepNode(page, 'Asks the practice for help').click();
  await expect(inspector.getByLabel('Why this step helps the person')).toHaveValue(
    'They are heard early, before a crisis',
  );
  await expect(inspector.getByLabel('Measure 1: name')).toHaveValue('COPD assessment test');
  await expectNoSidewaysScroll(page, 'editor after a reload at 320px');

  // A transition's details.
  await page.locator('.react-flow__edge').first().click({ force: true });
  const transition = page.getByTestId('transition-inspector');
  await expect(transition).toBeVisible();
  await expectControlsFit(page, transition, 'transition details at 320px');
  await transition.getByLabel('Label (optional)').fill('Asks by phone');
  await expect(transition.getByLabel('Label (optional)')).toHaveValue('Asks by phone');

  // The pathway's own details, with a list field in use.
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const pathway = page.getByTestId('pathway-inspector');
  await expect(pathway).toBeVisible();
  await pathway.getByRole('button', { name: 'Add a condition' }).click();
  await pathway.getByLabel('Condition 1').fill('COPD');
  await expectControlsFit(page, pathway, 'pathway details at 320px');
  await expectNoSidewaysScroll(page, 'editor, pathway details at 320px');
  await expectAccessible(page, 'editor: pathway details at 320px');
});
