import { expect, test, type Page, type Route } from '@playwright/test';
import { e2eDatabaseUrl, expectAccessible, hydrated, person, signIn } from './support';

/**
 * Shared care plans in the browser: a clinician makes a plan from two pathways and merges a
 * duplicate; the person, on a phone, sees where they are and what happens next, ticks off a job and
 * prints; a carer sees the plan only once the person shares it. axe is run on every view.
 */
test.beforeAll(async () => {
  // Arthur's demo plan, until lib/db/seed.ts seeds care plans itself (it is idempotent either way).
  process.env.DATABASE_URL = await e2eDatabaseUrl();
  const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
  const { seedCarePlans } = await import('../../lib/db/seed-care-plans');
  await getPrisma().$transaction((tx) => seedCarePlans(tx));
  await disconnectPrisma();
});

/** From any workspace page: the care plans list, then Arthur's plan. */
async function openArthursPlan(p: Page) {
  await p.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Care plans' }).click();
  await p.getByRole('link', { name: 'Arthur Pennock' }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Care plan for Arthur Pennock' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
}

test('a clinician makes a plan from two pathways and merges a duplicated step', async ({ page }) => {
  await signIn(page, 'gp@pathweave.test');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Care plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plans' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Arthur Pennock' })).toBeVisible();
  await expectAccessible(page, 'care plans list');

  await page.getByRole('link', { name: 'Make a care plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Make a care plan' })).toBeVisible();
  await expectAccessible(page, 'new care plan form');

  // Nothing filled in: the errors name the fields, and link to them.
  await page.getByRole('button', { name: 'Make the care plan' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary).toContainText('Patient’s NHS number: enter their NHS number.');
  await expect(summary).toContainText('Patient’s email address: enter an email address.');
  await expect(summary).toContainText('Pathways: choose at least one pathway.');
  await expectAccessible(page, 'new care plan form with errors');

  // Maya's email with another patient's NHS number (Priya's): refused, with one answer that says
  // neither whose the number is nor whose the email is, and what was typed is kept.
  const nhsNumber = page.getByLabel('Patient’s NHS number');
  await expect(nhsNumber).toHaveAttribute('inputmode', 'numeric');
  await nhsNumber.fill('999 000 0034');
  await page.getByLabel('Patient’s email address').fill('patient2@pathweave.test');
  await page.getByRole('checkbox', { name: /COPD: breathlessness/ }).check();
  await page.getByRole('checkbox', { name: /Frailty: recognising/ }).check();
  await page.getByRole('button', { name: 'Make the care plan' }).click();
  await expect(summary).toContainText(
    'Patient’s NHS number: we could not find a patient account with this NHS number and email address. Check both with the person.',
  );
  await expect(summary).not.toContainText('Priya');
  // The summary names the field and links to it.
  await expect(summary.getByRole('link', { name: /^Patient’s NHS number:/ })).toHaveAttribute(
    'href',
    `#${await nhsNumber.getAttribute('id')}`,
  );
  await expect(nhsNumber).toHaveValue('999 000 0034');
  await expect(nhsNumber).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Patient’s email address')).toHaveValue('patient2@pathweave.test');
  await expect(page.getByRole('checkbox', { name: /COPD: breathlessness/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /Frailty: recognising/ })).toBeChecked();
  await expectAccessible(page, 'new care plan form, patient not found');

  // Her own number, as the NHS writes it.
  await nhsNumber.fill('999 000 0026');
  await page.getByRole('button', { name: 'Make the care plan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Maya Thorne' })).toBeVisible();
  // Completeness names what is missing from a new plan.
  const completeness = page.getByRole('region', { name: 'Is the plan complete?' });
  await expect(completeness).toContainText('No care coordinator is named.');
  await expect(completeness).toContainText('There is no health goal.');
  // The step she is on, for each pathway.
  await expect(page.getByRole('combobox', { name: 'Current step' })).toHaveCount(2);
  await expectAccessible(page, 'new plan in the editor');

  // Merge the two practice reviews into one.
  const duplicates = page.getByRole('region', { name: 'Steps that appear in more than one pathway' });
  const reviews = duplicates.getByRole('form', { name: /Merge Annual COPD review and Regular frailty review/ });
  await expect(reviews).toBeVisible();
  await reviews.getByLabel('Name of the merged step').fill('One yearly review for breathing and frailty');
  await reviews.getByRole('button', { name: 'Merge into one step' }).click();
  await expect(duplicates.getByRole('heading', { name: 'Merged steps' })).toBeVisible();
  await expect(duplicates.getByText('One yearly review for breathing and frailty')).toBeVisible();
  await expect(duplicates.getByRole('form', { name: /Merge Annual COPD review/ })).toHaveCount(0);
  await expectAccessible(page, 'plan after merging');

  // Name a coordinator: the completeness check updates.
  const people = page.getByRole('form', { name: 'Care coordinator and crisis contact' });
  await people.getByLabel('Care coordinator').selectOption({ label: 'Dr Ada Fernsby (GP)' });
  await people.getByLabel('Crisis contact', { exact: true }).fill('NHS 111');
  await people.getByLabel('Crisis contact phone number').fill('111');
  await people.getByRole('button', { name: 'Save' }).click();
  await expect(people.getByRole('status')).toHaveText('Saved.');
  await expect(completeness).not.toContainText('No care coordinator is named.');

  // A review date, then the same date with its month cleared: the browser would send that as no date
  // at all, clearing the saved one, so the form stops and names the field instead.
  const details = page.getByRole('form', { name: 'What matters and review date' });
  const review = details.getByLabel('Review date');
  await review.fill('2027-03-01');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  await review.focus();
  await page.keyboard.press('Backspace');
  await details.getByRole('button', { name: 'Save' }).click();
  const unfinished = details.getByRole('alert');
  await expect(unfinished).toContainText('Review date: the date is not complete.');
  await expect(unfinished).toBeFocused();
  await expect(review).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.getByRole('form', { name: 'What matters and review date' }).getByLabel('Review date')).toHaveValue(
    '2027-03-01',
  );

  // Add a goal, then remove it with the keyboard. The goal goes, and its form and button with it: the
  // goals section says what was removed, outside the list, and the focus moves to its heading.
  const goals = page.getByRole('region', { name: 'Goals' });
  const addGoal = goals.getByRole('form', { name: 'Add a goal' });
  await addGoal.getByLabel('Goal', { exact: true }).fill('Walk to the shop');
  await hydrated(addGoal.getByRole('button', { name: 'Add goal' }));
  await addGoal.getByRole('button', { name: 'Add goal' }).click();
  const goal = goals.getByRole('listitem').filter({ hasText: 'Walk to the shop' });
  await expect(goal).toBeVisible();
  await goal.locator('summary', { hasText: 'Change or remove' }).click();
  await goal.getByRole('button', { name: 'Remove this goal' }).focus();
  await page.keyboard.press('Enter');
  await expect(goal).toHaveCount(0);
  const removed = goals.getByRole('status').filter({ hasText: 'Removed' });
  await expect(removed).toHaveText('Removed the goal “Walk to the shop”.');
  await expect(removed.locator('xpath=ancestor::ul')).toHaveCount(0);
  await expect(goals.getByRole('heading', { level: 2, name: 'Goals' })).toBeFocused();
  await expectAccessible(page, 'plan after removing a goal');
  // The same for a pathway taken off the plan (the plan has two).
  const where = page.getByRole('region', { name: /is on each pathway$/ });
  const removePathway = where.getByRole('form', { name: /^Remove .+ from the plan$/ }).last();
  const pathwayTitle = ((await removePathway.getAttribute('aria-label')) ?? '').replace(/^Remove (.+) from the plan$/, '$1');
  await removePathway.getByRole('button', { name: 'Remove this pathway from the plan' }).focus();
  await page.keyboard.press('Enter');
  await expect(where.getByRole('status').filter({ hasText: 'Removed' })).toHaveText(`Removed the pathway “${pathwayTitle}”.`);
  await expect(where.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(where.getByRole('heading', { level: 3, name: pathwayTitle })).toHaveCount(0);

  // Who has opened or changed the plan: the care team's audit page.
  await page.getByRole('link', { name: 'Who has opened or changed this plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectAccessible(page, 'care team audit page');
});

test('the person, on a phone, sees where they are and what happens next, ticks off a job and prints', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'patient@pathweave.test');
  await expect(page).toHaveURL(/\/my-plan$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  // Their plan is one tap away from any page.
  await expect(page.getByRole('banner').getByRole('link', { name: 'My care plan' })).toHaveAttribute('href', '/my-plan');
  const where = page.getByRole('region', { name: 'Where you are now' });
  await expect(where.getByText('You are here').first()).toBeVisible();
  await expect(where).toContainText('Pulmonary rehabilitation programme');
  const next = page.getByRole('region', { name: 'What happens next' });
  await expect(next.getByRole('listitem').first()).toBeVisible();
  await expect(next).toContainText('Local lung health peer support group');
  // Contact buttons that dial.
  await expect(page.getByRole('link', { name: /Call Bea Lindqvist-Hart/ }).first()).toHaveAttribute(
    'href',
    'tel:01632960002',
  );
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page, 'patient plan on a phone');

  // Tick off a job.
  const actions = page.getByRole('region', { name: 'Who does what' });
  const job = actions
    .getByRole('listitem')
    .filter({ hasText: 'Do the home exercises from the class on the other days' });
  // With the keyboard: the job moves down the list once done, and the focus stays on its button.
  await hydrated(job.getByRole('button', { name: /Mark as done/ }));
  await job.getByRole('button', { name: /Mark as done/ }).focus();
  await page.keyboard.press('Enter');
  await expect(job.getByRole('button', { name: /Not done yet/ })).toBeVisible();
  await expect(job.getByRole('button', { name: /Not done yet/ })).toBeFocused();
  await expect(job).toContainText('Done');
  await expectAccessible(page, 'patient plan after ticking off a job');

  // A note, with the keyboard alone: Tab into the box, type, Tab to the button, press Enter.
  const notes = page.getByRole('region', { name: 'My notes' });
  const box = notes.getByLabel('Your note');
  await box.focus();
  await page.keyboard.type('Can I bring my daughter to the next review?');
  await page.keyboard.press('Tab');
  await expect(notes.getByRole('button', { name: 'Save note' })).toBeFocused();
  await page.keyboard.press('Enter');
  const note = notes.getByRole('listitem').filter({ hasText: 'Can I bring my daughter to the next review?' });
  await expect(note).toBeVisible();
  await expectAccessible(page, 'patient plan with a new note');
  // Deleting a note asks first; only "Yes" deletes it.
  await note.locator('summary', { hasText: 'Delete this note' }).click();
  await expect(note.getByText('Are you sure you want to delete this note? You cannot get it back.')).toBeVisible();
  await expectAccessible(page, 'patient plan, deleting a note');
  await note.getByRole('button', { name: 'Yes, delete this note' }).click();
  await expect(notes.getByRole('listitem').filter({ hasText: 'Can I bring my daughter to the next review?' })).toHaveCount(0);
  // The note and its button have gone: the notes say so, and the focus is on that, not lost to the page.
  const deleted = notes.getByRole('status').filter({ hasText: 'Note deleted.' });
  await expect(deleted).toHaveText('Note deleted.');
  await expect(deleted).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Note deleted.');
  await expectAccessible(page, 'patient plan after deleting a note');

  // The connection drops as a note is saved and a job ticked off: the page stays, says nothing was
  // saved, and keeps what was typed; once back online the same button saves it.
  const dropActions = (route: Route) =>
    route.request().headers()['next-action'] ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/*', dropActions);
  await box.fill('Ask about the blue inhaler');
  await notes.getByRole('button', { name: 'Save note' }).click();
  const problem = notes.getByRole('alert');
  await expect(problem).toContainText('Pathweave could not be reached, so nothing was saved.');
  await expect(problem).toBeFocused();
  await expect(box).toHaveValue('Ask about the blue inhaler');
  const otherJob = actions.getByRole('listitem').filter({ has: page.getByRole('button', { name: /Mark as done/ }) }).first();
  await otherJob.getByRole('button', { name: /Mark as done/ }).click();
  await expect(otherJob.getByRole('alert')).toContainText('Pathweave could not be reached, so nothing was saved.');
  await expect(otherJob.getByRole('button', { name: /Mark as done/ })).toBeVisible();
  await expectAccessible(page, 'patient plan, saving when Pathweave cannot be reached');
  await page.unroute('**/*', dropActions);
  await notes.getByRole('button', { name: 'Save note' }).click();
  await expect(notes.getByRole('listitem').filter({ hasText: 'Ask about the blue inhaler' })).toBeVisible();
  await expect(notes.getByRole('alert')).toHaveCount(0);

  // Large text.
  await page.getByRole('button', { name: 'Make the text bigger' }).click();
  await expect(page.getByRole('button', { name: 'Make the text smaller' })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  await expectAccessible(page, 'patient plan with large text');
  await page.getByRole('button', { name: 'Make the text smaller' }).click();
  await expect(page.getByRole('button', { name: 'Make the text bigger' })).toBeVisible();
  // Smaller again at once, not only after a reload.
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');

  // Print: the printable plan has every part, with the numbers written out.
  await page.getByRole('link', { name: 'Printable plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Arthur Pennock' })).toBeVisible();
  await expectAccessible(page, 'printable plan');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print this plan' })).toBeHidden();
  for (const heading of [
    'Where you are now',
    'What happens next',
    'Who to contact',
    'If things get worse',
    'Who does what',
    'My care team',
    'My notes',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText('01632 960 002').first()).toBeVisible();
  await expect(page.getByText('Space for your own notes:')).toBeVisible();
  await expectAccessible(page, 'printable plan as printed');
  await page.emulateMedia({ media: 'screen' });

  // The PDF.
  const planId = new URL(page.url()).pathname.split('/')[2];
  const pdf = await page.request.get(`/api/care-plans/${planId}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const large = await page.request.get(`/api/care-plans/${planId}/pdf?size=large`);
  expect((await large.body()).length).toBeGreaterThan((await pdf.body()).length);
});

test('a carer sees the plan only after the person shares it with them', async ({ page }) => {
  // June can see the demo plan, which Arthur has shared with her; her visit is recorded…
  await signIn(page, 'carer@pathweave.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Arthur Pennock’s care plan' })).toBeVisible();
  await signOut(page);

  // …and Arthur sees who has looked, then stops sharing with June…
  await signIn(page, 'patient@pathweave.test');
  await page.getByRole('link', { name: /Choose who can see my plan/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who can see my plan' })).toBeVisible();
  const looked = page.getByRole('table');
  await expect(looked.getByRole('row').filter({ hasText: 'June Pennock' }).first()).toContainText('Looked at the plan');
  await expectAccessible(page, 'sharing page');
  const planUrl = new URL(page.url()).pathname.replace(/\/sharing$/, '');
  // The same page open in a second tab goes stale when the first one stops sharing.
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await hydrated(stale.getByRole('button', { name: 'Stop sharing with June Pennock' }));
  await page.getByRole('button', { name: 'Stop sharing with June Pennock' }).click();
  await expect(page.getByText('Only you and your care team can see your plan now.')).toBeVisible();
  // June and the button have left the list: the page says so, and the focus is on that, not lost.
  const stopped = page.getByRole('status').filter({ hasText: 'You stopped sharing' });
  await expect(stopped).toHaveText('You stopped sharing your plan with June Pennock.');
  await expect(stopped).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    'You stopped sharing your plan with June Pennock.',
  );
  await expectAccessible(page, 'sharing page after stopping sharing');
  // Pressing the stale button says what is true instead of failing in silence.
  await stale.getByRole('button', { name: 'Stop sharing with June Pennock' }).click();
  await expect(stale.getByRole('listitem').filter({ hasText: 'June Pennock' }).getByRole('alert')).toHaveText(
    'Access: this person cannot see your plan now anyway.',
  );
  await stale.close();
  await signOut(page);

  // …so June sees nothing, and the plan's address is "not found".
  await signIn(page, 'carer@pathweave.test');
  await expect(page).toHaveURL(/\/my-plan$/);
  await expect(page.getByText('Your care team has not shared a care plan with you here yet.')).toBeVisible();
  await expect(page.getByText('Arthur')).toHaveCount(0);
  await expectAccessible(page, 'carer without access');
  const denied = await page.goto(planUrl);
  expect(denied?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await signOut(page);

  // Arthur shares it with her again…
  await signIn(page, 'patient@pathweave.test');
  await page.goto(`${planUrl}/sharing`);
  const share = page.getByRole('form', { name: 'Share your plan with someone' });
  // An address with no account is asked like any other (sharing never tells Arthur who has an account)…
  await share.getByLabel('Their email address').fill('june@nowhere.example');
  // Reached by keyboard, the checkbox shows a black focus ring (yellow alone is about 1.2:1 on white).
  await page.keyboard.press('Tab');
  const contribute = share.getByLabel('They can also add notes and tick off jobs');
  await expect(contribute).toBeFocused();
  expect(
    await contribute.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
    }),
  ).toEqual({ style: 'solid', width: '3px', color: 'rgb(33, 43, 50)' });
  await page.keyboard.press('Space');
  await expect(contribute).toBeChecked();
  await share.getByRole('button', { name: 'Share my plan' }).click();
  await expect(share.getByRole('status')).toContainText('You have asked june@nowhere.example to see your plan.');
  const waiting = page.getByRole('region', { name: 'Waiting for them to say yes' });
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting).toContainText('june@nowhere.example');
  await expect(waiting).toContainText('If they say yes, they can see your plan, add notes and tick off jobs.');
  await expectAccessible(page, 'sharing page with an invitation');
  // …and a mistyped one can be taken back.
  await waiting.getByRole('button', { name: 'Take back the invitation to june@nowhere.example' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You took back the invitation' })).toHaveText(
    'You took back the invitation to june@nowhere.example.',
  );
  await expect(waiting).toHaveCount(0);
  // June could see the plan before, so sharing with her again takes effect at once.
  await share.getByLabel('Their email address').fill('carer@pathweave.test');
  await share.getByLabel('They can also add notes and tick off jobs').check();
  await share.getByRole('button', { name: 'Share my plan' }).click();
  await expect(share.getByRole('status')).toHaveText('June Pennock can now see your plan.');
  await expect(page.getByText('Can see your plan, add notes and tick off jobs.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop sharing with June Pennock' })).toBeVisible();
  await signOut(page);

  // …and now she sees it, in words meant for her.
  await signIn(page, 'carer@pathweave.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Arthur Pennock’s care plan' })).toBeVisible();
  await expect(page.getByText('This is the care plan of the person you care for.')).toBeVisible();
  // "You" is June: the plan speaks of Arthur by name.
  const where = page.getByRole('region', { name: 'Where Arthur is now' });
  await expect(where).toContainText('Arthur is here');
  await expect(where).toContainText('This shows the step Arthur is on now.');
  await expect(where).not.toContainText('You are here');
  for (const heading of ['What matters to Arthur', 'Arthur’s goals', 'Arthur’s medicines', 'Arthur’s care team']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: /^My (goals|medicines|care team)$/ })).toHaveCount(0);
  // Every part of the plan is one link away, named as its heading.
  const parts = page.getByRole('navigation', { name: 'Parts of this plan' });
  await expect(parts.getByRole('link')).toHaveCount(11);
  await parts.getByRole('link', { name: 'Arthur’s medicines' }).click();
  await expect(page).toHaveURL(/#medicines$/);
  await expect(page.getByRole('link', { name: /Choose who can see my plan/ })).toHaveCount(0);
  await expectAccessible(page, 'carer view');
});

test('someone new sees the plan only after they say yes to the invitation', async ({ page }) => {
  await signIn(page, 'patient@pathweave.test');
  await page.getByRole('link', { name: /Choose who can see my plan/ }).click();
  const share = page.getByRole('form', { name: 'Share your plan with someone' });
  await share.getByLabel('Their email address').fill('patient.rep@pathweave.test');
  await share.getByRole('button', { name: 'Share my plan' }).click();
  await expect(share.getByRole('status')).toContainText('You have asked patient.rep@pathweave.test to see your plan.');
  // Arthur sees the address he typed, never the name of an account.
  await expect(page.getByRole('region', { name: 'Waiting for them to say yes' })).toContainText('patient.rep@pathweave.test');
  await expect(page.getByText('Priya Osei')).toHaveCount(0);
  const sharingUrl = page.url();
  await signOut(page);

  // Priya (a workspace member) finds the invitation from the header, and nothing of the plan yet.
  await signIn(page, 'patient.rep@pathweave.test');
  await page.getByRole('link', { name: 'My care plan' }).click();
  const invitation = page.getByRole('region', { name: 'Someone has asked you to see their care plan' });
  await expect(invitation.getByRole('heading', { level: 3 })).toHaveText('Arthur Pennock would like you to see their care plan');
  await expect(invitation).toContainText('You will be able to read it. You will not be able to change it.');
  await expect(page.getByRole('heading', { name: 'What matters to Arthur' })).toHaveCount(0);
  await expectAccessible(page, 'an invitation to see a plan');
  await invitation.getByRole('button', { name: 'Yes, show me Arthur Pennock’s plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Arthur Pennock’s care plan' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What matters to Arthur' })).toBeVisible();
  await signOut(page);

  // Arthur now sees her name, that she said yes, and can stop sharing at once.
  await signIn(page, 'patient@pathweave.test');
  await page.goto(sharingUrl);
  await expect(page.getByRole('region', { name: 'Waiting for them to say yes' })).toHaveCount(0);
  const looked = page.getByRole('table');
  await expect(looked.getByRole('row').filter({ hasText: 'Priya Osei' }).first()).toBeVisible();
  await expect(looked).toContainText('Said yes to seeing the plan');
  await page.getByRole('button', { name: 'Stop sharing with Priya Osei' }).click();
  await expect(page.getByRole('button', { name: 'Stop sharing with Priya Osei' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'You stopped sharing' })).toBeFocused();
  // Sharing again with her is one button: it leaves the list too, so the page says what happened.
  await page.getByRole('button', { name: 'Share again with Priya Osei' }).click();
  const sharedAgain = page.getByRole('status').filter({ hasText: 'can see your plan again' });
  await expect(sharedAgain).toHaveText('Priya Osei can see your plan again.');
  await expect(sharedAgain).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Priya Osei can see your plan again.');
  await expect(page.getByRole('button', { name: 'Share again with Priya Osei' })).toHaveCount(0);
  await expectAccessible(page, 'sharing page after sharing again');
  await page.getByRole('button', { name: 'Stop sharing with Priya Osei' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You stopped sharing' })).toHaveText(
    'You stopped sharing your plan with Priya Osei.',
  );
  await expect(page.getByRole('status').filter({ hasText: 'You stopped sharing' })).toBeFocused();

  // Someone else is asked and says no: Arthur sees only the address he typed.
  const again = page.getByRole('form', { name: 'Share your plan with someone' });
  await again.getByLabel('Their email address').fill('voluntary@pathweave.test');
  await again.getByRole('button', { name: 'Share my plan' }).click();
  await expect(again.getByRole('status')).toContainText('You have asked voluntary@pathweave.test');
  await signOut(page);
  await signIn(page, 'voluntary@pathweave.test');
  await page.getByRole('link', { name: 'My care plan' }).click();
  await page
    .getByRole('region', { name: 'Someone has asked you to see their care plan' })
    .getByRole('button', { name: 'No, thank you (Arthur Pennock’s plan)' })
    .click();
  await expect(page.getByRole('status')).toContainText('You said no to seeing Arthur Pennock’s care plan.');
  await expect(page.getByRole('region', { name: 'Someone has asked you to see their care plan' })).toHaveCount(0);
  await expectAccessible(page, 'after saying no to an invitation');
  await signOut(page);
  await signIn(page, 'patient@pathweave.test');
  await page.goto(sharingUrl);
  await expect(page.getByRole('region', { name: 'People who said no' })).toContainText('voluntary@pathweave.test said no');
  await expect(page.getByText('Sam Ashdown')).toHaveCount(0);
});

test('long unbroken text in a note wraps on a 320px screen instead of scrolling sideways', async ({ page }) => {
  // WCAG 1.4.10 reflow: a pasted link or email address must not push the page wider than the screen.
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, 'patient@pathweave.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  const long = `https://example.org/a-very-long-link-with-no-spaces-${'x'.repeat(120)}`;
  const notes = page.getByRole('region', { name: 'My notes' });
  await notes.getByLabel('Your note').fill(long);
  await notes.getByRole('button', { name: 'Save note' }).click();
  const note = notes.getByRole('listitem').filter({ hasText: long });
  await expect(note).toBeVisible();
  const widths = () =>
    page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
  const screen = await widths();
  expect(screen.scroll).toBeLessThanOrEqual(screen.client);
  await expectAccessible(page, 'patient plan with a long note at 320px');

  // The printable plan too.
  await page.getByRole('link', { name: 'Printable plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Arthur Pennock' })).toBeVisible();
  await expect(page.getByText(long)).toBeVisible();
  const print = await widths();
  expect(print.scroll).toBeLessThanOrEqual(print.client);
  await expectAccessible(page, 'printable plan with a long note at 320px');

  // Tidy up: delete the note.
  await page.getByRole('link', { name: 'Back to the plan' }).click();
  const again = page.getByRole('region', { name: 'My notes' }).getByRole('listitem').filter({ hasText: long });
  await again.locator('summary', { hasText: 'Delete this note' }).click();
  await again.getByRole('button', { name: 'Yes, delete this note' }).click();
  await expect(page.getByRole('region', { name: 'My notes' }).getByText(long)).toHaveCount(0);
});

test('labels printed white on blue stay readable on paper, where printers leave out backgrounds', async ({ page }) => {
  await signIn(page, 'patient@pathweave.test');
  await page.getByRole('link', { name: 'Printable plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan for Arthur Pennock' })).toBeVisible();
  const badges = [
    page.getByRole('region', { name: 'Where you are now' }).getByText('You are here', { exact: true }).first(),
    page.getByRole('region', { name: 'My care team' }).getByText('Care coordinator', { exact: true }).first(),
  ];
  const colours = (badge: (typeof badges)[number]) =>
    badge.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, background: s.backgroundColor, border: s.borderTopStyle };
    });
  for (const badge of badges) {
    // On screen: white on NHS blue.
    expect(await colours(badge)).toMatchObject({ color: 'rgb(255, 255, 255)', background: 'rgb(0, 94, 184)' });
  }
  await page.emulateMedia({ media: 'print' });
  for (const badge of badges) {
    // On paper: dark text in an outline, with no background to lose.
    const printed = await colours(badge);
    expect(printed.color).not.toBe('rgb(255, 255, 255)');
    expect(printed.color).toBe('rgb(33, 43, 50)');
    expect(printed.background).toBe('rgba(0, 0, 0, 0)');
    expect(printed.border).toBe('solid');
  }
  await expectAccessible(page, 'printable plan as printed, with its labels');
  await page.emulateMedia({ media: 'screen' });
});

test('a nurse saving a job the person ticked off since her page was drawn is told so, keeps what she typed, and his tick stands', async ({
  page,
  browser,
}) => {
  // A job of Arthur's own, named for this run so nothing else on his plan is mistaken for it.
  const job = `Post a birthday card to Edith (${Date.now().toString(36)})`;
  await signIn(page, 'community.nurse@pathweave.test');
  await openArthursPlan(page);
  const actions = page.getByRole('region', { name: 'Who does what' });
  await actions.locator('summary', { hasText: 'Add an action' }).click();
  const add = actions.getByRole('form', { name: 'Add an action' });
  await add.getByLabel('What needs doing').fill(job);
  await add.getByLabel('Who does it').selectOption({ label: 'Arthur Pennock (the person)' });
  await hydrated(add.getByRole('button', { name: 'Add action' }));
  await add.getByRole('button', { name: 'Add action' }).click();
  const item = actions.getByRole('listitem').filter({ hasText: job });
  await expect(item).toContainText('To do');

  // Her page stays open while Arthur, on his own phone, ticks the job off.
  const arthur = await person(browser, 'patient@pathweave.test');
  const his = arthur.getByRole('region', { name: 'Who does what' }).getByRole('listitem').filter({ hasText: job });
  await hydrated(his.getByRole('button', { name: /Mark as done/ }));
  await his.getByRole('button', { name: /Mark as done/ }).click();
  await expect(his.getByRole('button', { name: /Not done yet/ })).toBeVisible();
  await arthur.context().close();

  // She gives the job a date and saves. Her form was drawn "to do": saving it would undo his tick.
  await item.locator('summary', { hasText: 'Change or remove' }).click();
  const change = item.getByRole('form', { name: `Change action ${job}` });
  await change.getByLabel('Date to be done by').fill('2027-05-01');
  await hydrated(change.getByRole('button', { name: 'Save action' }));
  await change.getByRole('button', { name: 'Save action' }).click();
  const problem = change.getByRole('alert', { name: 'There is a problem' });
  await expect(problem).toContainText(
    'This action was changed by someone else since you opened the page. Your changes are below; reload the page to see theirs.',
  );
  await expect(problem).toContainText(
    'Action: copy anything you want to keep, reload the page, then make your changes again.',
  );
  // About the whole form, not one field: text, not a link that would go nowhere.
  await expect(problem.getByRole('link')).toHaveCount(0);
  await expect(problem).toBeFocused();
  // What she typed is still in the form.
  await expect(change.getByLabel('Date to be done by')).toHaveValue('2027-05-01');
  await expectAccessible(page, 'care plan editor, a save refused because someone else changed the job');

  // Reloaded, the page shows his tick, and her date saves without undoing it.
  await page.reload();
  await expect(item).toContainText('Done');
  await expect(item).toContainText('no date');
  await item.locator('summary', { hasText: 'Change or remove' }).click();
  await change.getByLabel('Date to be done by').fill('2027-05-01');
  await hydrated(change.getByRole('button', { name: 'Save action' }));
  await change.getByRole('button', { name: 'Save action' }).click();
  await expect(change.getByRole('status')).toHaveText('Saved.');
  await expect(item).toContainText('Done');
  await expect(item).toContainText('by 1 May 2027');

  // Tidy up: the job was only for this test.
  await item.getByRole('button', { name: 'Remove this action' }).click();
  await expect(item).toHaveCount(0);
});

test('a nurse saving what matters to Arthur after the GP changed it since her page was drawn is told so, keeps what she typed, and the GP’s words stand', async ({
  page,
  browser,
}) => {
  const run = Date.now().toString(36);
  const openPlanForms = async (p: Page) => {
    await openArthursPlan(p);
    return p.getByRole('form', { name: 'What matters and review date' });
  };
  await signIn(page, 'community.nurse@pathweave.test');
  const details = await openPlanForms(page);
  const original = {
    whatMatters: await details.getByLabel('What matters to me').inputValue(),
    review: await details.getByLabel('Review date').inputValue(),
  };

  // Her page stays open while the GP, on his own computer, saves the same form.
  const gp = await person(browser, 'gp@pathweave.test');
  const his = await openPlanForms(gp);
  const gpWords = `Being at my granddaughter’s wedding in June (${run}).`;
  await his.getByLabel('What matters to me').fill(gpWords);
  await hydrated(his.getByRole('button', { name: 'Save' }));
  await his.getByRole('button', { name: 'Save' }).click();
  await expect(his.getByRole('status')).toHaveText('Saved.');
  await gp.context().close();

  // She writes what matters and a review date, and saves. Her form was drawn before his save.
  const mine = `Getting to the allotment twice a week (${run}).`;
  await details.getByLabel('What matters to me').fill(mine);
  await details.getByLabel('Review date').fill('2027-06-30');
  await hydrated(details.getByRole('button', { name: 'Save' }));
  await details.getByRole('button', { name: 'Save' }).click();
  const problem = details.getByRole('alert', { name: 'There is a problem' });
  await expect(problem).toContainText(
    'The plan’s title, what matters and review date were changed by someone else since you opened the page. Your changes are below; reload the page to see theirs.',
  );
  await expect(problem).toContainText(
    'What matters and review date: copy anything you want to keep, reload the page, then make your changes again.',
  );
  await expect(problem).toBeFocused();
  // What she typed is still in the form, not the saved values.
  await expect(details.getByLabel('What matters to me')).toHaveValue(mine);
  await expect(details.getByLabel('Review date')).toHaveValue('2027-06-30');
  await expectAccessible(page, 'care plan editor, a save refused because someone else changed what matters');

  // Reloaded, the page shows his words; hers save over them once she has seen them.
  await page.reload();
  await expect(details.getByLabel('What matters to me')).toHaveValue(gpWords);
  await details.getByLabel('What matters to me').fill(`${gpWords} ${mine}`);
  await details.getByLabel('Review date').fill('2027-06-30');
  await hydrated(details.getByRole('button', { name: 'Save' }));
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(details.getByLabel('What matters to me')).toHaveValue(`${gpWords} ${mine}`);

  // Tidy up: Arthur's words and review date as they were.
  await details.getByLabel('What matters to me').fill(original.whatMatters);
  await details.getByLabel('Review date').fill(original.review);
  await hydrated(details.getByRole('button', { name: 'Save' }));
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
});

test('a nurse’s unsaved words in a form are refused after the GP saved it, even once another save of hers has drawn the page again; a form she has not touched takes the newer version', async ({
  page,
  browser,
}) => {
  const run = Date.now().toString(36);
  const openPlanForms = async (p: Page) => {
    await openArthursPlan(p);
    return {
      details: p.getByRole('form', { name: 'What matters and review date' }),
      green: p.getByRole('form', { name: 'Green: feeling as usual' }),
      medication: p.getByRole('form', { name: 'Medication summary' }),
      step: p.getByRole('form', { name: /^Current step on / }).first(),
    };
  };
  await signIn(page, 'community.nurse@pathweave.test');
  const hers = await openPlanForms(page);
  const original = {
    whatMatters: await hers.details.getByLabel('What matters to me').inputValue(),
    signs: await hers.green.getByLabel('Signs to look out for').inputValue(),
    medication: await hers.medication.getByLabel('Summary').inputValue(),
    step: await hers.step.getByLabel('Current step').inputValue(),
  };
  const steps = await hers.step
    .getByLabel('Current step')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const gpStep = steps.find((s) => s !== original.step)!;

  // She starts writing what matters to Arthur, and has not saved it yet.
  await hydrated(hers.details.getByRole('button', { name: 'Save' }));
  const mine = `Getting to the allotment twice a week (${run}).`;
  await hers.details.getByLabel('What matters to me').fill(mine);

  // Meanwhile the GP, on his own computer, saves what matters, the medication summary and the current step.
  const gp = await person(browser, 'gp@pathweave.test');
  const his = await openPlanForms(gp);
  const gpWords = `Being at my granddaughter’s wedding in June (${run}).`;
  const gpMedication = `Two inhalers and a water tablet (${run}).`;
  await his.details.getByLabel('What matters to me').fill(gpWords);
  await hydrated(his.details.getByRole('button', { name: 'Save' }));
  await his.details.getByRole('button', { name: 'Save' }).click();
  await expect(his.details.getByRole('status')).toHaveText('Saved.');
  await his.medication.getByLabel('Summary').fill(gpMedication);
  await his.medication.getByRole('button', { name: 'Save summary' }).click();
  await expect(his.medication.getByRole('status')).toHaveText('Saved.');
  await his.step.getByLabel('Current step').selectOption(gpStep);
  await his.step.getByRole('button', { name: 'Save current step' }).click();
  await expect(his.step.getByRole('status')).toHaveText('Saved.');
  await gp.context().close();

  // She saves the green part of the plan: her page is drawn again, and her words stay in the box.
  const signs = `Walking to the shop without stopping (${run}).`;
  await hers.green.getByLabel('Signs to look out for').fill(signs);
  await hers.green.getByRole('button', { name: 'Save' }).click();
  await expect(hers.green.getByRole('status')).toHaveText('Saved.');
  await expect(hers.details.getByLabel('What matters to me')).toHaveValue(mine);

  // Her form was drawn before the GP's save: saving it would put her words over his without a word.
  const clash =
    'The plan’s title, what matters and review date were changed by someone else since you opened the page. Your changes are below; reload the page to see theirs.';
  await hers.details.getByRole('button', { name: 'Save' }).click();
  const problem = hers.details.getByRole('alert', { name: 'There is a problem' });
  await expect(problem).toContainText(clash);
  await expect(problem).toBeFocused();
  await expect(hers.details.getByLabel('What matters to me')).toHaveValue(mine);
  await expectAccessible(page, 'care plan editor, a save refused after another save drew the page again');

  // Another save of hers does not clear the way either: her words are refused again, and kept.
  await hers.green.getByLabel('Signs to look out for').fill(`${signs} Sleeping through.`);
  // Saved when the form carries the plan's new revision ("Saved." is still shown from the last save).
  const greenRevision = hers.green.locator('input[name="revision"]');
  const revisionBefore = await greenRevision.inputValue();
  await hers.green.getByRole('button', { name: 'Save' }).click();
  await expect(greenRevision).not.toHaveValue(revisionBefore);
  await expect(hers.green.getByRole('status')).toHaveText('Saved.');
  await expect(hers.details.getByLabel('What matters to me')).toHaveValue(mine);
  await hers.details.getByRole('button', { name: 'Save' }).click();
  await expect(hers.details.getByRole('alert', { name: 'There is a problem' })).toContainText(clash);
  await expect(hers.details.getByLabel('What matters to me')).toHaveValue(mine);

  // The forms she had not touched were drawn again from the GP's saves, so they show his, and save.
  await expect(hers.medication.getByLabel('Summary')).toHaveValue(gpMedication);
  await expect(hers.step.getByLabel('Current step')).toHaveValue(gpStep);
  await hers.medication.getByLabel('Summary').fill(`${gpMedication} Salbutamol when needed.`);
  await hers.medication.getByRole('button', { name: 'Save summary' }).click();
  await expect(hers.medication.getByRole('status')).toHaveText('Saved.');
  await hers.step.getByLabel('Current step').selectOption(original.step);
  await hers.step.getByRole('button', { name: 'Save current step' }).click();
  await expect(hers.step.getByRole('status')).toHaveText('Saved.');

  // The GP's words stand.
  await page.reload();
  await expect(hers.details.getByLabel('What matters to me')).toHaveValue(gpWords);
  await expect(hers.medication.getByLabel('Summary')).toHaveValue(`${gpMedication} Salbutamol when needed.`);
  await expect(hers.step.getByLabel('Current step')).toHaveValue(original.step);

  // Tidy up: Arthur's plan as it was.
  for (const [form, label, value] of [
    [hers.details, 'What matters to me', original.whatMatters],
    [hers.green, 'Signs to look out for', original.signs],
    [hers.medication, 'Summary', original.medication],
  ] as const) {
    await form.getByLabel(label).fill(value);
    await hydrated(form.getByRole('button', { name: /^Save/ }));
    await form.getByRole('button', { name: /^Save/ }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
  }
});

test('a nurse adds someone to the care team by ticking that their Pathweave account uses the email address she typed', async ({
  page,
}) => {
  // Named for this run, so nothing else in Arthur's team is mistaken for them.
  const name = `Mr Idris Mensah (${Date.now().toString(36)})`;
  await signIn(page, 'community.nurse@pathweave.test');
  await openArthursPlan(page);
  const team = page.getByRole('region', { name: 'Care team' });
  await team.locator('summary', { hasText: 'Add someone to the care team' }).click();
  const add = team.getByRole('form', { name: 'Add someone to the care team' });
  const sameAccount = add.getByRole('checkbox', { name: 'Their Pathweave account uses the email address above' });
  const otherAccount = add.getByLabel('Pathweave account email (optional)');
  await hydrated(sameAccount);
  // Unticked at first: linking an account lets that person open the plan.
  await expect(sameAccount).not.toBeChecked();
  await expect(otherAccount).toBeVisible();

  await add.getByLabel('Name', { exact: true }).fill(name);
  await add.getByLabel('Role').selectOption({ label: 'Hospital consultant' });
  // An address typed in the second box first, then the box ticked: the second box goes, keeping what
  // was typed in case the box is unticked, and is not sent.
  await otherAccount.fill('idris.mensah@example.nhs.uk');
  await sameAccount.check();
  await expect(otherAccount).toBeHidden();
  await expectAccessible(page, 'care plan editor, adding someone whose account uses the email address typed');
  await sameAccount.uncheck();
  await expect(otherAccount).toHaveValue('idris.mensah@example.nhs.uk');
  await sameAccount.check();

  // Ticked with no email address: the error names the field and links to it.
  await hydrated(add.getByRole('button', { name: 'Add to the team' }));
  await add.getByRole('button', { name: 'Add to the team' }).click();
  const problem = add.getByRole('alert', { name: 'There is a problem' });
  const missing =
    'Email address: enter the email address their Pathweave account uses, or untick “Their Pathweave account uses the email address above”.';
  await expect(problem).toContainText(missing);
  await expect(problem).toBeFocused();
  // What was entered stays, the box ticked and the second box still hidden.
  await expect(add.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(sameAccount).toBeChecked();
  await expect(otherAccount).toBeHidden();
  await expectAccessible(page, 'care plan editor, adding someone with the box ticked and no email address');
  await problem.getByRole('link', { name: missing }).click();
  const email = add.getByLabel('Email address', { exact: true });
  await expect(email).toBeFocused();

  await email.fill('consultant@pathweave.test');
  await add.getByRole('button', { name: 'Add to the team' }).click();
  const added = team.getByRole('listitem').filter({ hasText: name });
  await expect(added).toContainText('consultant@pathweave.test · can open this plan in Pathweave');

  // Tidy up: the consultant is outside Arthur's care team everywhere else.
  await added.locator('summary', { hasText: 'Change or remove' }).click();
  await added.getByRole('button', { name: `Remove ${name} from the team` }).click();
  await expect(added).toHaveCount(0);
});

test('a refusal about the form’s hidden fields is said in the error summary as text, and the keyboard goes on to the form', async ({
  page,
}) => {
  await signIn(page, 'community.nurse@pathweave.test');
  await openArthursPlan(page);
  // The nurse tries to take herself off the team: refused, about the hidden id of the row.
  const team = page.getByRole('region', { name: 'Care team' });
  const change = page.locator('summary', { hasText: 'Change or remove Bea Lindqvist-Hart' });
  const remove = team
    .getByRole('listitem')
    .filter({ has: change })
    .getByRole('form', { name: 'Remove Bea Lindqvist-Hart' });
  const button = remove.getByRole('button', { name: 'Remove Bea Lindqvist-Hart from the team' });
  await team.locator(change).click();
  // Her own account link is shown, and the hint does not offer to clear it (that is refused).
  await expect(
    team.getByRole('listitem').filter({ has: change }).getByText('Someone else in the team can unlink it.'),
  ).toBeVisible();
  await hydrated(button);
  await button.click();
  const problem = remove.getByRole('alert', { name: 'There is a problem' });
  await expect(problem).toContainText(
    'Team member: you cannot remove yourself. Ask someone else in the team to do it.',
  );
  // Nothing was entered wrongly: the summary says what did not happen, not "Check what you entered".
  await expect(problem).toContainText('You have not been removed from the care team.');
  await expect(problem).not.toContainText('Check what you entered');
  await expect(problem).toBeFocused();
  // Not a link to the hidden field, which would take the focus nowhere.
  await expect(problem.getByRole('link')).toHaveCount(0);
  await expectAccessible(page, 'care plan editor, removing yourself refused');
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
});

test('a nurse links the Pathweave account of someone already in the care team, and unlinks it by clearing the box', async ({
  page,
}) => {
  await signIn(page, 'community.nurse@pathweave.test');
  await openArthursPlan(page);
  const team = page.getByRole('region', { name: 'Care team' });
  const change = page.locator('summary', { hasText: 'Change or remove Pulmonary rehabilitation team' });
  const member = team.getByRole('listitem').filter({ has: change });
  await member.locator(change).click();
  const form = member.getByRole('form', { name: 'Change Pulmonary rehabilitation team' });
  const account = form.getByLabel('Pathweave account email (optional)');
  const save = form.getByRole('button', { name: 'Save', exact: true });
  await hydrated(save);
  // Nobody linked yet: the box is empty.
  await expect(account).toHaveValue('');
  await expect(member).not.toContainText('can open this plan in Pathweave');

  // An address nobody who edits in the workspace uses: refused, naming the box and the address, which stays typed.
  await account.fill('nobody.here@example.nhs.uk');
  await save.click();
  await expect(form.getByRole('alert', { name: 'There is a problem' })).toContainText(
    'Pathweave account email: nobody who edits in this workspace uses “nobody.here@example.nhs.uk”, so they could not open the plan.',
  );
  await expect(account).toHaveValue('nobody.here@example.nhs.uk');

  // The practice nurse edits in the workspace: linked, and the form is drawn again with her account.
  await account.fill('practice.nurse@pathweave.test');
  await save.click();
  await expect(member).toContainText('can open this plan in Pathweave');
  await expect(account).toHaveValue('practice.nurse@pathweave.test');
  await expect(account).toHaveAccessibleDescription(/Clear this box to stop them opening the plan\./);
  await expectAccessible(page, 'care plan editor, a team member’s account linked');

  // Cleared: unlinked (which also leaves Arthur's team as the other tests expect it).
  await account.clear();
  await save.click();
  await expect(member).not.toContainText('can open this plan in Pathweave');
  await expect(account).toHaveValue('');
});
