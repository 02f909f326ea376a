// The editor keeps what people have typed but not yet saved (a review of ways an edit was lost):
// opening the print view and coming back leaves the version note, and the rest of the editor, as it was.
import { expect, test } from '@playwright/test';
import { expectAccessible, newBlankPathway, signIn } from './support';

test.setTimeout(120_000);

const FACILITATOR = 'gp@pathweave.test';

test('the print view keeps the version note typed in the editor; the focus goes to its heading and back to the button', async ({ page }) => {
  await signIn(page, FACILITATOR);
  await newBlankPathway(page, `Keeps input ${Date.now()}`);

  // A note for a version, typed and not yet saved.
  await page.getByRole('tab', { name: 'Versions' }).click();
  const note = page.getByLabel('Note for a new version');
  await note.fill('After the second workshop: added the community respiratory team');

  await page.getByRole('tab', { name: 'File' }).click();
  const open = page.getByTestId('file-panel').getByRole('button', { name: 'Print view for a board paper' });
  await open.click();
  const print = page.getByTestId('print-view');
  // The focus starts at the top of the print view, where the editor's button used to be.
  await expect(print.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByTestId('pathway-editor')).toBeHidden();
  await expectAccessible(page, 'print view opened from the editor');
  // On paper only the print view prints.
  await page.emulateMedia({ media: 'print' });
  await expect(print).toBeVisible();
  await expect(page.getByTestId('pathway-editor')).toBeHidden();
  await expect(print.getByRole('button', { name: 'Back to the editor' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await print.getByRole('button', { name: 'Back to the editor' }).click();
  await expect(print).toHaveCount(0);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await expect(open).toBeFocused();
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(note).toHaveValue('After the second workshop: added the community respiratory team');
});
