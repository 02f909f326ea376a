// Workshop mode in real browsers (issue 5): the GP runs the workshop (facilitator), a patient
// representative takes part (commenter). The shared timer reaches the room; the representative puts
// dots on a step from the keyboard-reachable buttons and the GP sees them on the canvas; a rating
// round stays private until the GP reveals it, shows the disagreement, and ends in the room's
// consensus with its reason. axe runs on both people's screens.
import { expect, test, type Page } from '@playwright/test';
import { canvasSettled, expectAccessible, joinLive, newBlankPathway, person, stepNode } from './support';

test.setTimeout(300_000);

/** Whether the keyboard focus has dropped to the page (nothing, or <body>, has it). */
function focusIsOnPage(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === document.body || document.activeElement === null);
}

test('a facilitated workshop: timer, dot vote, private ratings, reveal and consensus', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Workshop mode ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByText('Add a step by choosing').click();
  await gp.getByLabel('Title (optional)').fill('Discharge letter');
  await gp.getByRole('button', { name: 'Add step', exact: true }).click();
  await expect(stepNode(gp, 'Discharge letter')).toBeVisible();
  // The room rates a saved version.
  await gp.getByRole('tab', { name: 'Versions' }).click();
  await gp.getByTestId('versions-panel').getByLabel('Note for a new version').fill('Before the workshop');
  await gp.getByTestId('versions-panel').getByRole('button', { name: 'Save version' }).click();
  await expect(gp.getByTestId('version-history')).toContainText('Version 1');

  const rep = await person(browser, 'patient.rep@pathweave.test');
  await joinLive(rep, path, 'Live: you are following along.');

  // The facilitator sets and starts the agenda timer; everyone sees it in the workshop bar.
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const gpPanel = gp.getByTestId('workshop-panel');
  await gpPanel.getByLabel('Agenda item').fill('Map the discharge');
  await gpPanel.getByLabel('Minutes').fill('10');
  await gpPanel.getByRole('button', { name: 'Set timer' }).click();
  await gpPanel.getByRole('button', { name: 'Start timer' }).click();
  const repClock = rep.getByTestId('workshop-bar').getByTestId('workshop-clock');
  await expect(repClock).toContainText('Map the discharge', { timeout: 15_000 });
  await expect(repClock.getByTestId('workshop-clock-time')).toHaveText(/^(10:00|9:[0-5]\d)$/);
  await expect(repClock).toContainText('Running');
  // The representative has no timer controls.
  await rep.getByRole('tab', { name: 'Workshop' }).click();
  const repPanel = rep.getByTestId('workshop-panel');
  await expect(repPanel.getByRole('button', { name: /timer/ })).toHaveCount(0);

  // Dots on the selected step, with buttons (no dragging).
  await stepNode(rep, 'Discharge letter').click();
  await rep.getByRole('tab', { name: 'Workshop' }).click();
  await repPanel.getByRole('button', { name: 'Put a dot on “Discharge letter”' }).click();
  await expect(repPanel.getByTestId('dots-left')).toHaveText('You have 2 of 3 dots left.');
  await repPanel.getByRole('button', { name: 'Put another dot on “Discharge letter”' }).click();
  await expect(repPanel.getByTestId('dots-left')).toHaveText('You have 1 of 3 dots left.');
  // The last dot, from the keyboard: the button is then off, but keeps the focus.
  const putDot = repPanel.getByRole('button', { name: 'Put a dot on “Discharge letter”' });
  await putDot.focus();
  await rep.keyboard.press('Enter');
  await expect(repPanel.getByTestId('dots-left')).toHaveText('You have 0 of 3 dots left.');
  await expect(putDot).toBeFocused();
  await expect(putDot).toHaveAttribute('aria-disabled', 'true');
  await expect.poll(() => focusIsOnPage(rep)).toBe(false);
  // Pressed again, it places nothing.
  await rep.keyboard.press('Enter');
  await repPanel.getByRole('button', { name: 'Take a dot back', exact: true }).press('Enter');
  await expect(repPanel.getByTestId('dots-left')).toHaveText('You have 1 of 3 dots left.');
  await expect(gp.getByTestId('vote-badge')).toHaveText('●● 2', { timeout: 15_000 });
  await expect(gpPanel.getByTestId('vote-tally')).toContainText('2 from 1 person');

  // A rating round: each rates privately.
  await gpPanel.getByLabel('Criterion to rate').selectOption('nv-5');
  await gpPanel.getByRole('button', { name: 'Start rating round' }).click();
  const repRound = repPanel.getByTestId('rating-round');
  await expect(repRound).toBeVisible({ timeout: 15_000 });
  await repRound.getByRole('radio', { name: 'Not met' }).check();
  await repRound.getByLabel('Why? (optional)').fill('Nobody told me who to ring after I went home.');
  await repRound.getByRole('button', { name: 'Save my rating' }).click();
  await expect(repRound).toContainText('You rated this “Not met”.');
  const gpRound = gpPanel.getByTestId('rating-round');
  await expect(gpRound.getByTestId('rating-count')).toContainText('1 person has rated', { timeout: 15_000 });
  // The facilitator cannot see the representative's rating before the reveal.
  await expect(gpRound).not.toContainText('Nobody told me who to ring');
  await gpRound.getByRole('radio', { name: 'Met', exact: true }).check();
  await gpRound.getByRole('button', { name: 'Save my rating' }).click();
  await expect(gpRound.getByTestId('rating-count')).toContainText('2 people have rated');
  await expectAccessible(gp, 'workshop: facilitator during a rating round');
  await expectAccessible(rep, 'workshop: participant during a rating round');

  // Reveal: everyone sees all ratings and the disagreement.
  // (From the keyboard: the button goes with the hidden ratings, and the focus moves to the section's heading.)
  await gpRound.getByRole('button', { name: 'Reveal everyone’s ratings' }).press('Enter');
  await expect(gpRound.getByTestId('revealed-ratings')).toBeVisible();
  const ratingHeading = gpPanel.getByRole('heading', { name: 'Rate a criterion together' });
  await expect(ratingHeading).toBeFocused();
  await expect.poll(() => focusIsOnPage(gp)).toBe(false);
  await expect(repRound.getByTestId('rating-agreement')).toContainText('The room disagrees', { timeout: 15_000 });
  await expect(repRound.getByTestId('revealed-ratings')).toContainText('Nobody told me who to ring after I went home.');
  await expect(gpRound.getByTestId('revealed-ratings')).toContainText('Priya Osei');

  // The room's consensus needs its reason.
  await gpRound.getByRole('radio', { name: 'Partly met' }).last().check();
  await gpRound.getByRole('button', { name: 'Record the room’s rating' }).click();
  await expect(gpPanel.getByRole('alert')).toContainText('Write the reason the room agreed on');
  await gpRound.getByLabel('The reason the room agreed on').fill('A coordinator is named, but nobody covers evenings.');
  await gpRound.getByRole('button', { name: 'Record the room’s rating' }).click();
  await expect(repRound.getByTestId('consensus')).toContainText('The room agreed: Partly met. A coordinator is named, but nobody covers evenings.', { timeout: 15_000 });
  await expectAccessible(rep, 'workshop: revealed ratings and consensus');

  // Ending the round removes it, End button and all: the focus goes to the section's heading.
  await gpRound.getByRole('button', { name: 'End this round' }).press('Enter');
  await expect(gpRound).toHaveCount(0);
  await expect(ratingHeading).toBeFocused();
  await expect.poll(() => focusIsOnPage(gp)).toBe(false);

  await gp.context().close();
  await rep.context().close();
});

test('dots on a step that is then deleted are listed for the voter, who can take them back', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Dots on a removed step ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByText('Add a step by choosing').click();
  await gp.getByLabel('Title (optional)').fill('Triage call');
  await gp.getByRole('button', { name: 'Add step', exact: true }).click();
  await expect(stepNode(gp, 'Triage call')).toBeVisible();

  await stepNode(gp, 'Triage call').click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  await panel.getByRole('button', { name: 'Put a dot on “Triage call”' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 2 of 3 dots left.');
  await panel.getByRole('button', { name: 'Put another dot on “Triage call”' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 1 of 3 dots left.');

  // The step is deleted: it leaves the tally, but the two dots still count, so they are listed to take back.
  await gp.getByRole('tab', { name: 'Details' }).click();
  await gp.getByRole('button', { name: 'Delete step', exact: true }).click();
  await expect(stepNode(gp, 'Triage call')).toHaveCount(0);
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  await expect(panel.getByTestId('vote-tally')).toHaveCount(0);
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 1 of 3 dots left.');
  const removed = panel.getByTestId('dots-on-removed');
  await expect(removed.getByRole('heading', { name: 'Your dots on removed steps' })).toBeVisible();
  await expect(removed.getByRole('listitem')).toHaveText(['2 dots on “Triage call” (removed)Take a dot back']);
  await expectAccessible(gp, 'workshop: dots on a removed step');
  await removed.getByRole('button', { name: 'Take a dot back from “Triage call” (removed)' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 2 of 3 dots left.');
  await expect(removed.getByRole('listitem')).toHaveText(['1 dot on “Triage call” (removed)Take a dot back']);

  // After a reload the page never saw the step, but the server kept its title with the dots: still
  // named, and taken back from the keyboard.
  await gp.reload();
  await expect(gp.getByTestId('collab-status')).toHaveText('Live: every change saved.', { timeout: 30_000 });
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  await expect(removed.getByRole('listitem')).toHaveText(['1 dot on “Triage call” (removed)Take a dot back'], { timeout: 15_000 });
  await removed.getByRole('button', { name: 'Take a dot back from “Triage call” (removed)' }).focus();
  await gp.keyboard.press('Enter');
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 3 of 3 dots left.');
  await expect(removed).toHaveCount(0);
  await expect(panel).toContainText('No dots yet.');
  // The button went with the list: the focus is on the vote's heading, not dropped to the page.
  await expect(panel.getByRole('heading', { name: 'Where does it hurt? (dot vote)' })).toBeFocused();
  await expect.poll(() => focusIsOnPage(gp)).toBe(false);

  await gp.context().close();
});

test('a dot whose answer is lost on the way back is sent again and counted once', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Dot answer lost ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByText('Add a step by choosing').click();
  await gp.getByLabel('Title (optional)').fill('Home visit');
  await gp.getByRole('button', { name: 'Add step', exact: true }).click();
  await stepNode(gp, 'Home visit').click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 3 of 3 dots left.');

  // The server carries the first command out, then the connection drops before its answer arrives.
  const bodies: { op: string; commandId?: string }[] = [];
  await gp.route('**/api/pathways/*/workshop', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    bodies.push(route.request().postDataJSON());
    if (bodies.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await panel.getByRole('button', { name: 'Put a dot on “Home visit”' }).click();
  await expect.poll(() => bodies.length).toBe(2);
  expect(bodies[1]).toEqual(bodies[0]);
  await expect(panel.getByRole('status').filter({ hasText: 'Dot' })).toHaveText('Dot placed on “Home visit”.');
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 2 of 3 dots left.');
  await expect(panel.getByTestId('vote-tally')).toContainText('1 from 1 person');
  await expect(panel.getByRole('alert')).toHaveText('');
  expect(bodies[0]?.commandId).toMatch(/^[0-9a-f]{32}$/);

  // With no answer at all, the panel says it cannot tell, rather than "not sent". While it is still
  // trying, a second press is not a second command.
  await gp.unroute('**/api/pathways/*/workshop');
  const ids = new Set<string>();
  await gp.route('**/api/pathways/*/workshop', (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    ids.add(route.request().postDataJSON().commandId);
    return route.abort('internetdisconnected');
  });
  await panel.getByRole('button', { name: 'Put another dot on “Home visit”' }).click();
  await expect(panel).toHaveAttribute('aria-busy', 'true');
  await panel.getByRole('button', { name: 'Put another dot on “Home visit”' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Still sending' })).toHaveText('Still sending the last change. Wait a moment, then try again.');
  await expect(panel.getByRole('alert')).toHaveText(/cannot tell whether that went through/, { timeout: 20_000 });
  expect(ids.size).toBe(1);
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 2 of 3 dots left.');
  await expectAccessible(gp, 'workshop: no answer from the server');
  await gp.context().close();
});

test('a new vote asks first, in the page, only when there are dots to clear', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `New vote ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByText('Add a step by choosing').click();
  await gp.getByLabel('Title (optional)').fill('Ward round');
  await gp.getByRole('button', { name: 'Add step', exact: true }).click();
  await stepNode(gp, 'Ward round').click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  const question = panel.getByTestId('new-vote-question');

  // An empty box is said beside it, not sent as 0 ("0 is not allowed" about a 0 nobody typed).
  await panel.getByLabel('Dots each').fill('');
  await panel.getByRole('button', { name: 'Start a new vote' }).click();
  await expect(panel.locator('.pw-error-message')).toHaveText('Error: Dots each: enter a whole number from 1 to 10, for example 3.');
  await expect(panel.getByLabel('Dots each')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByLabel('Dots each')).toBeFocused();
  await expect(panel.getByRole('alert')).not.toContainText('not allowed');
  await expectAccessible(gp, 'workshop: dots box left empty');

  // No dots yet: nothing to lose, so no question.
  await panel.getByLabel('Dots each').fill('4');
  await expect(panel.locator('.pw-error-message')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Start a new vote' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'A new vote has started.' })).toBeVisible();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 4 of 4 dots left.');
  await expect(question).toHaveCount(0);

  await panel.getByRole('button', { name: 'Put a dot on “Ward round”' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 3 of 4 dots left.');
  await panel.getByRole('button', { name: 'Start a new vote' }).click();
  await expect(question).toContainText('Start a new vote? Everyone’s dots are cleared, for everyone in the room.');
  await expect(question.getByText(/^Start a new vote\?/)).toBeFocused();
  await expectAccessible(gp, 'workshop: asked before a new vote');
  await question.getByRole('button', { name: 'No, keep these dots' }).click();
  await expect(question).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Start a new vote' })).toBeFocused();
  await expect(panel.getByTestId('vote-tally')).toContainText('1 from 1 person');

  await panel.getByRole('button', { name: 'Start a new vote' }).click();
  await question.getByRole('button', { name: 'Yes, start a new vote' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 4 of 4 dots left.');
  await expect(panel).toContainText('No dots yet.');
  await expect(panel.getByRole('button', { name: 'Start a new vote' })).toBeFocused();

  // The same question open on a second device when the vote is restarted from the first: it goes,
  // the focus goes back to its button, and it does not come back by itself with the next dot.
  // (The panel sends one command at a time: a dot pressed while the new vote is still on its way is
  // refused with "Still sending the last change", so wait for it, and check the dot went down.)
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await panel.getByRole('button', { name: 'Put a dot on “Ward round”' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 3 of 4 dots left.');
  const tablet = await person(browser, 'gp@pathweave.test');
  await joinLive(tablet, path, 'Live: every change saved.');
  await tablet.getByRole('tab', { name: 'Workshop' }).click();
  const tabletPanel = tablet.getByTestId('workshop-panel');
  await expect(tabletPanel.getByTestId('vote-tally')).toContainText('1 from 1 person', { timeout: 15_000 });
  await tabletPanel.getByRole('button', { name: 'Start a new vote' }).click();
  const tabletQuestion = tabletPanel.getByTestId('new-vote-question');
  await expect(tabletQuestion.getByText(/^Start a new vote\?/)).toBeFocused();
  await panel.getByRole('button', { name: 'Start a new vote' }).click();
  await question.getByRole('button', { name: 'Yes, start a new vote' }).click();
  await expect(tabletQuestion).toHaveCount(0, { timeout: 15_000 });
  await expect(tabletPanel.getByRole('button', { name: 'Start a new vote' })).toBeFocused();
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await panel.getByRole('button', { name: 'Put a dot on “Ward round”' }).click();
  await expect(panel.getByTestId('dots-left')).toHaveText('You have 3 of 4 dots left.');
  await expect(tabletPanel.getByTestId('vote-tally')).toContainText('1 from 1 person', { timeout: 15_000 });
  await expect(tabletQuestion).toHaveCount(0);
  await gp.context().close();
  await tablet.context().close();
});

test('renaming the agenda item keeps the timer running, and a second device’s form follows it', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Timer rename ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  await panel.getByLabel('Agenda item').fill('Map the dischrage');
  // An empty Minutes box is said beside it, and nothing is sent.
  await panel.getByLabel('Minutes').fill('');
  await panel.getByRole('button', { name: 'Set timer', exact: true }).click();
  await expect(panel.locator('.pw-error-message')).toHaveText('Error: Minutes: enter a whole number of minutes from 1 to 240, for example 10.');
  await expect(panel.getByLabel('Minutes')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByLabel('Minutes')).toBeFocused();
  await expect(panel.getByTestId('workshop-clock')).toHaveCount(0);
  await panel.getByLabel('Minutes').fill('10');
  await expect(panel.locator('.pw-error-message')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Set timer', exact: true }).click();
  await panel.getByRole('button', { name: 'Start timer' }).click();
  const clock = panel.getByTestId('workshop-clock');
  await expect(clock).toContainText('Running');

  // The same facilitator on a second device: its form shows the timer as it is.
  const tablet = await person(browser, 'gp@pathweave.test');
  await joinLive(tablet, path, 'Live: every change saved.');
  await tablet.getByRole('tab', { name: 'Workshop' }).click();
  const tabletPanel = tablet.getByTestId('workshop-panel');
  await expect(tabletPanel.getByLabel('Agenda item')).toHaveValue('Map the dischrage');

  // Fixing the typo renames the item; the clock keeps running for everyone.
  await panel.getByLabel('Agenda item').fill('Map the discharge');
  await panel.getByRole('button', { name: 'Set timer', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Agenda item renamed.' })).toBeVisible();
  await expect(clock).toContainText('Map the discharge');
  await expect(clock).toContainText('Running');
  await expect(tabletPanel.getByLabel('Agenda item')).toHaveValue('Map the discharge', { timeout: 15_000 });
  await expect(tabletPanel.getByTestId('workshop-clock')).toContainText('Running');

  // A new length asks first, in the page, since it stops the clock for everyone.
  await tabletPanel.getByLabel('Minutes').fill('15');
  await tabletPanel.getByRole('button', { name: 'Set timer', exact: true }).click();
  const question = tabletPanel.getByTestId('timer-question');
  await expect(question).toContainText('The timer is running. Setting it to 15 minutes stops it and puts it back to the start for everyone.');
  await expect(question.getByText(/^The timer is running/)).toBeFocused();
  await expectAccessible(tablet, 'workshop: asked before a running timer is reset');
  await question.getByRole('button', { name: 'No, keep it running' }).click();
  await expect(question).toHaveCount(0);
  await expect(tabletPanel.getByRole('button', { name: 'Set timer', exact: true })).toBeFocused();
  await expect(tabletPanel.getByTestId('workshop-clock')).toContainText('Running');
  await expect(tabletPanel.getByLabel('Minutes')).toHaveValue('15');

  // From the keyboard: Enter in the minutes asks again, and the answer is a button away.
  await tabletPanel.getByLabel('Minutes').press('Enter');
  await tablet.keyboard.press('Tab');
  await expect(question.getByRole('button', { name: 'Yes, set it to 15 minutes' })).toBeFocused();
  await tablet.keyboard.press('Enter');
  await expect(tabletPanel.getByRole('status').filter({ hasText: 'Timer set: Map the discharge, 15 minutes. It is stopped: start it when the room is ready.' })).toBeVisible();
  await expect(question).toHaveCount(0);
  await expect(clock).toContainText('Not started', { timeout: 15_000 });
  await expect(panel.getByLabel('Minutes')).toHaveValue('15');

  await gp.context().close();
  await tablet.context().close();
});

test('the agenda clock is said once, by the workshop bar, when its state changes and not every second', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Clock said once ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  await panel.getByLabel('Agenda item').fill('Map the discharge');
  await panel.getByLabel('Minutes').fill('10');
  await panel.getByRole('button', { name: 'Set timer', exact: true }).click();
  await panel.getByRole('button', { name: 'Start timer' }).click();
  await expect(panel.getByTestId('workshop-clock')).toContainText('Running');
  // The clock shows twice with the Workshop tab open: in the bar and in the panel.
  await expect(gp.getByTestId('workshop-clock')).toHaveCount(2);
  // What the page's live regions would say about the clock: its name and state, once; never the time.
  const spoken = () =>
    gp.evaluate(() =>
      [...document.querySelectorAll('[role="status"], [role="alert"], [role="log"], [aria-live]')]
        .filter((el) => el.getAttribute('aria-live') !== 'off' && !el.closest('[hidden]'))
        .map((el) => el.textContent ?? '')
        .filter((text) => text.includes('Map the discharge') || /\d:\d\d/.test(text)),
    );
  expect(await spoken()).toEqual(['Map the discharge: Running']);
  await expect(gp.getByTestId('workshop-bar').locator('[role="status"]', { hasText: 'Map the discharge: Running' })).toHaveCount(1);
  await expect(panel.getByTestId('workshop-clock-state')).toHaveText('Map the discharge: Running');
  // The time counts down on screen while what is said stays the same.
  const time = gp.getByTestId('workshop-bar').getByTestId('workshop-clock-time');
  const before = (await time.textContent()) ?? '';
  await expect(time).not.toHaveText(before);
  await expect(time).toHaveAttribute('aria-live', 'off');
  expect(await spoken()).toEqual(['Map the discharge: Running']);
  await expectAccessible(gp, 'workshop: the clock in the bar and in the panel');
  await gp.context().close();
});

test('a step in the dot vote’s tally is gone to with the keyboard focus, on the canvas and in the outline', async ({ browser }) => {
  const gp = await person(browser, 'gp@pathweave.test');
  const path = await newBlankPathway(gp, `Go to a voted step ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await stepNode(gp, 'Leaves the pathway').click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  const panel = gp.getByTestId('workshop-panel');
  await panel.getByRole('button', { name: 'Put a dot on “Leaves the pathway”' }).click();
  await expect(panel.getByTestId('vote-tally')).toContainText('1 from 1 person');
  // Another step chosen, so that going to the voted one changes what is chosen.
  await stepNode(gp, 'Person asks for help').click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();

  // On the canvas: the step is chosen, its details shown, and the focus is on it, so the next key acts on it.
  await panel.getByTestId('vote-tally').getByRole('button', { name: 'Leaves the pathway', exact: true }).press('Enter');
  const node = stepNode(gp, 'Leaves the pathway');
  await expect(node).toHaveClass(/selected/);
  await expect(gp.getByTestId('step-inspector').getByLabel('Title', { exact: true })).toHaveValue('Leaves the pathway');
  await expect(node).toBeFocused();
  await gp.keyboard.press('Escape');
  await expect(node).not.toHaveClass(/selected/);
  await expect(node).toBeFocused();

  // In the outline: the step's title button takes the focus.
  await gp.getByRole('tab', { name: 'Outline' }).click();
  await gp.getByRole('tab', { name: 'Workshop' }).click();
  await panel.getByTestId('vote-tally').getByRole('button', { name: 'Leaves the pathway', exact: true }).press('Enter');
  const title = gp.locator('.pw-outline-title', { hasText: 'Leaves the pathway' });
  await expect(title).toHaveAttribute('aria-pressed', 'true');
  await expect(title).toBeFocused();
  await expect.poll(() => focusIsOnPage(gp)).toBe(false);
  // Back on the canvas (drawn afresh), the step gone to before does not take the focus again.
  await gp.getByRole('tab', { name: 'Canvas' }).click();
  await canvasSettled(gp);
  // Long enough for a move of the view and the step's focus, had either been asked for.
  await gp.waitForTimeout(1000);
  await expect(gp.getByRole('tab', { name: 'Canvas' })).toBeFocused();
  await gp.context().close();
});
