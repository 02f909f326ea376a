// An invitation changed while the invitee is reading it: their "Yes" is refused (it answered what
// they were shown), and the page then shows the invitation as it is now, so the next "Yes" works.
import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, person } from './support';

const INVITEE = 'commissioner@pathweave.test';

test('a yes to an invitation changed meanwhile is refused once, then the page shows it as it is now', async ({
  browser,
}) => {
  const arthur = await person(browser, 'patient@pathweave.test');
  await arthur.getByRole('link', { name: /Choose who can see my plan/ }).click();
  const share = arthur.getByRole('form', { name: 'Share your plan with someone' });
  await share.getByLabel('Their email address').fill(INVITEE);
  await share.getByRole('button', { name: 'Share my plan' }).click();
  await expect(share.getByRole('status')).toContainText(`You have asked ${INVITEE} to see your plan.`);

  const invitee = await person(browser, INVITEE);
  await invitee.goto('/my-plan');
  const invitation = invitee.getByRole('region', { name: 'Someone has asked you to see their care plan' });
  await expect(invitation).toContainText('You will be able to read it. You will not be able to change it.');

  // Arthur lets them add notes too, while the invitee's page still says "read only".
  await share.getByLabel('Their email address').fill(INVITEE);
  await share.getByLabel('They can also add notes and tick off jobs').check();
  await share.getByRole('button', { name: 'Share my plan' }).click();
  // Only the second save says this (the status above still reads as after the first).
  await expect(arthur.getByRole('region', { name: 'Waiting for them to say yes' })).toContainText(
    'If they say yes, they can see your plan, add notes and tick off jobs.',
  );

  const yes = invitation.getByRole('button', { name: 'Yes, show me Arthur Pennock’s plan' });
  await hydrated(yes);
  await yes.click();
  await expect(invitation).toContainText(
    'Arthur Pennock has changed what this invitation lets you do. Read it again, then answer.',
  );
  // The invitation as it is now, without reloading.
  await expect(invitation).toContainText('You will be able to read it, add notes and tick off jobs.');
  await expectAccessible(invitee, 'an invitation changed while it was read');
  await yes.click();
  await expect(invitee.getByRole('heading', { level: 1, name: 'Arthur Pennock’s care plan' })).toBeVisible();

  // Shared as shown the second time; Arthur stops sharing, leaving the demo as it was.
  await arthur.reload();
  const stop = arthur.getByRole('button', { name: 'Stop sharing with Farah Kestrel' });
  await hydrated(stop);
  await stop.click();
  await expect(stop).toHaveCount(0);
  await arthur.context().close();
  await invitee.context().close();
});
