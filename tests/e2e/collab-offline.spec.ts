// Edits made offline in the live editor survive closing the tab (lib/collab/offline.ts): kept on
// this device (IndexedDB) for the signed-in person, merged into the room on the next visit, never
// given to another person signing in on the same computer, removed on signing out, and not merged
// for someone who may now only view.
//
// The connection is cut with Playwright's WebSocket routing: `context.setOffline(true)` does not
// close a websocket that is already open in Chromium, so the live pathway's socket is passed
// through a route that the test can close (and that refuses new sockets while "offline").
import { expect, test, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import { e2eDatabaseUrl, expectAccessible, hydrated, joinLive, newBlankPathway, person, signIn, stepNode } from './support';

test.setTimeout(300_000);

const GP = 'gp@pathweave.test';
const CONSULTANT = 'consultant@pathweave.test';
const VIEWER = 'manager@pathweave.test';
const SHARED = 'Changes you made while offline have been shared.';
const NOT_SHARED_READ_ONLY =
  /^Changes you made on this device while offline could not be shared, because you can now only view this pathway\./;

/** The live pathway's websocket, passed through a route the test can cut. */
async function cuttableConnection(context: BrowserContext) {
  let online = true;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(/\/collab$/, (ws) => {
    if (!online) {
      void ws.close();
      return;
    }
    const server = ws.connectToServer();
    const pair = { page: ws, server };
    open.add(pair);
    ws.onClose(() => open.delete(pair));
  });
  return {
    async offline() {
      online = false;
      for (const pair of [...open]) {
        await pair.server.close();
        await pair.page.close();
      }
      open.clear();
    },
    online() {
      online = true;
    },
  };
}

/** Whether a copy kept in this browser (IndexedDB) holds these words. */
async function keptOnDevice(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (words) => {
    const needle = new TextEncoder().encode(words);
    const has = (bytes: Uint8Array) => {
      outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('pathweave-live:'));
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        if (!db.objectStoreNames.contains('updates')) continue;
        const updates = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction('updates').objectStore('updates').getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        if (updates.some((u) => u instanceof Uint8Array && has(u))) return true;
      } finally {
        db.close();
      }
    }
    return false;
  }, text);
}

async function localCopyCount(page: Page): Promise<number> {
  return page.evaluate(
    async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('pathweave-live:')).length,
  );
}

/** How many copies kept in this browser are marked as holding edits not yet shared (their meta, lib/collab/offline.ts). */
async function unsentCopyCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let count = 0;
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('pathweave-live:'));
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        if (!db.objectStoreNames.contains('custom')) continue;
        const meta = await new Promise<unknown>((resolve, reject) => {
          const r = db.transaction('custom').objectStore('custom').get('meta');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        if ((meta as { unsent?: unknown } | undefined)?.unsent === true) count++;
      } finally {
        db.close();
      }
    }
    return count;
  });
}

async function addStep(page: Page, title: string) {
  await page.getByText('Add a step by choosing').click();
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByRole('button', { name: 'Add step', exact: true }).click();
  await expect(stepNode(page, title)).toBeVisible();
}

/** Cut the connection, make an edit, see it kept on this device, and close the tab. */
async function editOfflineAndClose(
  page: Page,
  connection: Awaited<ReturnType<typeof cuttableConnection>>,
  title: string,
) {
  await connection.offline();
  await expect(page.getByTestId('collab-status')).toHaveText(/^(Offline|Connecting)/);
  await addStep(page, title);
  await expect.poll(() => keptOnDevice(page, title), { timeout: 15_000 }).toBe(true);
  // The "not shared yet" mark is written after the edit itself: closing before it is stored
  // would cancel that write.
  await expect.poll(() => unsentCopyCount(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await page.close();
}

test('an edit made offline survives closing the tab: on reopening it reaches everyone, and the person is told', async ({
  browser,
}) => {
  const gp = await person(browser, GP);
  const connection = await cuttableConnection(gp.context());
  const path = await newBlankPathway(gp, `Offline edits ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  const viewer = await person(browser, VIEWER);
  await joinLive(viewer, path, 'Live: you are following along.');
  await expect(gp.getByTestId('offline-notice')).toHaveText('');

  await editOfflineAndClose(gp, connection, 'Made on the train');
  await expect(viewer.locator('.react-flow__node')).toHaveCount(2);

  // Back online, the same person opens the pathway live again in a new tab.
  connection.online();
  const again = await gp.context().newPage();
  await joinLive(again, path, 'Live: every change saved.');
  await expect(again.getByTestId('offline-notice')).toHaveText(SHARED);
  await expect(stepNode(viewer, 'Made on the train')).toBeVisible();
  await expect(again.locator('.react-flow__node')).toHaveCount(3);
  await expectAccessible(again, 'live editor: offline changes shared');

  // Nothing left to share: opening it again says nothing about offline changes.
  await again.reload();
  await expect(again.getByTestId('collab-status')).toHaveText('Live: every change saved.', { timeout: 30_000 });
  await expect(again.locator('.react-flow__node')).toHaveCount(3);
  await expect(again.getByTestId('offline-notice')).toHaveText('');

  await gp.context().close();
  await viewer.context().close();
});

test('kept edits belong to one person: the next person on the same computer never gets them, and signing out removes them', async ({
  browser,
}) => {
  const gp = await person(browser, GP);
  const context = gp.context();
  const connection = await cuttableConnection(context);
  const path = await newBlankPathway(gp, `Shared computer ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  const watcher = await person(browser, VIEWER);
  await joinLive(watcher, path, 'Live: you are following along.');
  await editOfflineAndClose(gp, connection, 'Only on Ada’s device');

  // Ada's session ends without her signing out (it expired); the consultant signs in on the same
  // browser, and edits the same pathway live.
  await context.clearCookies();
  connection.online();
  const next = await context.newPage();
  await signIn(next, CONSULTANT);
  await joinLive(next, path, 'Live: every change saved.');
  await addStep(next, 'Added by the consultant');
  await expect(next.getByTestId('collab-status')).toHaveText('Live: every change saved.');
  await expect(next.locator('.react-flow__node')).toHaveCount(3);
  await expect(stepNode(next, 'Only on Ada’s device')).toHaveCount(0);
  await expect(next.getByTestId('offline-notice')).toHaveText('');
  await expect(watcher.locator('.react-flow__node')).toHaveCount(3);
  await expect(stepNode(watcher, 'Only on Ada’s device')).toHaveCount(0);
  // The consultant signs out (with nothing of theirs unshared, at once): their own copy goes, Ada's stays.
  await expect.poll(() => localCopyCount(next)).toBe(2);
  await expect.poll(() => unsentCopyCount(next)).toBe(1);
  await next.getByRole('button', { name: 'Sign out' }).click();
  await expect(next).toHaveURL(/\/signin/);
  await expect.poll(() => localCopyCount(next)).toBe(1);
  expect(await keptOnDevice(next, 'Only on Ada’s device')).toBe(true);

  // Ada comes back: what she kept is shared now.
  await signIn(next, GP);
  await joinLive(next, path, 'Live: every change saved.');
  await expect(next.getByTestId('offline-notice')).toHaveText(SHARED);
  await expect(stepNode(watcher, 'Only on Ada’s device')).toBeVisible();

  // Another edit made offline, then Ada signs out before it could be sent and, asked, chooses to
  // delete it: it is removed from this computer, so nobody signing in here later finds it.
  await editOfflineAndClose(next, connection, 'Left behind at sign-out');
  const last = await context.newPage();
  await last.goto('/');
  await hydrated(last.getByRole('button', { name: 'Sign out' }));
  await last.getByRole('button', { name: 'Sign out' }).click();
  await last.getByRole('dialog').getByRole('button', { name: 'Sign out and delete them' }).click();
  await expect(last).toHaveURL(/\/signin/);
  await expect.poll(() => localCopyCount(last)).toBe(0);
  expect(await keptOnDevice(last, 'Left behind at sign-out')).toBe(false);
  connection.online();
  await signIn(last, GP);
  await joinLive(last, path, 'Live: every change saved.');
  await expect(last.locator('.react-flow__node')).toHaveCount(4);
  await expect(stepNode(last, 'Left behind at sign-out')).toHaveCount(0);
  await expect(last.getByTestId('offline-notice')).toHaveText('');

  await context.close();
  await watcher.context().close();
});

test('signing out with edits made offline not shared yet asks first: going back keeps them, signing out anyway deletes them', async ({
  browser,
}) => {
  const gp = await person(browser, GP);
  const context = gp.context();
  const connection = await cuttableConnection(context);
  const title = `Not shared at sign-out ${Date.now()}`;
  const path = await newBlankPathway(gp, title);
  await joinLive(gp, path, 'Live: every change saved.');
  await editOfflineAndClose(gp, connection, 'Made before signing out');

  // Still offline, on another page: Sign out asks first, and nothing is sent yet.
  const page = await context.newPage();
  await page.goto('/');
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await hydrated(signOut);
  await signOut.click();
  const question = page.getByRole('dialog', { name: 'Your changes have not been shared yet' });
  await expect(question).toBeVisible();
  await expect(question).toContainText(
    `You have changes to “${title}” that have not been shared yet, because you were offline. If you sign out now, they will be deleted from this computer.`,
  );
  const goBack = question.getByRole('link', { name: 'Go back to the pathway' });
  await expect(goBack).toBeFocused();
  await expect(goBack).toHaveAttribute('href', `${path}?live=1`);
  await expectAccessible(page, 'sign out: changes not shared yet');

  // Escape: the question goes, focus returns to Sign out, still signed in, the copy kept.
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(signOut).toBeFocused();
  await page.reload();
  await expect(page.getByText('Signed in as')).toBeVisible();
  expect(await keptOnDevice(page, 'Made before signing out')).toBe(true);

  // Going back to the pathway: its live editor, still signed in, the copy kept.
  await hydrated(signOut);
  await signOut.click();
  await question.getByRole('link', { name: 'Go back to the pathway' }).click();
  await expect(page).toHaveURL(`${path}?live=1`);
  await expect(page.getByTestId('pathway-editor')).toBeVisible();
  await expect(page.getByText('Signed in as')).toBeVisible();
  expect(await keptOnDevice(page, 'Made before signing out')).toBe(true);

  // Signing out anyway: signed out, and the copy is gone from this computer.
  await page.goto('/');
  await hydrated(signOut);
  await signOut.click();
  await question.getByRole('button', { name: 'Sign out and delete them' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  await expect.poll(() => localCopyCount(page)).toBe(0);
  expect(await keptOnDevice(page, 'Made before signing out')).toBe(false);
  await context.close();
});

test('with nothing unshared, Sign out signs out at once, with JavaScript or without', async ({ browser }) => {
  const gp = await person(browser, GP);
  const path = await newBlankPathway(gp, `Nothing unshared ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await addStep(gp, 'Shared straight away');
  await expect(gp.getByTestId('collab-status')).toHaveText('Live: every change saved.');
  await expect.poll(() => unsentCopyCount(gp), { timeout: 15_000 }).toBe(0);
  expect(await localCopyCount(gp)).toBe(1);
  await gp.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(gp).toHaveURL(/\/signin/);
  await expect(gp.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => localCopyCount(gp)).toBe(0);
  await gp.context().close();

  // Without JavaScript the plain form posts to the server at once, as before.
  const signedIn = await person(browser, CONSULTANT);
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.addCookies(await signedIn.context().cookies());
  const page = await plain.newPage();
  await page.goto('/');
  await expect(page.getByText('Signed in as')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  await signedIn.context().close();
  await plain.close();
});

test('next-auth’s own sign-out address leads to the app’s sign-out page, which removes what was kept on this device', async ({
  browser,
}) => {
  const gp = await person(browser, GP);
  const path = await newBlankPathway(gp, `Signed out by address ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  await addStep(gp, 'Kept until sign-out');
  await expect(gp.getByTestId('collab-status')).toHaveText('Live: every change saved.');
  await expect.poll(() => unsentCopyCount(gp), { timeout: 15_000 }).toBe(0);
  expect(await localCopyCount(gp)).toBe(1);

  // Before, next-auth's own page signed out and left the copy on the computer for the next person.
  await gp.goto('/api/auth/signout');
  await expect(gp).toHaveURL(/\/signout$/);
  const main = gp.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Sign out' })).toBeVisible();
  await expect(main).toContainText('You are signed in as');
  await expectAccessible(gp, 'sign-out page');
  await hydrated(main.getByRole('button', { name: 'Sign out', exact: true }));
  await main.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(gp).toHaveURL(/\/signin/);
  await expect.poll(() => localCopyCount(gp)).toBe(0);
  expect(await keptOnDevice(gp, 'Kept until sign-out')).toBe(false);
  // Signed out, the page sends the person to sign in.
  await gp.goto('/signout');
  await expect(gp).toHaveURL(/\/signin/);
  await gp.context().close();
});

test('someone moved to viewer while offline: their kept edits are not applied to the room, they are told, and nothing is deleted', async ({
  browser,
}) => {
  const pg = (await import('pg')).default;
  const db = new pg.Client({ connectionString: await e2eDatabaseUrl() });
  await db.connect();
  const setRole = (role: 'editor' | 'viewer') =>
    db.query(`UPDATE "Membership" SET "accessRole" = $1 WHERE "userId" = (SELECT id FROM "User" WHERE email = $2)`, [
      role,
      CONSULTANT,
    ]);
  try {
    const gp = await person(browser, GP);
    const path = await newBlankPathway(gp, `Moved to viewer ${Date.now()}`);
    await joinLive(gp, path, 'Live: every change saved.');
    const consultant = await person(browser, CONSULTANT);
    const connection = await cuttableConnection(consultant.context());
    await joinLive(consultant, path, 'Live: every change saved.');
    await editOfflineAndClose(consultant, connection, 'Added before the move');

    await setRole('viewer');
    connection.online();
    const back = await consultant.context().newPage();
    await joinLive(back, path, 'Live: you are following along.');
    await expect(back.getByTestId('offline-notice')).toHaveText(NOT_SHARED_READ_ONLY);
    await expectAccessible(back, 'live editor: offline changes not shared (view only)');
    // The room goes on without them: the GP's next edit reaches the consultant, theirs never reached the GP.
    await addStep(gp, 'Added by the facilitator');
    await expect(stepNode(back, 'Added by the facilitator')).toBeVisible();
    await expect(gp.locator('.react-flow__node')).toHaveCount(3);
    await expect(stepNode(gp, 'Added before the move')).toHaveCount(0);
    await expect(stepNode(back, 'Added before the move')).toHaveCount(0);
    expect(await keptOnDevice(back, 'Added before the move')).toBe(true);
    // Signing out asks first: the kept edits were never shared, so they are not deleted unasked.
    const signOut = back.getByRole('button', { name: 'Sign out', exact: true });
    await hydrated(signOut);
    await signOut.click();
    const question = back.getByRole('dialog', { name: 'Your changes have not been shared yet' });
    await expect(question).toBeVisible();
    await back.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    expect(await keptOnDevice(back, 'Added before the move')).toBe(true);

    // Allowed to edit again: what was kept is shared then.
    await setRole('editor');
    await back.reload();
    await expect(back.getByTestId('collab-status')).toHaveText('Live: every change saved.', { timeout: 30_000 });
    await expect(back.getByTestId('offline-notice')).toHaveText(SHARED);
    await expect(stepNode(gp, 'Added before the move')).toBeVisible();

    await gp.context().close();
    await consultant.context().close();
  } finally {
    await setRole('editor');
    await db.end();
  }
});

test('someone following along, with nothing of their own kept, leaves no copy of the pathway on the device', async ({
  browser,
}) => {
  const gp = await person(browser, GP);
  const path = await newBlankPathway(gp, `Viewer keeps nothing ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');
  const viewer = await person(browser, VIEWER);
  await joinLive(viewer, path, 'Live: you are following along.');
  await addStep(gp, 'Seen by the viewer');
  await expect(stepNode(viewer, 'Seen by the viewer')).toBeVisible();
  await expect.poll(() => localCopyCount(viewer), { timeout: 15_000 }).toBe(0);
  // The editor's copy is kept: they may make edits while offline.
  await expect.poll(() => localCopyCount(gp), { timeout: 15_000 }).toBe(1);
  await gp.context().close();
  await viewer.context().close();
});

test('saving a version while this person’s latest edit has not reached the live pathway saves nothing and says why', async ({ browser }) => {
  const gp = await person(browser, GP);
  const connection = await cuttableConnection(gp.context());
  const path = await newBlankPathway(gp, `Version offline ${Date.now()}`);
  await joinLive(gp, path, 'Live: every change saved.');

  await connection.offline();
  await expect(gp.getByTestId('collab-status')).toHaveText(/^(Offline|Connecting)/);
  await addStep(gp, 'Made on the train');
  await gp.getByRole('tab', { name: 'Versions' }).click();
  const versions = gp.getByTestId('versions-panel');
  const note = versions.getByLabel('Note for a new version');
  await note.fill('Before the train edit reached the room');
  await versions.getByRole('button', { name: 'Save version' }).click();
  // Said under the note after the wait for the server (5 seconds); no version, and the note is kept.
  await expect(versions.getByRole('alert')).toContainText(
    'Your latest changes have not reached the live pathway yet, so no version was saved. Try again when the status says every change is saved.',
    { timeout: 20_000 },
  );
  await expect(versions.getByTestId('version-history')).toHaveCount(0);
  await expect(versions).toContainText('No versions saved yet.');
  await expect(note).toHaveValue('Before the train edit reached the room');
  await expect(gp.getByRole('alert').filter({ hasText: 'Saved version' })).toHaveCount(0);
  await expectAccessible(gp, 'live editor: version not saved while offline');

  // Back online, the edit reaches the room and the same note saves a version with it.
  connection.online();
  await expect(gp.getByTestId('collab-status')).toHaveText('Live: every change saved.', { timeout: 60_000 });
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByTestId('version-history')).toContainText('Version 1');
  await gp.context().close();
});
