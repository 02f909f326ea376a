// The person says they agree with their plan, on a phone, and the care team sees it. A change by
// the team afterwards asks them again; a change made while they read it is refused, with why.
import pg from 'pg';
import { expect, test, type Page } from '@playwright/test';
import { randomTestNhsNumber } from '../support/nhs-number';
import { e2eDatabaseUrl, expectAccessible, hydrated, person } from './support';

const CHANGED_WHILE_READ =
  'Your care team changed the plan while you were reading it. Read it again, then say if you agree.';

/** The GP changes what matters to the person, on the care team's page of the plan, and it is saved. */
async function gpChangesWhatMatters(gp: Page, words: string) {
  const details = gp.getByRole('form', { name: 'What matters and review date' });
  // Saved once the form carries the plan's new revision ("Saved." may still show from a save before).
  const revision = details.locator('input[name="revision"]');
  const before = await revision.inputValue();
  await details.getByLabel('What matters to me').fill(words);
  await hydrated(details.getByRole('button', { name: 'Save' }));
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(revision).not.toHaveValue(before);
  await expect(details.getByRole('status')).toHaveText('Saved.');
  await expect(details.getByLabel('What matters to me')).toHaveValue(words);
}

test('the person agrees their plan on a phone; the care team sees it; a change by the team asks them again', async ({
  browser,
}) => {
  // Someone of this test's own, with an NHS number, so no other test's plan is touched.
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `agrees-${run}@pathweave.test`;
  const nhsNumber = randomTestNhsNumber();
  const db = new pg.Client({ connectionString: await e2eDatabaseUrl() });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "nhsNumber", "updatedAt")
       SELECT $1, 'Nell Agreeable', $2, 'patient', "passwordHash", $3, now() FROM "User" WHERE email = 'patient@pathweave.test'`,
      [`agrees${run}`, email, nhsNumber],
    );
  } finally {
    await db.end();
  }

  // The GP makes her plan.
  const gp = await person(browser, 'gp@pathweave.test');
  await gp.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Care plans' }).click();
  await gp.getByRole('link', { name: 'Make a care plan' }).click();
  await gp.getByLabel('Patient’s NHS number').fill(nhsNumber);
  await gp.getByLabel('Patient’s email address').fill(email);
  await gp.getByRole('checkbox', { name: /COPD: breathlessness/ }).check();
  await hydrated(gp.getByRole('button', { name: 'Make the care plan' }));
  await gp.getByRole('button', { name: 'Make the care plan' }).click();
  await expect(gp.getByRole('heading', { level: 1, name: 'Care plan for Nell Agreeable' })).toBeVisible();
  await expect(gp.getByTestId('plan-agreement')).toHaveText(
    'Nell Agreeable has not agreed this plan yet. Only Nell Agreeable can say they agree, on their own page: go through it with them.',
  );
  const planId = new URL(gp.url()).pathname.split('/').pop() as string;

  // She opens it on her phone: not agreed yet, and the way to say so.
  const nell = await person(browser, email);
  await nell.setViewportSize({ width: 390, height: 844 });
  await nell.goto(`/my-plan/${planId}`);
  await expect(nell.getByText('You have not agreed this plan yet.').first()).toBeVisible();
  await nell.getByRole('link', { name: 'Say if you agree with it' }).click();
  const agree = nell.getByRole('region', { name: 'Do you agree with this plan?' });
  await expect(agree).toBeInViewport();
  await expect(agree).toContainText(
    'If something is wrong or missing, do not agree yet: talk to your care team first.',
  );
  await expectAccessible(nell, 'the person’s plan, asking if they agree');
  const yes = agree.getByRole('button', { name: 'I agree with this plan' });
  await hydrated(yes);
  await yes.click();

  // Said back, where the focus now is; the button has gone.
  const said = agree.getByTestId('agreement-said');
  await expect(said).toHaveText(/^You agreed this plan on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
  await expect(said).toBeFocused();
  await expect(agree.getByRole('button')).toHaveCount(0);
  await expect(nell.getByRole('link', { name: 'Say if you agree with it' })).toHaveCount(0);
  await expectAccessible(nell, 'the person’s plan, agreed');

  // The care team sees it, by her name.
  await gp.reload();
  await expect(gp.getByTestId('plan-agreement')).toHaveText(
    /^Nell Agreeable agreed this plan on \d{1,2} [A-Z][a-z]+ \d{4}\.$/,
  );

  // The GP changes what matters to her: her plan says it has changed since, and asks her again.
  await gpChangesWhatMatters(gp, `Getting back to the choir (${run}).`);
  await expect(gp.getByTestId('plan-agreement')).toContainText('It has changed since.');
  await nell.reload();
  await expect(said).toHaveText(/^You agreed this plan on .+\. It has changed since\.$/);
  await expect(agree).toContainText('Your care team has changed the plan since you agreed it.');
  const again = agree.getByRole('button', { name: 'I agree with this plan as it is now' });
  await hydrated(again);

  // While she reads it, the GP changes it once more: her yes is refused, with why, and the page
  // shows the plan as it is now, so her next yes is to what she can see.
  await gpChangesWhatMatters(gp, `Getting back to the choir, on Tuesdays (${run}).`);
  await again.click();
  await expect(agree.getByRole('alert')).toHaveText(CHANGED_WHILE_READ);
  await expect(nell.getByText(`Getting back to the choir, on Tuesdays (${run}).`)).toBeVisible();
  await expectAccessible(nell, 'the person’s plan, agreeing refused because it changed while read');
  await again.click();
  await expect(said).toHaveText(/^You agreed this plan on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
  await expect(agree.getByRole('button')).toHaveCount(0);
  await gp.reload();
  await expect(gp.getByTestId('plan-agreement')).toHaveText(/^Nell Agreeable agreed this plan on [^.]+\.$/);
  await gp.context().close();
  await nell.context().close();
});
