// The pathway editor in a real browser (issue 4, "Tests"): build a pathway by mouse and again by
// keyboard only, watch a finding appear and go once the step is fixed, validation as you type,
// save a version and compare two, a conflicting save, import and export, and axe in each state.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_COPD, canvasSettled, expectAccessible, hydrated, openDemoCopd, signIn } from './support';
import { generatePathway } from '../../lib/pathway/generate';
import { exportPathwayJson } from '../../lib/pathway/io';

test.setTimeout(120_000);

const FACILITATOR = 'gp@pathweave.test';

/** Open the editor of the demo COPD pathway and return its URL. */
async function openCopdEditor(page: Page): Promise<string> {
  await signIn(page, FACILITATOR);
  await openDemoCopd(page);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await hydrated(page.getByRole('tab', { name: 'File' }));
  return new URL(page.url()).pathname;
}

/** Create a blank pathway (an entry joined to an exit) from the editor's File panel, and open it. */
async function newBlankPathway(page: Page, title: string): Promise<string> {
  const copd = await openCopdEditor(page);
  await page.getByRole('tab', { name: 'File' }).click();
  await page.getByLabel('Start a new pathway from').selectOption({ label: 'A blank pathway (an entry and an exit)' });
  await page.getByLabel(/Title of the new pathway/).fill(title);
  await page.getByRole('button', { name: 'Create and open it' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/edit') && url.pathname !== copd);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  // The first fit of the view has run: a click now lands where the step is drawn.
  await canvasSettled(page);
  return new URL(page.url()).pathname;
}

/** A step on the canvas, by the start of its accessible name (its title). */
function stepNode(page: Page, title: string): Locator {
  return page.getByRole('group', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`) });
}

/** A step's title button in the outline view. */
function outlineTitle(outline: Locator, title: string): Locator {
  return outline.locator('.pw-outline-title', { hasText: title });
}

/** Whether the keyboard focus has dropped to the page (nothing, or <body>, has it). */
function focusIsOnPage(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === document.body || document.activeElement === null);
}

/** A step's row in the outline view. */
function outlineRow(outline: Locator, title: string): Locator {
  return outline.locator('.pw-outline-step', { has: outline.page().locator('.pw-outline-title', { hasText: title }) });
}

/** The field (label, hint, error and control) around the control labelled `label`, when it shows an error. */
function fieldWithError(scope: Locator, label: string): Locator {
  return scope.locator('.pw-field-error').filter({ has: scope.page().getByLabel(label, { exact: true }) });
}

/** Zoom out until the whole lane is on the canvas. */
async function showLane(page: Page, sector: string) {
  for (let i = 0; i < 8; i++) {
    const lane = await page.locator(`.pw-lane[data-sector="${sector}"]`).boundingBox();
    const canvas = await page.getByTestId('pathway-canvas').boundingBox();
    if (lane && canvas && lane.y >= canvas.y && lane.y + lane.height <= canvas.y + canvas.height - 8) return;
    const transform = () =>
      page.locator('.react-flow__viewport').evaluate((viewport) => (viewport as HTMLElement).style.transform);
    const before = await transform();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    // Until the zoom has moved and come to rest.
    let last = before;
    await expect
      .poll(async () => {
        const now = await transform();
        const resting = now !== before && now === last;
        last = now;
        return resting;
      }, { intervals: [100] })
      .toBe(true);
  }
  throw new Error(`the ${sector} lane is not on the canvas`);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The centre of a lane on the canvas, `dx` pixels from the canvas's left edge. */
async function lanePoint(page: Page, sector: string, dx: number): Promise<{ x: number; y: number }> {
  const lane = await page.locator(`.pw-lane[data-sector="${sector}"]`).boundingBox();
  const canvas = await page.getByTestId('pathway-canvas').boundingBox();
  if (!lane || !canvas) throw new Error('lane not visible');
  return { x: canvas.x + dx, y: lane.y + lane.height / 2 };
}

async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

test('a facilitator builds a small pathway from scratch with the mouse', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await newBlankPathway(page, 'Breathlessness, built by mouse');
  await expectAccessible(page, 'editor: canvas');

  // Drag an assessment from the palette into the community health lane.
  await showLane(page, 'community_health');
  const drop = await lanePoint(page, 'community_health', 420);
  const canvasBox = await page.getByTestId('pathway-canvas').boundingBox();
  await page
    .locator('.pw-palette-item[data-kind="assessment"]')
    .dragTo(page.getByTestId('pathway-canvas'), { targetPosition: { x: drop.x - (canvasBox?.x ?? 0), y: drop.y - (canvasBox?.y ?? 0) } });
  const assessment = stepNode(page, 'New assessment');
  await expect(assessment).toHaveAttribute('aria-label', /Assessment in Community health services/);
  // The new step is selected and its details are open.
  await expect(page.getByTestId('step-inspector')).toBeVisible();
  await expectAccessible(page, 'editor: step inspector open');

  // Connect the entry step to it by dragging from handle to handle.
  const entry = stepNode(page, 'Person asks for help');
  await dragMouse(page, await centre(entry.locator('.react-flow__handle-right')), await centre(assessment.locator('.react-flow__handle-left')));
  await expect(page.getByTestId('transition-inspector')).toBeVisible();
  await expect(page.getByTestId('transition-inspector').getByRole('heading', { level: 2 })).toContainText('Person asks for help → New assessment');
  // A new connection says nothing travels yet: a dashed line with a warning in words, until the room decides.
  const edge = page.locator('[aria-roledescription="edge"][aria-label^="From “Person asks for help” to “New assessment”"]');
  await expect(edge).toHaveAttribute('aria-label', /Warning: no information passed on/);
  const edgeId = await edge.getAttribute('data-id');
  const label = page.locator(`.pw-edge-label[data-edge="${edgeId}"]`);
  await expect(label).toHaveClass(/pw-edge-label-none/);
  await expect(label).toContainText('No information passed on');
  await expect(edge.locator('.react-flow__edge-path')).toHaveCSS('stroke-dasharray', /\d/);
  await expectAccessible(page, 'editor: transition inspector open');
  await page.getByRole('radio', { name: 'Letter' }).click();
  await expect(page.getByRole('radio', { name: 'Letter' })).toBeChecked();
  await expect(edge).toHaveAttribute('aria-label', /Information: Letter\./);
  // Primary care to community health crosses a fault line: still marked, in words, not by colour alone.
  await expect(label).not.toHaveClass(/pw-edge-label-none/);
  await expect(label).toContainText('Crosses a fault line');

  // Drag the assessment down into the hospital lane: its sector changes.
  await showLane(page, 'secondary_care');
  const target = await lanePoint(page, 'secondary_care', 420);
  await dragMouse(page, await centre(assessment.locator('.pw-step-title')), target);
  await expect(assessment).toHaveAttribute('aria-label', /Assessment in Hospital \(secondary\) care/);
  await expect(page.getByTestId('editor-notice')).toContainText('Moved “New assessment” to Hospital (secondary) care');

  // Add a referral with a click on the palette (into the lane chosen above it), then delete it.
  await page.getByLabel('Lane for the buttons').selectOption({ label: 'Social care' });
  await page.getByRole('button', { name: 'Add referral to Social care' }).click();
  await expect(stepNode(page, 'New referral')).toHaveAttribute('aria-label', /Referral in Social care/);
  await page.getByRole('button', { name: 'Delete step' }).click();
  await expect(stepNode(page, 'New referral')).toHaveCount(0);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(stepNode(page, 'New referral')).toHaveCount(1);
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(stepNode(page, 'New referral')).toHaveCount(0);

  // Auto-arrange keeps every step in its lane and puts the entry before what follows it.
  await page.getByRole('button', { name: 'Auto-arrange steps' }).click();
  await expect(page.getByTestId('editor-notice')).toContainText('Steps arranged in their lanes');
  await expect(assessment).toHaveAttribute('aria-label', /Hospital \(secondary\) care/);
  await expect(entry).toHaveAttribute('aria-label', /Entry in Primary care/);
  expect((await centre(entry)).x).toBeLessThan((await centre(assessment)).x);

  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');

  // After a reload the saved pathway is the one built: three steps, the assessment in hospital care,
  // reached by a letter.
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(stepNode(page, 'New assessment')).toHaveAttribute('aria-label', /Hospital \(secondary\) care/);
  await hydrated(page.getByRole('tab', { name: 'Outline' }));
  await page.getByRole('tab', { name: 'Outline' }).click();
  const hospital = page.locator('.pw-outline-lane[data-sector="secondary_care"]');
  await expect(outlineTitle(hospital, 'New assessment')).toBeVisible();
  const primary = page.locator('.pw-outline-lane[data-sector="primary_care"]');
  await expect(primary.getByRole('list', { name: /after “Person asks for help”/ })).toContainText('New assessment');
  await expect(primary.getByRole('list', { name: /after “Person asks for help”/ })).toContainText('Letter');
  await expectAccessible(page, 'editor: outline');
});

test('the same pathway can be built with the keyboard only', async ({ page }) => {
  await newBlankPathway(page, 'Breathlessness, built by keyboard');
  // From here on: focus, typing, choosing from lists and keys; no clicks.
  const outlineTab = page.getByRole('tab', { name: 'Outline' });
  await page.getByRole('tab', { name: 'Canvas' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(outlineTab).toHaveAttribute('aria-selected', 'true');
  const outline = page.getByTestId('outline');

  // Add two steps by choosing kind and lane.
  const add = async (kind: string, lane: string, title: string) => {
    await outline.getByLabel('Kind of step').selectOption({ label: kind });
    await outline.getByLabel('Lane (sector)').selectOption({ label: lane });
    await outline.getByLabel('Title (optional)').fill(title);
    await outline.getByRole('button', { name: 'Add step' }).press('Enter');
    await expect(outlineTitle(outline, title)).toBeVisible();
  };
  await add('Assessment', 'Community health services', 'Breathing test at home');
  await add('Referral', 'Primary care', 'Referral to the respiratory team');

  // Connect the entry to the breathing test, saying how information travels.
  await outline.getByLabel('From step').selectOption({ label: 'Person asks for help (Primary care)' });
  await outline.getByLabel('To step').selectOption({ label: 'Breathing test at home (Community health services)' });
  await outline.getByLabel('How information travels').selectOption({ label: 'Shared record' });
  await outline.getByRole('button', { name: 'Connect', exact: true }).press('Enter');
  await expect(page.getByTestId('editor-notice')).toContainText('Connected “Person asks for help” to “Breathing test at home”');
  const entryRow = outlineRow(outline, 'Person asks for help');
  await expect(entryRow.getByRole('list', { name: /after “Person asks for help”/ })).toContainText('Breathing test at home');
  // Every button, list and link in the outline is a target at least 24 pixels tall (WCAG 2.2, 2.5.8).
  const small = await outline.locator('button, select, a').evaluateAll((targets) =>
    targets
      .filter((t) => t.getClientRects().length > 0)
      .map((t) => ({ name: t.textContent?.trim(), height: t.getBoundingClientRect().height }))
      .filter((t) => t.height < 24),
  );
  expect(small).toEqual([]);
  await expect(entryRow.getByRole('list', { name: /after “Person asks for help”/ })).toContainText('Shared record');

  // Move the breathing test to the hospital lane.
  const testRow = outlineRow(outline, 'Breathing test at home');
  await testRow.getByLabel('Lane to move “Breathing test at home” to').selectOption({ label: 'Hospital (secondary) care' });
  await testRow.getByRole('button', { name: /Move to lane/ }).press('Enter');
  await expect(outline.locator('.pw-outline-lane[data-sector="secondary_care"]')).toContainText('Breathing test at home');
  await expect(outline.locator('.pw-outline-lane[data-sector="community_health"]')).toContainText('no steps');
  // Its row is now in another lane, and the focus with it, on the step's title.
  await expect(outlineTitle(outline, 'Breathing test at home')).toBeFocused();
  await expect.poll(() => focusIsOnPage(page)).toBe(false);

  // Reorder within primary care: the referral moves earlier, before the exit.
  const primarySteps = outline.locator('.pw-outline-lane[data-sector="primary_care"] .pw-outline-title');
  await expect(primarySteps).toHaveText([/Person asks for help/, /Leaves the pathway/, /Referral to the respiratory team/]);
  const referralRow = outlineRow(outline, 'Referral to the respiratory team');
  await referralRow.getByRole('button', { name: /^Earlier/ }).press('Enter');
  await expect(primarySteps).toHaveText([/Person asks for help/, /Referral to the respiratory team/, /Leaves the pathway/]);
  // Later, and back: the row moves in the page, and the Later button (now off, at the end of the
  // lane) keeps the focus.
  const later = referralRow.getByRole('button', { name: /^Later/ });
  await later.press('Enter');
  await expect(primarySteps).toHaveText([/Person asks for help/, /Leaves the pathway/, /Referral to the respiratory team/]);
  await expect(later).toBeFocused();
  await expect(later).toHaveAttribute('aria-disabled', 'true');
  await expect.poll(() => focusIsOnPage(page)).toBe(false);
  await referralRow.getByRole('button', { name: /^Earlier/ }).press('Enter');
  await expect(primarySteps).toHaveText([/Person asks for help/, /Referral to the respiratory team/, /Leaves the pathway/]);

  // Deleting a transition from the outline leaves the focus on its step's title; undo brings it back.
  const entryAfter = entryRow.getByRole('list', { name: /after “Person asks for help”/ });
  await expect(entryAfter.getByRole('listitem')).toHaveCount(2);
  await entryAfter.getByRole('button', { name: /^Delete the transition from “Person asks for help” to “Leaves the pathway”/ }).press('Enter');
  await expect(entryAfter.getByRole('listitem')).toHaveCount(1);
  await expect(outlineTitle(outline, 'Person asks for help')).toBeFocused();
  await expect.poll(() => focusIsOnPage(page)).toBe(false);
  await page.keyboard.press('Control+z');
  await expect(entryAfter.getByRole('listitem')).toHaveCount(2);

  // Delete the referral, undo with Control+Z, redo with Control+Shift+Z, undo again.
  await referralRow.getByRole('button', { name: 'Delete (Referral to the respiratory team)' }).press('Enter');
  await expect(primarySteps).toHaveCount(2);
  await page.getByRole('button', { name: /^Undo/ }).focus();
  await page.keyboard.press('Control+z');
  await expect(primarySteps).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(primarySteps).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(primarySteps).toHaveText([/Person asks for help/, /Referral to the respiratory team/, /Leaves the pathway/]);

  // Edit a field from the outline: choose the step's title (Enter), and the inspector has it.
  await outlineTitle(outline, 'Breathing test at home').press('Enter');
  const inspector = page.getByTestId('step-inspector');
  await expect(inspector).toBeVisible();
  await inspector.getByLabel('Why this step helps the person').fill('Finds out how well the lungs work, at home');
  await expect(inspector.getByLabel('Why this step helps the person')).toHaveValue('Finds out how well the lungs work, at home');
  // The title is a toggle button: pressed again, it lets go of the step and the details close.
  const breathing = outlineTitle(outline, 'Breathing test at home');
  await expect(breathing).toHaveAttribute('aria-pressed', 'true');
  await breathing.press('Enter');
  await expect(breathing).toHaveAttribute('aria-pressed', 'false');
  await expect(inspector).toBeHidden();
  await expect(page.getByTestId('pathway-inspector')).toBeVisible();
  await breathing.press('Enter');
  await expect(inspector).toBeVisible();

  // Move it to another lane from its details, and back: the Move button is off once the step is in
  // the chosen lane, and keeps the focus.
  const moveFromInspector = inspector.getByRole('button', { name: /^Move “Breathing test at home” to/ });
  await inspector.getByRole('combobox', { name: 'Move to lane' }).selectOption({ label: 'Community health services' });
  await moveFromInspector.press('Enter');
  await expect(outline.locator('.pw-outline-lane[data-sector="community_health"]')).toContainText('Breathing test at home');
  await expect(moveFromInspector).toBeFocused();
  await expect(moveFromInspector).toHaveAttribute('aria-disabled', 'true');
  await expect.poll(() => focusIsOnPage(page)).toBe(false);
  await inspector.getByRole('combobox', { name: 'Move to lane' }).selectOption({ label: 'Hospital (secondary) care' });
  await moveFromInspector.press('Enter');
  await expect(outline.locator('.pw-outline-lane[data-sector="secondary_care"]')).toContainText('Breathing test at home');
  await expect(moveFromInspector).toBeFocused();

  // A connection in the step's details opens the transition's: the focus goes to its heading.
  await inspector.getByRole('button', { name: 'From “Person asks for help”' }).press('Enter');
  const transitionHeading = page.getByTestId('transition-inspector').getByRole('heading', { level: 2 });
  await expect(transitionHeading).toContainText('Person asks for help → Breathing test at home');
  await expect(transitionHeading).toBeFocused();
  await expect.poll(() => focusIsOnPage(page)).toBe(false);

  // On the canvas, a step is reached with Tab, selected with Enter, and moved between lanes with Alt+arrows.
  await page.getByRole('tab', { name: 'Outline' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Canvas' })).toHaveAttribute('aria-selected', 'true');
  const node = stepNode(page, 'Referral to the respiratory team');
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-inspector').getByRole('heading', { level: 2 })).toContainText('Referral to the respiratory team');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(node).toHaveAttribute('aria-label', /Referral in Community health services/);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(node).toHaveAttribute('aria-label', /Referral in Primary care/);

  // Save with Control+S.
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(stepNode(page, 'Breathing test at home')).toHaveAttribute('aria-label', /Hospital \(secondary\) care/);
});

test('a step reached with Tab is never left hidden under the panels on the canvas', async ({ page }) => {
  // Tall enough that the whole canvas is on the screen.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await openCopdEditor(page);
  await canvasSettled(page);
  const canvas = page.getByTestId('pathway-canvas');
  // The key to shapes and lines, opened, hangs over the top right of the canvas.
  await canvas.getByText('Key to shapes and lines').click();
  const panel = canvas.locator('.pw-canvas-panel');
  const nodes = canvas.locator('.react-flow__node');
  // Whether the middle of the k-th step shows, or something (the key) covers it.
  const centreShows = (k: number) =>
    nodes.nth(k).evaluate((node) => {
      const r = node.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== null && node.contains(hit);
    });
  // Set-up, with the mouse: drag an empty part of the canvas sideways so a step at the key's height
  // sits under it.
  const setUp = await panel.evaluate((key) => {
    const canvasEl = key.closest('[data-testid="pathway-canvas"]') as HTMLElement;
    const c = canvasEl.getBoundingClientRect();
    const p = key.getBoundingClientRect();
    const all = [...canvasEl.querySelectorAll<HTMLElement>('.react-flow__node')];
    const k = all.findIndex((n) => {
      const r = n.getBoundingClientRect();
      const y = r.top + r.height / 2;
      return y > p.top + 10 && y < p.bottom - 10;
    });
    if (k < 0) throw new Error('no step at the height of the key');
    const r = all[k]!.getBoundingClientRect();
    for (let y = c.top + 10; y < c.bottom; y += 15) {
      for (let x = c.left + 10; x < p.left - 20; x += 15) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) {
          return { k, from: { x, y }, by: p.left + p.width / 2 - (r.left + r.width / 2) };
        }
      }
    }
    throw new Error('no empty part of the canvas to drag');
  });
  await page.mouse.move(setUp.from.x, setUp.from.y);
  await page.mouse.down();
  await page.mouse.move(setUp.from.x + setUp.by, setUp.from.y, { steps: 8 });
  await page.mouse.up();
  expect(await centreShows(setUp.k)).toBe(false);

  // From the step before it (or after, for the first), Tab (or Shift+Tab) onto it: the canvas moves to show it.
  const from = setUp.k > 0 ? setUp.k - 1 : 1;
  await nodes.nth(from).focus();
  await page.keyboard.press(setUp.k > 0 ? 'Tab' : 'Shift+Tab');
  await expect(nodes.nth(setUp.k)).toBeFocused();
  await expect.poll(() => centreShows(setUp.k)).toBe(true);
});

test('canvas keys act on the focused step only, and never drop the focus to the page', async ({ page }) => {
  await newBlankPathway(page, 'Keyboard safety on the canvas');
  const entry = stepNode(page, 'Person asks for help');
  const exit = stepNode(page, 'Leaves the pathway');
  // Transitions are not Tab stops (they all came before the first step); they are named pictures.
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[tabindex]')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveAttribute('role', 'img');

  // Alt+ArrowRight moves the focused step later in its lane. The steps' nodes follow the document's
  // order, so the step's node moves in the page: the focus stays on it all the same.
  await entry.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByTestId('editor-notice')).toContainText('Moved “Person asks for help” later.');
  await expect(entry).toBeFocused();
  await expect.poll(() => focusIsOnPage(page)).toBe(false);

  // Backspace on a button elsewhere, with a step selected, deletes nothing.
  await entry.click();
  await expect(page.getByTestId('step-inspector').getByRole('heading', { level: 2 })).toContainText('Person asks for help');
  await page.getByRole('button', { name: 'Save', exact: true }).focus();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Alt+arrow moves the step that has the focus, not the one selected before.
  await exit.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(exit).toHaveAttribute('aria-label', /in Community health services/);
  await expect(entry).toHaveAttribute('aria-label', /in Primary care/);

  // Arrow-key nudges of one step are one undo step, as one drag is.
  await page.keyboard.press('Enter');
  const transformOf = () => exit.evaluate((el) => (el as HTMLElement).style.transform);
  const beforeNudges = await transformOf();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(transformOf).not.toBe(beforeNudges);
  await page.keyboard.press('Control+z');
  await expect.poll(transformOf).toBe(beforeNudges);
  await expect(exit).toHaveAttribute('aria-label', /in Community health services/);

  // Escape clears the selection and keeps the focus on the step.
  await page.keyboard.press('Escape');
  await expect(exit).toBeFocused();

  // Delete on the only exit is refused, with the reason.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: 'This is the only exit step.' })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Delete on a focused step deletes it, says so, and the focus stays on the canvas.
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await stepNode(page, 'New outcome').focus();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.getByTestId('editor-notice')).toContainText('Deleted the step. Press Control and Z to undo.');
  await expect.poll(() => focusIsOnPage(page)).toBe(false);

  // Undo until there is nothing left: the button says so but keeps the focus.
  const undo = page.getByRole('button', { name: /^Undo/ });
  await undo.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(exit).toHaveAttribute('aria-label', /in Primary care/);
  await expect(undo).toHaveAttribute('aria-disabled', 'true');
  await expect(undo).toBeFocused();
  await expectAccessible(page, 'editor: nothing left to undo');

  // Save with Enter: the button is off while it saves, yet keeps the focus.
  const save = page.getByRole('button', { name: /^Sav(e|ing…)$/ });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await expect(save).toHaveText('Save');
  await expect(save).toBeFocused();
  await expect.poll(() => focusIsOnPage(page)).toBe(false);

  // "Go to step" takes the focus to the step; the score chip takes it to the scores.
  await page.getByLabel('Find a step').selectOption({ label: 'Leaves the pathway (Primary care)' });
  await page.getByRole('button', { name: 'Go to step' }).press('Enter');
  await expect(exit).toBeFocused();
  await page.getByRole('button', { name: /open findings: show scores/ }).press('Enter');
  await expect(page.locator('#side-panel-scores')).toBeFocused();
});

test('“Go to step” on a large pathway takes the focus to a step that was out of view, once it is drawn', async ({ page }) => {
  await newBlankPathway(page, `Large pathway ${Date.now()}`);
  // Over 100 steps: the canvas draws only the steps in view (onlyRenderVisibleElements).
  const large = generatePathway({ steps: 150, seed: 5, layout: true });
  const [far] = Object.entries(large.layout ?? {}).sort(([, a], [, b]) => b.x - a.x)[0] ?? [];
  if (!far) throw new Error('the generated pathway has a layout');
  await page.getByRole('tab', { name: 'File' }).click();
  const file = page.getByTestId('file-panel');
  await file
    .getByLabel('Choose a pathway file (JSON)')
    .setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(exportPathwayJson(large)) });
  await expect(file.getByRole('status')).toContainText('Imported “large.json”: 150 steps');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  // Opened afresh, the canvas shows the start of the pathway: the rightmost step is not drawn.
  await page.reload();
  await canvasSettled(page);
  const node = page.locator(`.react-flow__node[data-id="${far}"]`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(node).toHaveCount(0);

  const go = page.getByRole('button', { name: 'Go to step' });
  await hydrated(go);
  await page.getByLabel('Find a step').selectOption(far);
  await go.press('Enter');
  await expect(node).toBeFocused();
  await expect(node).toHaveClass(/selected/);
  await expect(page.getByTestId('step-inspector')).toBeVisible();
  // The focus is on the step, so the next key acts on it: Escape clears the selection, the focus stays.
  await page.keyboard.press('Escape');
  await expect(node).not.toHaveClass(/selected/);
  await expect(node).toBeFocused();
});

test('a finding appears on a step, and goes once the step is fixed', async ({ page }) => {
  await newBlankPathway(page, 'Findings come and go');
  await page.getByRole('tab', { name: /^Scores/ }).click();
  const scores = page.getByTestId('scores-panel');
  const finding = scores.getByRole('button', { name: /Spirometry at the practice/ });
  await expect(finding).toHaveCount(0);

  // A new step that does not say how it helps the person is a National Voices finding.
  await page.getByLabel('Lane for the buttons').selectOption({ label: 'Primary care' });
  await page.getByRole('button', { name: 'Add assessment to Primary care' }).click();
  const inspector = page.getByTestId('step-inspector');
  await inspector.getByLabel('Title', { exact: true }).fill('Spirometry at the practice');
  await expect(stepNode(page, 'Spirometry at the practice')).toBeVisible();
  // Both the step's badge and the scores panel show it, at once.
  await expect(stepNode(page, 'Spirometry at the practice')).toHaveAttribute('aria-label', /\d+ open findings?\./);
  const badge = stepNode(page, 'Spirometry at the practice').locator('.pw-step-badge');
  await expect(badge).toBeVisible();
  const before = Number(await badge.innerText());
  await page.getByRole('tab', { name: /^Scores/ }).click();
  await expect(finding.filter({ hasText: 'does not say how it helps the person' })).toHaveCount(1);
  await expectAccessible(page, 'editor: scores panel');

  // Choosing the finding selects the step and centres it; its details show the same finding.
  await finding.filter({ hasText: 'does not say how it helps the person' }).click();
  await expect(stepNode(page, 'Spirometry at the practice')).toHaveClass(/selected/);
  await expect(async () => {
    const node = await centre(stepNode(page, 'Spirometry at the practice'));
    const canvas = await centre(page.getByTestId('pathway-canvas'));
    expect(Math.abs(node.x - canvas.x)).toBeLessThan(40);
    expect(Math.abs(node.y - canvas.y)).toBeLessThan(40);
  }).toPass();

  // Fix it: say how the step helps. The finding and one badge count go.
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(inspector.getByRole('note', { name: 'Open findings' })).toContainText('does not say how it helps the person');
  await inspector.getByLabel('Why this step helps the person').fill('A proper breathing test, so the diagnosis is right');
  await expect(inspector.getByText('does not say how it helps the person')).toHaveCount(0);
  if (before > 1) await expect(badge).toHaveText(String(before - 1));
  else await expect(badge).toHaveCount(0);
  await page.getByRole('tab', { name: /^Scores/ }).click();
  await expect(finding.filter({ hasText: 'does not say how it helps the person' })).toHaveCount(0);
});

test('the scores say when some people stop at a step that is not an exit, and stop saying it once every route is counted', async ({ page }) => {
  await newBlankPathway(page, 'Routes that stop short');
  // The only route out of the entry, taken by 3 in 10 people: the other 7 in 10 go nowhere.
  await page.locator('.react-flow__edge').first().click({ force: true });
  const transition = page.getByTestId('transition-inspector');
  await transition.getByLabel('Expected wait in days (optional)').fill('10');
  await transition.getByLabel('Share of people who take this route (optional)').fill('0.3');
  await page.getByRole('tab', { name: /^Scores/ }).click();
  const figures = page.getByTestId('journey-figures');
  await expect(figures.locator('.pw-figure', { hasText: 'People who stop before an exit' })).toContainText('70%');
  // The days count only the 3 in 10 who go on, so they are a lower bound, and say so.
  await expect(figures.locator('.pw-figure', { hasText: 'Expected days on the pathway' })).toContainText('3 or more');
  await expect(page.getByTestId('ending-outside-exits')).toContainText('70% of people stop at a step that is not an exit');
  await expectAccessible(page, 'editor: scores panel with people stopping before an exit');

  // Everyone takes the route: the warning goes and the days are exact.
  await page.getByRole('tab', { name: 'Details' }).click();
  await transition.getByLabel('Share of people who take this route (optional)').fill('1');
  await page.getByRole('tab', { name: /^Scores/ }).click();
  await expect(figures.locator('.pw-figure', { hasText: 'Expected days on the pathway' })).toContainText('10');
  await expect(figures.locator('.pw-figure', { hasText: 'Expected days on the pathway' })).not.toContainText('or more');
  await expect(figures.locator('.pw-figure', { hasText: 'People who stop before an exit' })).toHaveCount(0);
  await expect(page.getByTestId('ending-outside-exits')).toHaveCount(0);
});

test('fields validate as you type and keep what was typed', async ({ page }) => {
  await newBlankPathway(page, 'Validation as you type');
  await stepNode(page, 'Person asks for help').click();
  const inspector = page.getByTestId('step-inspector');
  const title = inspector.getByLabel('Title', { exact: true });
  await title.fill('');
  // The error sits beside the field, in words, and the field keeps the (empty) value typed.
  await expect(fieldWithError(inspector, 'Title')).toContainText('Error: Title must not be empty');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveValue('');
  // The document was not changed: the step keeps its old title.
  await expect(stepNode(page, 'Person asks for help')).toBeVisible();
  await expectAccessible(page, 'editor: field with an error');
  await title.fill('Person asks the practice for help');
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await expect(stepNode(page, 'Person asks the practice for help')).toBeVisible();

  // Numbers: text that is not a number stays in the field with its error.
  await page.locator('.react-flow__edge').first().click({ force: true });
  const transition = page.getByTestId('transition-inspector');
  await expect(transition).toBeVisible();
  const wait = transition.getByLabel('Expected wait in days (optional)');
  await wait.fill('two weeks');
  await expect(fieldWithError(transition, 'Expected wait in days (optional)')).toContainText('Error: Expected wait in days should be a number');
  await expect(wait).toHaveValue('two weeks');
  await wait.fill('14');
  await expect(wait).not.toHaveAttribute('aria-invalid', 'true');
  const share = transition.getByLabel('Share of people who take this route (optional)');
  await share.fill('1.5');
  await expect(fieldWithError(transition, 'Share of people who take this route (optional)')).toContainText('between 0 and 1');

  // Pathway details (nothing selected): a review date must be a real date.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const details = page.getByTestId('pathway-inspector');
  const review = details.getByLabel('Review date');
  await review.fill('next June');
  await expect(fieldWithError(details, 'Review date')).toContainText('Error: Review date must be a date written YYYY-MM-DD');
  await review.fill('2027-06-30');
  await expect(review).not.toHaveAttribute('aria-invalid', 'true');
  await details.getByLabel('Sponsor’s name').fill('Riverside commissioning team');
  await expect(fieldWithError(details, 'Sponsor’s role')).toContainText('Choose sponsor’s role');
  await details.getByLabel('Sponsor’s role').selectOption({ label: 'Commissioner' });
  await expect(details.locator('.pw-field-error')).toHaveCount(0);
  await expectAccessible(page, 'editor: pathway details');
});

test('a value typed in the details that is not allowed is kept when another step is chosen, counts as unsaved, and Save names it', async ({ page }) => {
  await newBlankPathway(page, `Typed values are kept ${Date.now()}`);
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toHaveText('No unsaved changes');
  const edge = page.locator('.react-flow__edge').first();
  await edge.click({ force: true });
  const transition = page.getByTestId('transition-inspector');
  const shareLabel = 'Share of people who take this route (optional)';
  const share = transition.getByLabel(shareLabel);
  const why = 'Share of people who take this route should be a number, but it is the text "0,5". Use a full stop for decimals, for example 0.5.';
  await share.fill('0,5');
  await expect(fieldWithError(transition, shareLabel)).toContainText(why);
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');

  // Another step chosen: the transition's panel gives way, and the value typed is still counted.
  await stepNode(page, 'Person asks for help').click();
  await expect(page.getByTestId('step-inspector')).toBeVisible();
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  // Leaving the page asks first (and staying keeps everything).
  const leaving = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await leaving;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // Back on the transition: the text typed and its error are there again.
  await edge.click({ force: true });
  await expect(share).toHaveValue('0,5');
  await expect(share).toHaveAttribute('aria-invalid', 'true');
  await expect(fieldWithError(transition, shareLabel)).toContainText(why);

  // Save version refuses, saying what and where; the note stays.
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByTestId('versions-panel');
  const note = versions.getByLabel('Note for a new version');
  await note.fill('Half of people go on');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByRole('alert')).toContainText(
    'The version was not saved: “0,5”, typed in “Share of people who take this route” on the transition “Person asks for help → Leaves the pathway”, is not allowed.',
  );
  await expect(versions.getByText('No versions saved yet.')).toBeVisible();
  await expect(note).toHaveValue('Half of people go on');
  await expect(page.getByTestId('typed-values-summary')).toContainText('The version was not saved, because this value you typed is not allowed:');
  await expectAccessible(page, 'editor: Save version refused for a value typed that is not allowed');

  // Save, with a valid change made meanwhile: that is saved, and the list says which value is not,
  // where it is, what was typed and what is allowed. It takes the focus.
  await stepNode(page, 'Person asks for help').click();
  await page.getByTestId('step-inspector').getByLabel('Title', { exact: true }).fill('Person asks the practice for help');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const summary = page.getByTestId('typed-values-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(/Your other changes were saved at \d\d:\d\d, but this value you typed is not allowed/);
  await expect(summary).toContainText(
    `Share of people who take this route on the transition “Person asks the practice for help → Leaves the pathway”: you typed “0,5”. ${why}`,
  );
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await expectAccessible(page, 'editor: Save names a value typed that is not allowed');

  // It is read out once, as it takes the focus, and is not a live region: correcting the value,
  // which is still not allowed as the person types, does not read the list out again with each key.
  await expect(summary).toHaveAttribute('role', 'region');
  await expect(summary).not.toHaveAttribute('aria-live');
  await expect(summary.locator('[role="alert"], [aria-live]')).toHaveCount(0);
  const listed = await summary.textContent();
  // Its link goes to the box, with the transition chosen.
  await summary.getByRole('button', { name: /^Share of people who take this route on the transition/ }).click();
  await expect(share).toBeFocused();
  await expect(share).toHaveValue('0,5');
  await share.press('End');
  await share.pressSequentially('55');
  await expect(share).toHaveValue('0,555');
  await expect(fieldWithError(transition, shareLabel)).toContainText('the text "0,555"');
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  expect(await summary.textContent()).toBe(listed);
  // Corrected: nothing left to correct, and the next Save stores it.
  await share.fill('0.5');
  await expect(share).not.toHaveAttribute('aria-invalid', 'true');
  await expect(summary).toHaveCount(0);
  await expect(saveState).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveState).toContainText('All changes saved');
  await page.reload();
  await canvasSettled(page);
  await page.locator('.react-flow__edge').first().click({ force: true });
  await expect(page.getByTestId('transition-inspector').getByLabel(shareLabel)).toHaveValue('0.5');
});

test('Escape puts back what a field said; a deleted step takes the values typed in it along, and undo brings them back', async ({ page }) => {
  await newBlankPathway(page, `Typed values put back ${Date.now()}`);
  const saveState = page.getByTestId('save-state');
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  // Added beyond the right edge of the canvas, the step is brought into view, whole.
  await expect(stepNode(page, 'New outcome')).toBeInViewport({ ratio: 1 });
  const inspector = page.getByTestId('step-inspector');
  const title = inspector.getByLabel('Title', { exact: true });
  await title.fill('');
  await expect(fieldWithError(inspector, 'Title')).toContainText('Title must not be empty');
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await title.press('Escape');
  await expect(title).toHaveValue('New outcome');
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await expect(title).toBeFocused();
  await expect(page.getByTestId('editor-notice')).toContainText('“Title” is back to what it said before.');
  await expect(saveState).toHaveText('Unsaved changes');

  await title.fill('');
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await inspector.getByRole('button', { name: 'Delete step' }).click();
  await expect(stepNode(page, 'New outcome')).toHaveCount(0);
  await expect(saveState).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await stepNode(page, 'New outcome').click();
  await expect(title).toHaveValue('');
  await expect(fieldWithError(inspector, 'Title')).toContainText('Title must not be empty');
});

test('the pathway’s lists and its sponsor keep what was typed when a step is chosen; it counts as unsaved, and Save names it', async ({ page }) => {
  await newBlankPathway(page, `Typed lists are kept ${Date.now()}`);
  const saveState = page.getByTestId('save-state');
  const details = page.getByTestId('pathway-inspector');
  const conditions = details.getByRole('group', { name: 'Conditions' });
  const stored = await conditions.getByRole('textbox').count();
  const empty = `Condition ${stored + 1}`;
  const typed = `Condition ${stored + 2}`;
  // Two conditions added; the second typed, the first left empty (so neither is in the pathway yet).
  await conditions.getByRole('button', { name: 'Add a condition' }).click();
  await conditions.getByRole('button', { name: 'Add a condition' }).click();
  await conditions.getByLabel(typed, { exact: true }).fill('Asthma');
  await expect(fieldWithError(conditions, empty)).toContainText(`Error: Condition item ${stored + 1} must not be empty.`);
  // A sponsor's name without a role.
  await details.getByLabel('Sponsor’s name').fill('Riverside commissioning team');
  await expect(fieldWithError(details, 'Sponsor’s role')).toContainText('Choose sponsor’s role');
  await expect(saveState).toHaveText('Unsaved changes: 2 values to correct');

  // A step chosen: the pathway's details give way, and what was typed there still counts.
  await stepNode(page, 'Person asks for help').click();
  await expect(page.getByTestId('step-inspector')).toBeVisible();
  await expect(details).toHaveCount(0);
  await expect(saveState).toHaveText('Unsaved changes: 2 values to correct');

  // Back on the pathway's details: all of it is there again, with its errors.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(conditions.getByLabel(typed, { exact: true })).toHaveValue('Asthma');
  await expect(conditions.getByLabel(empty, { exact: true })).toHaveValue('');
  await expect(conditions.getByLabel(empty, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(fieldWithError(conditions, empty)).toContainText(`must not be empty`);
  await expect(details.getByLabel('Sponsor’s name')).toHaveValue('Riverside commissioning team');
  await expect(fieldWithError(details, 'Sponsor’s role')).toContainText('Choose sponsor’s role');
  await expectAccessible(page, 'editor: pathway details showing list items and a sponsor kept from before');

  // The page is closed (or crashes) before they are corrected: they are kept in this browser with
  // the rest, offered back, and restored into their boxes, errors and all.
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.entries(window.localStorage)
          .filter(([k]) => k.startsWith('pathweave:editor-backup:'))
          .map(([, v]) => (JSON.parse(v) as { pending?: unknown[] }).pending?.length ?? 0),
      ),
    )
    .toEqual([2]);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  const offer = page.getByRole('region', { name: 'Unsaved changes found' });
  await hydrated(offer.getByRole('button', { name: 'Restore my unsaved changes' }));
  await expect(saveState).toHaveText('No unsaved changes');
  await offer.getByRole('button', { name: 'Restore my unsaved changes' }).click();
  await expect(page.getByTestId('editor-notice')).toContainText('Your unsaved changes are back, with 2 values to correct. Correct them, then save.');
  await expect(saveState).toHaveText('Unsaved changes: 2 values to correct');
  await expect(conditions.getByLabel(typed, { exact: true })).toHaveValue('Asthma');
  await expect(conditions.getByLabel(empty, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(details.getByLabel('Sponsor’s name')).toHaveValue('Riverside commissioning team');
  await expect(fieldWithError(details, 'Sponsor’s role')).toContainText('Choose sponsor’s role');

  // Save names both, each with a link to its box.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const summary = page.getByTestId('typed-values-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('these 2 values you typed or chose are not allowed, so they are not saved:');
  await expect(summary).toContainText(`${empty} on the pathway details: left empty. Condition item ${stored + 1} must not be empty.`);
  await expect(summary).toContainText('Sponsor’s role on the pathway details: nothing chosen. Choose sponsor’s role');
  await expectAccessible(page, 'editor: Save names list items and the sponsor');
  await summary.getByRole('button', { name: 'Sponsor’s role on the pathway details' }).click();
  await expect(details.getByLabel('Sponsor’s role')).toBeFocused();
  await details.getByLabel('Sponsor’s role').selectOption({ label: 'Commissioner' });
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');

  // Escape in the list puts back what the pathway says; the box added goes, and the focus stays in the list.
  await summary.getByRole('button', { name: `${empty} on the pathway details` }).click();
  await expect(conditions.getByLabel(empty, { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(conditions.getByRole('textbox')).toHaveCount(stored);
  await expect(page.getByTestId('editor-notice')).toContainText('“Conditions” is back to what it said before.');
  await expect.poll(() => focusIsOnPage(page)).toBe(false);
  await expect(conditions).toBeFocused();
  await expect(saveState).toHaveText('Unsaved changes');
});

test('values typed that are not allowed, kept in this browser, come back onto a newer save without undoing it', async ({ page, browser }) => {
  const url = await newBlankPathway(page, `Kept values over a newer save ${Date.now()}`);
  const saveState = page.getByTestId('save-state');
  const details = page.getByTestId('pathway-inspector');
  await details.getByLabel('Sponsor’s name').fill('Riverside commissioning team');
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.entries(window.localStorage)
          .filter(([k]) => k.startsWith('pathweave:editor-backup:'))
          .map(([, v]) => (JSON.parse(v) as { pending?: unknown[] }).pending?.length ?? 0),
      ),
    )
    .toEqual([1]);

  // Meanwhile the consultant renames the entry and saves.
  const other = await browser.newContext().then((c) => c.newPage());
  await signIn(other, 'consultant@pathweave.test');
  await other.goto(url);
  await expect(other.locator('.react-flow__node')).toHaveCount(2);
  await hydrated(other.getByRole('tab', { name: 'File' }));
  await stepNode(other, 'Person asks for help').click();
  await other.getByTestId('step-inspector').getByLabel('Title', { exact: true }).fill('Person rings the practice');
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(other.getByTestId('save-state')).toContainText('All changes saved');
  await other.context().close();

  // The page is closed before the sponsor is finished, and opened again: the value typed is offered
  // back and restored into its box, on the pathway as the consultant saved it.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  const offer = page.getByRole('region', { name: 'Unsaved changes found' });
  await hydrated(offer.getByRole('button', { name: 'Restore my unsaved changes' }));
  await offer.getByRole('button', { name: 'Restore my unsaved changes' }).click();
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  await expect(details.getByLabel('Sponsor’s name')).toHaveValue('Riverside commissioning team');
  await expect(stepNode(page, 'Person rings the practice')).toBeVisible();
  await expect(stepNode(page, 'Person asks for help')).toHaveCount(0);
});

test('outcome measures and a refused choice keep what was typed when another step is chosen; Save names them; Escape puts them back', async ({ page }) => {
  await newBlankPathway(page, `Typed measures are kept ${Date.now()}`);
  const saveState = page.getByTestId('save-state');
  const inspector = page.getByTestId('step-inspector');
  await stepNode(page, 'Person asks for help').click();
  const measures = inspector.getByRole('group', { name: 'Outcome measures' });
  // Two measures added: the second named and given a type, the first not named yet.
  await measures.getByRole('button', { name: 'Add an outcome measure' }).click();
  await measures.getByRole('button', { name: 'Add an outcome measure' }).click();
  await measures.getByLabel('Measure 2: name').fill('Feeling listened to');
  await measures.getByLabel('Measure 2: type').selectOption({ label: 'Experience the person reports (PREM)' });
  await expect(fieldWithError(measures, 'Measure 1: name')).toContainText('Error: Name must not be empty.');
  // A choice that is refused: the only entry step made an assessment.
  const kind = inspector.getByLabel('Kind of step');
  await kind.selectOption({ label: 'Assessment' });
  await expect(fieldWithError(inspector, 'Kind of step')).toContainText('This is the only entry step.');
  await expect(saveState).toHaveText('Unsaved changes: 2 values to correct');

  // Another step chosen, and then this one again: the measures typed and the choice are there, with their errors.
  await stepNode(page, 'Leaves the pathway').click();
  await expect(inspector.getByLabel('Title', { exact: true })).toHaveValue('Leaves the pathway');
  await expect(measures.getByRole('textbox')).toHaveCount(0);
  await expect(saveState).toHaveText('Unsaved changes: 2 values to correct');
  await stepNode(page, 'Person asks for help').click();
  await expect(inspector.getByLabel('Title', { exact: true })).toHaveValue('Person asks for help');
  await expect(measures.getByLabel('Measure 2: name')).toHaveValue('Feeling listened to');
  await expect(measures.getByLabel('Measure 2: type')).toHaveValue('PREM');
  await expect(measures.getByLabel('Measure 1: name')).toHaveValue('');
  await expect(measures.getByLabel('Measure 1: name')).toHaveAttribute('aria-invalid', 'true');
  await expect(fieldWithError(measures, 'Measure 1: name')).toContainText('Name must not be empty');
  await expect(kind).toHaveValue('assessment');
  await expect(fieldWithError(inspector, 'Kind of step')).toContainText('This is the only entry step.');
  await expectAccessible(page, 'editor: a step showing outcome measures and a choice kept from before');

  // Save version refuses, naming both; Save lists them with links.
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByTestId('versions-panel');
  await versions.getByLabel('Note for a new version').fill('Measures added');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByRole('alert')).toContainText('The version was not saved: 2 values in the details are not allowed as they are.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const summary = page.getByTestId('typed-values-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Measure 1: name on the step “Person asks for help”: left empty. Name must not be empty.');
  await expect(summary).toContainText('Kind of step on the step “Person asks for help”: you chose “Assessment”. This is the only entry step.');
  await summary.getByRole('button', { name: 'Measure 1: name on the step “Person asks for help”' }).click();
  const first = measures.getByLabel('Measure 1: name');
  await expect(first).toBeFocused();
  // Named: both measures go into the pathway.
  await first.fill('EQ-5D');
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');
  await expect(saveState).toHaveText('Unsaved changes: 1 value to correct');
  // Escape on the drop-down puts back the kind the step has.
  await kind.press('Escape');
  await expect(kind).toHaveValue('entry');
  await expect(kind).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('editor-notice')).toContainText('“Kind of step” is back to what it said before.');
  await expect(saveState).toHaveText('Unsaved changes');
  await stepNode(page, 'Leaves the pathway').click();
  await stepNode(page, 'Person asks for help').click();
  await expect(measures.getByLabel('Measure 1: name')).toHaveValue('EQ-5D');
  await expect(measures.getByLabel('Measure 2: name')).toHaveValue('Feeling listened to');

  // A measure added and not named, then Escape: it goes, the two stored stay, and the focus stays in the list.
  await measures.getByRole('button', { name: 'Add an outcome measure' }).click();
  await measures.getByLabel('Measure 3: name').press('Escape');
  await expect(measures.getByRole('textbox')).toHaveCount(2);
  await expect(page.getByTestId('editor-notice')).toContainText('“Outcome measures” is back to what it said before.');
  await expect(measures).toBeFocused();
  await expect(saveState).toHaveText('Unsaved changes');
});

test('versions: save two with notes, then compare them', async ({ page }) => {
  await newBlankPathway(page, 'Versions and comparison');
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByTestId('versions-panel');
  await expect(versions.getByText('No versions saved yet.')).toBeVisible();
  // A version needs a note.
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByText('Error: Write a short note saying what changed in this version.')).toBeVisible();
  await versions.getByLabel('Note for a new version').fill('First draft: an entry and an exit');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByTestId('version-history')).toContainText('Version 1');
  // Comparing at once, as the lists show it: the first version against the working copy.
  await expect(versions.getByLabel('From', { exact: true }).locator('option:checked')).toHaveText('Version 1: First draft: an entry and an exit');
  await expect(versions.getByLabel('To', { exact: true }).locator('option:checked')).toHaveText('Working copy (last saved)');
  await versions.getByRole('button', { name: 'Compare' }).click();
  await expect(versions.getByTestId('comparison').getByRole('heading', { name: 'From version 1 to the working copy' })).toBeVisible();

  // Change the pathway (unsaved), then save a second version: the working copy is saved with it.
  await page.getByLabel('Lane for the buttons').selectOption({ label: 'Voluntary and community sector' });
  await page.getByRole('button', { name: 'Add support to Voluntary and community sector' }).click();
  await page.getByTestId('step-inspector').getByLabel('Title', { exact: true }).fill('Peer support group');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.getByRole('tab', { name: 'Versions' }).click();
  // A note too long is refused before anything is saved: the changes stay unsaved, and the next
  // try saves them and the version together, with no false conflict.
  await versions.getByLabel('Note for a new version').fill('x'.repeat(2_001));
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByText('Version note: 2,001 characters is too long; keep it to 2,000 or fewer.').first()).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await versions.getByLabel('Note for a new version').fill('After the workshop: added a peer support group');
  // A look at another tab loses nothing typed.
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(versions).toBeHidden();
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(versions.getByLabel('Note for a new version')).toHaveValue('After the workshop: added a peer support group');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByTestId('version-history').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');

  await versions.getByLabel('From', { exact: true }).selectOption({ label: 'Version 1: First draft: an entry and an exit' });
  await versions.getByLabel('To', { exact: true }).selectOption({ label: 'Version 2: After the workshop: added a peer support group' });
  await versions.getByRole('button', { name: 'Compare' }).click();
  const comparison = versions.getByTestId('comparison');
  await expect(comparison.getByRole('heading', { name: 'From version 1 to version 2' })).toBeVisible();
  await expect(comparison.getByText('Steps added (1)')).toBeVisible();
  await expect(comparison).toContainText('Peer support group');
  // The score change for each criterion: National Voices 2 (voluntary sector) gets better.
  const nv = comparison.locator('table[data-framework="national-voices"]');
  await expect(nv.locator('tbody tr')).toHaveCount(12);
  await expect(comparison.locator('table[data-framework="rcgp-five-tests"] tbody tr')).toHaveCount(5);
  // The new step does not say how it helps the person: one new finding on that principle.
  await expect(nv.locator('tr[data-criterion="nv-3"]')).toContainText('1 new finding');
  await expectAccessible(page, 'editor: versions and comparison');
});

test('two people saving at once: the second is told, and keeps their changes', async ({ browser, baseURL }) => {
  const first = await (await browser.newContext({ baseURL })).newPage();
  const url = await newBlankPathway(first, 'Saved by two people');
  const second = await (await browser.newContext({ baseURL })).newPage();
  await signIn(second, 'consultant@pathweave.test');
  await second.goto(url);
  await expect(second.getByTestId('pathway-editor')).toBeVisible();
  await hydrated(second.getByRole('tab', { name: 'File' }));

  // The first person renames the pathway and saves.
  await first.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await first.getByTestId('pathway-inspector').getByLabel('Pathway title').fill('Saved by two people (first)');
  await first.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(first.getByTestId('save-state')).toContainText('All changes saved');

  // The second, still on the old revision, adds a step and saves: a conflict, nothing lost.
  await second.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = second.getByTestId('save-conflict');
  // It says who saved in between (the GP, from the audit trail).
  await expect(conflict).toContainText(/Dr Ada Fernsby saved a newer version at \d\d:\d\d/);
  await expect(conflict).toContainText('Your changes are kept');
  await expect(stepNode(second, 'New outcome')).toBeVisible();
  await expect(second.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expectAccessible(second, 'editor: save conflict');

  // Saving again on purpose stores the second person's version.
  await conflict.getByRole('button', { name: 'Save my version over theirs' }).click();
  await expect(second.getByTestId('save-state')).toContainText('All changes saved');
  await first.reload();
  await expect(stepNode(first, 'New outcome')).toBeVisible();
  await first.context().close();
  await second.context().close();
});

test('a save that cannot reach the server says so and keeps the edits; the next save stores them', async ({ page }) => {
  const url = await newBlankPathway(page, 'Saved over a dropped connection');
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await expect(stepNode(page, 'New outcome')).toBeVisible();

  // Server actions are POSTs to the page with a Next-Action header: drop them, as a lost connection would.
  const dropActions = (route: import('@playwright/test').Route) =>
    route.request().method() === 'POST' && route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/*', dropActions);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.pw-alert-box[role="alert"]')).toContainText('Could not reach the server, so nothing was saved. Your changes are still here');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect(stepNode(page, 'New outcome')).toBeVisible();

  // A version cannot be saved either, and the note stays in its box.
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByTestId('versions-panel');
  await versions.getByLabel('Note for a new version').fill('After the connection dropped');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions).toContainText('Could not reach the server, so the version was not saved.');
  await expect(versions.getByLabel('Note for a new version')).toHaveValue('After the connection dropped');

  // Back online: saving stores the step that was kept.
  await page.unroute('**/*', dropActions);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await page.goto(url);
  await expect(stepNode(page, 'New outcome')).toBeVisible();
});

test('unsaved changes kept in this browser are offered back after a reload, to their author only', async ({ page }) => {
  const url = await newBlankPathway(page, `Kept in the browser ${Date.now()}`);
  const dropActions = (route: import('@playwright/test').Route) =>
    route.request().method() === 'POST' && route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/*', dropActions);
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await expect(stepNode(page, 'New outcome')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect
    .poll(() => page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('pathweave:editor-backup:')).length))
    .toBe(1);

  // The page is closed with the changes unsaved (leaving is confirmed), and opened again.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.unroute('**/*', dropActions);
  await page.goto(url);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  const offer = page.getByRole('region', { name: 'Unsaved changes found' });
  await expect(offer).toContainText('This browser has changes to this pathway that were not saved');
  await expectAccessible(page, 'editor: unsaved changes offered back');

  // Someone else who may edit it signs in on this computer: they are not offered them.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, 'consultant@pathweave.test');
  await page.goto(url);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await hydrated(page.getByRole('tab', { name: 'File' }));
  // After a frame and a task, the page's effects (which look for kept changes) have run.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  await expect(page.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('No unsaved changes');

  // Their author, back again, joins the live workshop: the changes are offered, but not put into
  // the shared pathway; the way to them is the pathway on their own.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, 'gp@pathweave.test');
  await page.goto(`${url}?live=1`);
  await expect(page.getByTestId('collab-status')).toHaveText('Live: every change saved.', { timeout: 30_000 });
  await expect(offer).toContainText('They were made on your own, outside the live workshop');
  await expect(offer.getByRole('button', { name: 'Restore my unsaved changes' })).toHaveCount(0);
  await expect(stepNode(page, 'New outcome')).toHaveCount(0);
  await offer.getByRole('link', { name: 'Open the pathway on your own to restore them' }).click();
  await expect(page).toHaveURL((u) => u.pathname === url && u.search === '');
  // There they are restored, and saved.
  await hydrated(offer.getByRole('button', { name: 'Restore my unsaved changes' }));
  await offer.getByRole('button', { name: 'Restore my unsaved changes' }).click();
  await expect(stepNode(page, 'New outcome')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await page.goto(url);
  await expect(stepNode(page, 'New outcome')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);
});

test('work done while kept changes are offered back is itself kept in the browser', async ({ page }) => {
  const url = await newBlankPathway(page, `Kept while offered ${Date.now()}`);
  const dropActions = (route: import('@playwright/test').Route) =>
    route.request().method() === 'POST' && route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/*', dropActions);
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  const keptKinds = () =>
    page.evaluate(() => {
      const key = Object.keys(window.localStorage).find((k) => k.startsWith('pathweave:editor-backup:'));
      const kept = key ? (JSON.parse(window.localStorage.getItem(key) as string) as { doc: { steps: { kind: string }[] } }) : null;
      return kept ? kept.doc.steps.map((step) => step.kind).sort() : [];
    });
  await expect.poll(keptKinds).toContain('outcome');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(url);
  const offer = page.getByRole('region', { name: 'Unsaved changes found' });
  await expect(offer).toBeVisible();
  // Not answering the offer, the person carries on (saves still fail): what they do now is kept.
  await hydrated(page.getByRole('button', { name: 'Add assessment to Primary care' }));
  await page.getByRole('button', { name: 'Add assessment to Primary care' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect.poll(keptKinds).toContain('assessment');
  await expect(offer).toBeVisible();
  await page.unroute('**/*', dropActions);
});

test('two tabs of one pathway each keep their own unsaved changes; a tab closed unsaved is offered in the next one opened', async ({ page }) => {
  const url = await newBlankPathway(page, `Two tabs ${Date.now()}`);
  const dropActions = (route: import('@playwright/test').Route) =>
    route.request().method() === 'POST' && route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  const keptSteps = (p: Page) =>
    p.evaluate(() =>
      Object.keys(window.localStorage)
        .filter((k) => k.startsWith('pathweave:editor-backup:'))
        .map((k) => (JSON.parse(window.localStorage.getItem(k) as string) as { doc: { steps: { kind: string }[] } }).doc.steps.map((s) => s.kind).sort().join(' '))
        .sort(),
    );
  // The first tab adds an outcome; saving fails, so it is kept in the browser.
  await page.route('**/*', dropActions);
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect.poll(() => keptSteps(page)).toEqual(['entry exit outcome']);

  // A second tab of the same pathway, the first still open: it is not offered the first tab's work.
  const second = await page.context().newPage();
  await second.route('**/*', dropActions);
  await second.goto(url);
  await hydrated(second.getByRole('button', { name: 'Add assessment to Primary care' }));
  await second.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  await expect(second.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);
  // Its own work is kept beside the first tab's, not over it.
  await second.getByRole('button', { name: 'Add assessment to Primary care' }).click();
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(second.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect.poll(() => keptSteps(page)).toEqual(['assessment entry exit', 'entry exit outcome']);
  // (By now the tab has looked for copies to offer: it has written its own.)
  await expect(second.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);

  // The first tab saves (its connection is back), so the pathway is drawn again there: it looks for
  // copies to offer again, and still leaves the open second tab's alone.
  await page.unroute('**/*', dropActions);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await expect.poll(() => keptSteps(page)).toEqual(['assessment entry exit']);
  await page.evaluate(() => new Promise((done) => setTimeout(() => requestAnimationFrame(() => setTimeout(done, 100)), 100)));
  await expect(page.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);

  // The second tab is closed (or crashes) unsaved: the next tab opened on the pathway is offered its work.
  await second.close({ runBeforeUnload: false });
  const third = await page.context().newPage();
  await third.goto(url);
  const offer = third.getByRole('region', { name: 'Unsaved changes found' });
  await hydrated(offer.getByRole('button', { name: 'Restore my unsaved changes' }));
  await offer.getByRole('button', { name: 'Restore my unsaved changes' }).click();
  await expect(stepNode(third, 'New assessment')).toBeVisible();
  await expect(third.locator('.react-flow__node')).toHaveCount(3);
  // The restored work is now the third tab's copy, and the closed tab's is gone.
  await expect.poll(() => keptSteps(third)).toEqual(['assessment entry exit']);
  await third.close({ runBeforeUnload: false });
});

test('Ctrl+S pressed again while a save is on its way saves once, with no false conflict', async ({ page }) => {
  await newBlankPathway(page, 'Saved twice in a hurry');
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  // Saves take a moment to reach the server, as on a slow connection; count those sent.
  let sent = 0;
  const slowActions = async (route: import('@playwright/test').Route) => {
    if (route.request().method() === 'POST' && route.request().headers()['next-action']) {
      sent++;
      await new Promise((r) => setTimeout(r, 1_500));
    }
    await route.fallback();
  };
  await page.route('**/*', slowActions);
  await page.keyboard.down('Control');
  await page.keyboard.press('s');
  await page.keyboard.press('s');
  await page.keyboard.up('Control');
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await expect(page.getByTestId('save-conflict')).toHaveCount(0);
  await expect(page.locator('.pw-alert-box[role="alert"]')).toHaveCount(0);
  expect(sent).toBe(1);
  // Another change and Ctrl+S: saved on top of the first save, again with no conflict.
  await page.getByRole('button', { name: 'Add outcome to Primary care' }).click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  await expect(page.getByTestId('save-conflict')).toHaveCount(0);
  expect(sent).toBe(2);
  await page.unroute('**/*', slowActions);
});

test('export the pathway as a file and a picture, import files with clear errors, print', async ({ page }) => {
  await newBlankPathway(page, 'Import and export');
  await page.getByRole('tab', { name: 'File' }).click();
  const file = page.getByTestId('file-panel');

  const [json] = await Promise.all([page.waitForEvent('download'), file.getByRole('button', { name: 'Download as a pathway file (JSON)' }).click()]);
  expect(json.suggestedFilename()).toBe('import-and-export.json');
  const exported = JSON.parse(await readFile((await json.path()) as string, 'utf8')) as {
    format: string;
    title: string;
    steps: { id: string; title: string }[];
    transitions: unknown[];
  };
  expect(exported.format).toBe('pathweave.pathway/v1');
  expect(exported.title).toBe('Import and export');
  expect(exported.steps.map((s) => s.title)).toEqual(['Person asks for help', 'Leaves the pathway']);
  expect(exported.transitions).toHaveLength(1);

  const [svg] = await Promise.all([page.waitForEvent('download'), file.getByRole('button', { name: 'Download picture (SVG)' }).click()]);
  const svgText = await readFile((await svg.path()) as string, 'utf8');
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText).toContain('Person asks for help');
  expect(svgText).toContain('Primary care');
  const [png] = await Promise.all([page.waitForEvent('download'), file.getByRole('button', { name: 'Download picture (PNG)' }).click()]);
  const pngBytes = await readFile((await png.path()) as string);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // A browser that cannot draw it (here, a canvas that throws its own words): Pathweave's sentence and
  // what to do instead, never the browser's text.
  await page.evaluate(() => {
    (window as unknown as { realGetContext: unknown }).realGetContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = () => {
      throw new DOMException('Canvas exceeds max size (raw browser words)', 'InvalidStateError');
    };
  });
  await file.getByRole('button', { name: 'Download picture (PNG)' }).click();
  const pictureAlert = file.getByRole('alert').filter({ hasText: 'PNG' });
  await expect(pictureAlert).toContainText(
    'The PNG picture could not be made in this browser. Download the picture as SVG instead, or use the print view.',
  );
  await expect(pictureAlert).not.toContainText('raw browser words');
  // Put the canvas back: axe's colour-contrast check draws on one.
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.getContext = (window as unknown as { realGetContext: typeof HTMLCanvasElement.prototype.getContext }).realGetContext;
  });

  // A broken file: the error says where, and nothing changes.
  const input = file.getByLabel('Choose a pathway file (JSON)');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "pathweave.pathway/v1",\n  "title": "x",\n}') });
  await expect(file.locator('.pw-field-error')).toContainText('“broken.json” has a problem, so nothing was imported');
  await expect(file.locator('.pw-field-error')).toContainText('line 4, column 1');
  // Read out as it appears: the focus is still on the file input, away from the message.
  await expect(file.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText(
    '“broken.json” has a problem, so nothing was imported',
  );
  // A well-formed file with a wrong value: named, with the allowed values in the message.
  const wrong = { ...exported, steps: exported.steps.map((s, i) => (i === 0 ? { ...s, sector: 'hospital' } : s)) };
  await input.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
  await expect(file.locator('.pw-field-error')).toContainText('sector');
  await expect(file.locator('.pw-field-error')).toContainText('"hospital"');
  // The input is cleared, errors kept: a browser fires no change for the same file chosen again,
  // so choosing it once fixed would otherwise do nothing.
  await expect(input).toHaveValue('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Import and export/);
  await expectAccessible(page, 'editor: file panel with import errors');

  // A good file replaces the working copy, and can be undone.
  const good = {
    ...exported,
    title: 'Imported pathway',
    steps: [...exported.steps, { id: 'peer', kind: 'support', title: 'Peer support group', sector: 'voluntary_community', setting: 'voluntary_service', leadRole: 'voluntary_worker' }],
  };
  await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await expect(file.getByRole('status')).toContainText('Imported “good.json”: 3 steps and 1 transition.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Imported pathway/);
  await expect(stepNode(page, 'Peer support group')).toHaveAttribute('aria-label', /Voluntary and community sector/);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Import and export/);
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Imported pathway/);

  // The print view: the board paper's contents, with the diagram.
  await page.getByRole('tab', { name: 'File' }).click();
  await file.getByRole('button', { name: 'Print view for a board paper' }).click();
  const print = page.getByTestId('print-view');
  await expect(print.getByRole('heading', { level: 1, name: 'Imported pathway' })).toBeVisible();
  await expect(print.getByRole('img', { name: /Diagram of the pathway/ })).toBeVisible();
  await expect(print.getByRole('table').filter({ hasText: 'Voluntary and community sector' })).toContainText('Peer support group');
  await expectAccessible(page, 'editor: print view');
  await page.getByRole('button', { name: 'Back to the editor' }).click();
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
});

test('templates: localise a demo pathway, and start a new one from a template', async ({ page }) => {
  const copd = await openCopdEditor(page);
  const steps = await page.locator('.react-flow__node').count();
  await page.getByRole('tab', { name: 'File' }).click();
  // The button says what it copies: the last saved version, not changes made since.
  await expect(page.getByRole('button', { name: 'Localise: make a local copy of this pathway' })).toHaveAccessibleDescription(
    /starts from the last version saved with Save version .* changes made since are not copied/,
  );
  await page.getByRole('button', { name: 'Localise: make a local copy of this pathway' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/edit') && url.pathname !== copd);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/COPD: breathlessness to long-term support \(local copy\)/);
  await expect(page.locator('.react-flow__node')).toHaveCount(steps);
  await page.getByRole('tab', { name: 'File' }).click();
  // The copy remembers where it came from.
  await expect(page.getByTestId('localised-from')).toContainText('This pathway is a local copy of “COPD: breathlessness to long-term support”');

  // A new pathway from another template, with its own title.
  const copy = new URL(page.url()).pathname;
  await page.getByLabel('Start a new pathway from').selectOption({ label: 'Frailty: recognising and supporting older people living with frailty' });
  await page.getByLabel(/Title of the new pathway/).fill('Frailty in Riverside');
  await page.getByRole('button', { name: 'Create and open it' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/edit') && url.pathname !== copy);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Frailty in Riverside/);
  await page.getByRole('tab', { name: 'File' }).click();
  await expect(page.getByTestId('localised-from')).toContainText('Frailty: recognising and supporting older people living with frailty');
});

test('a viewer can open the editor but not change the pathway', async ({ page }) => {
  await signIn(page, 'manager@pathweave.test');
  await openDemoCopd(page);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await expect(page.getByText('You can look at this pathway but not change it.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(page.locator('.pw-palette-item')).toHaveCount(0);
  await expect(page.getByTestId('pathway-inspector').getByLabel('Pathway title')).toBeDisabled();
  // The canvas has the width beside the tools, as it does for an editor, not the tools' narrow column.
  const canvasBox = await page.locator('.react-flow').boundingBox();
  expect(canvasBox?.width).toBeGreaterThan(600);
  // A viewer can find a step too: it is selected, its details shown, and the focus goes to it.
  const find = page.getByLabel('Find a step');
  await hydrated(page.getByRole('button', { name: 'Go to step' }));
  await find.selectOption({ index: 3 });
  const stepId = await find.inputValue();
  const stepLabel = (await find.locator('option:checked').textContent()) ?? '';
  await page.getByRole('button', { name: 'Go to step' }).click();
  const found = page.locator(`.react-flow__node[data-id="${stepId}"]`);
  await expect(found).toBeFocused();
  await expect(found).toHaveClass(/selected/);
  await expect(page.getByRole('tabpanel', { name: 'Details' }).getByRole('heading', { level: 2 })).toHaveText(
    `Step: ${stepLabel.replace(/ \([^)]*\)$/, '')}`,
  );
  await expectAccessible(page, 'editor: read only');
});

test('a FHIR PlanDefinition imports as a new pathway from the pathways page; a wrong file is explained', async ({ page }) => {
  await signIn(page, 'gp@pathweave.test');
  await page.goto('/w/riverside-gp-cluster/pathways');
  const copdLink = page.getByRole('link', { name: DEMO_COPD, exact: true }).first();
  const copdTitle = (await copdLink.textContent()) ?? '';
  const copdPath = (await copdLink.getAttribute('href')) ?? '';
  // The PlanDefinition Pathweave exports for the COPD pathway, as another system would send it.
  const exported = await page.request.get(`/api/fhir/PlanDefinition/${copdPath.split('/').pop()}`);
  expect(exported.status()).toBe(200);
  const planDefinition = (await exported.json()) as { resourceType: string; action: unknown[] };
  expect(planDefinition.resourceType).toBe('PlanDefinition');

  await page.getByText('Import a FHIR PlanDefinition').click();
  const input = page.getByLabel('Choose a PlanDefinition file (FHIR R4 JSON)');
  await hydrated(input);
  // Not a PlanDefinition: every problem is listed and nothing is made.
  await input.setInputFiles({ name: 'patient.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ resourceType: 'Patient' })) });
  await expect(page.locator('.pw-error-message').first()).toContainText('The PlanDefinition cannot be read as a pathway.');
  await expect(page).toHaveURL(/\/pathways$/);
  await input.setInputFiles({ name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  await expect(page.locator('.pw-error-message').first()).toContainText('“not-json.json” is not a JSON file.');
  // Cleared, errors kept, so the same file chosen again once fixed is imported.
  await expect(input).toHaveValue('');
  await expectAccessible(page, 'pathways page with a PlanDefinition import error');

  await input.setInputFiles({ name: 'copd-plandefinition.json', mimeType: 'application/fhir+json', buffer: Buffer.from(JSON.stringify(planDefinition)) });
  await page.waitForURL((url) => /\/pathways\/[^/]+$/.test(url.pathname) && url.pathname !== copdPath);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(copdTitle.trim().slice(0, 20));
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.locator('.react-flow__node')).toHaveCount(planDefinition.action.length);
});
