// A server fault while joining the live pathway, in a real browser (lib/collab/client.ts
// 'unavailable'): not a refusal. The editor is read only for the moment and says so, nothing typed
// before is lost, it keeps asking with longer and longer waits, and it is live again by itself once
// the fault is gone, without telling the person 'You can now edit this pathway' (that is for someone
// moved up to editor). The faults are real ones in PostgreSQL, put right whatever happens: the
// first open of the live pathway fails (a trigger refuses the row that seeds it), or the check of
// who may join fails (a table it reads is out of reach). Files run one at a time on their server,
// so the second fault touches this file only.
import { expect, test, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import type pg from 'pg';
import { e2eDatabaseUrl, expectAccessible, joinLive, newBlankPathway, person, stepNode } from './support';

test.setTimeout(300_000);

const GP = 'gp@pathweave.test';
const UNAVAILABLE =
  'The live pathway cannot be reached just now. Pathweave keeps trying; until then you can look but not change it.';
const UNAVAILABLE_MESSAGE =
  'The live pathway cannot be reached just now, so that was not changed. Pathweave keeps trying.';
const LIVE = 'Live: every change saved.';
const PROMOTED = 'You can now edit this pathway.';

async function database(): Promise<pg.Client> {
  const { default: pgModule } = await import('pg');
  const db = new pgModule.Client({ connectionString: await e2eDatabaseUrl() });
  await db.connect();
  return db;
}

/** The pathway's id from its editor path (/w/<workspace>/pathways/<id>/edit). */
function pathwayIdOf(path: string): string {
  const id = path.split('/')[4];
  if (!id) throw new Error(`no pathway id in ${path}`);
  return id;
}

/**
 * Everything the live status and the editor's notices say from the next page load on, in order, so
 * that a state shown only for a moment is seen too (a MutationObserver, not polling).
 */
async function recordWhatIsSaid(page: Page) {
  await page.addInitScript(() => {
    const said = { status: [] as string[], notices: [] as string[] };
    (window as unknown as { __pwSaid: typeof said }).__pwSaid = said;
    const look = () => {
      const status = document.querySelector('[data-testid="collab-status"]')?.textContent;
      if (status && said.status.at(-1) !== status) said.status.push(status);
      const notice = document.querySelector('[data-testid="editor-notice"]')?.textContent;
      if (notice && said.notices.at(-1) !== notice) said.notices.push(notice);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __pwSaid: { status: string[]; notices: string[] } }).__pwSaid);
}

/** The statuses said since the first 'cannot be reached': how many times it was said, and whether 'live' came in between. */
function sinceUnavailable(statuses: string[]): { answers: number; asked: boolean; saidLive: boolean } {
  const from = statuses.indexOf(UNAVAILABLE);
  const since = from < 0 ? [] : statuses.slice(from);
  return {
    answers: since.filter((s) => s === UNAVAILABLE).length,
    asked: since.includes('Connecting to the live pathway…'),
    saidLive: since.some((s) => s.startsWith('Live:')),
  };
}

/** An edit made as the editor makes it, through the live session (window.__pathweaveLive, test servers only). */
function applyLive(page: Page, command: unknown) {
  return page.evaluate((c) => {
    const live = (window as unknown as { __pathweaveLive: { apply(c: unknown): { ok: boolean; message?: string } } })
      .__pathweaveLive;
    return live.apply(c);
  }, command);
}

/**
 * The live pathway's websocket, passed through a route the test can cut (as in collab-offline.spec.ts),
 * and that refuses new sockets while "offline". Otherwise a close on either side is passed on to the
 * other, as on a real network (the session closes its own socket before asking again).
 */
async function cuttableConnection(context: BrowserContext) {
  let online = true;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(/\/collab$/, (ws) => {
    if (!online) {
      void ws.close();
      return;
    }
    open.add({ page: ws, server: ws.connectToServer() });
  });
  return {
    async offline() {
      online = false;
      for (const pair of open) {
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

test('the live pathway cannot be opened on joining: said so, nothing can be changed, then live by itself without "You can now edit"', async ({
  browser,
}) => {
  const db = await database();
  const gp = await person(browser, GP);
  const path = await newBlankPathway(gp, `Unavailable on joining ${Date.now()}`);
  const pathwayId = pathwayIdOf(path);
  // Never opened live yet: its first open seeds the live document (INSERT INTO "CollabSnapshot"), which fails here.
  const seeded = await db.query('SELECT 1 FROM "CollabSnapshot" WHERE "pathwayId" = $1', [pathwayId]);
  expect(seeded.rowCount).toBe(0);
  const said = await recordWhatIsSaid(gp);
  const fn = `e2e_fail_open_${pathwayId}`;
  const dropTrigger = async () => {
    await db.query(`DROP TRIGGER IF EXISTS ${fn} ON "CollabSnapshot"`);
    await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
  };
  try {
    await db.query(`
      CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger AS $$
      BEGIN
        IF NEW."pathwayId" = '${pathwayId}' THEN RAISE EXCEPTION 'the database did not answer (e2e)'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON "CollabSnapshot" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);

    await gp.goto(`${path}?live=1`);
    await expect(gp.getByTestId('pathway-editor')).toBeVisible();
    await expect(gp.getByTestId('collab-status')).toHaveText(UNAVAILABLE, { timeout: 30_000 });
    // Screen readers are told the same.
    await expect(gp.getByTestId('workshop-bar').getByRole('status').first()).toHaveText(UNAVAILABLE);
    // Not a refusal: no single-user editor to fall back to, and nothing to change with.
    await expect(gp.getByText('You are editing on your own')).toHaveCount(0);
    await expect(gp.getByRole('button', { name: 'Add step', exact: true })).toHaveCount(0);
    await expect(gp.getByText('Add a step by choosing')).toHaveCount(0);
    await expect(gp.locator('.pw-palette-item')).toHaveCount(0);
    // An edit made the way the editor makes it is refused, saying why.
    expect(await applyLive(gp, { type: 'updateMetadata', patch: { title: 'Too early' } })).toMatchObject({
      ok: false,
      message: UNAVAILABLE_MESSAGE,
    });
    await expectAccessible(gp, 'live pathway that cannot be reached just now');
    // It asks again (after about a second), and is told the same; never said to be live meanwhile.
    await expect
      .poll(async () => sinceUnavailable((await said()).status).answers, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    expect(sinceUnavailable((await said()).status)).toMatchObject({ asked: true, saidLive: false });
  } finally {
    await dropTrigger();
  }

  // Once the database answers: live by itself, without a reload, and not told they were moved up.
  await expect(gp.getByTestId('collab-status')).toHaveText(LIVE, { timeout: 45_000 });
  await gp.getByText('Add a step by choosing').click();
  await gp.getByLabel('Title (optional)').fill('Added once it could be reached');
  await gp.getByRole('button', { name: 'Add step', exact: true }).click();
  await expect(stepNode(gp, 'Added once it could be reached')).toBeVisible();
  await expect(gp.getByTestId('collab-status')).toHaveText(LIVE);
  const seen = await said();
  expect(seen.status).not.toContain('The live pathway could not be opened.');
  expect(seen.notices).not.toContain(PROMOTED);
  await expect(gp.getByTestId('editor-notice')).not.toHaveText(PROMOTED);
  // The refused edit changed nothing; the one made since is in the room's saved copy.
  await expect(gp.getByRole('heading', { level: 1 })).not.toContainText('Too early');
  await expect
    .poll(
      async () =>
        (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document.steps.map(
          (s: { title: string }) => s.title,
        ),
      { timeout: 30_000 },
    )
    .toContain('Added once it could be reached');
  await gp.context().close();
  await db.end();
});

test('an editor already live comes back to a fault: what they did offline is kept, nothing can be changed meanwhile, then live again without "You can now edit"', async ({
  browser,
}) => {
  const db = await database();
  const gp = await person(browser, GP);
  const connection = await cuttableConnection(gp.context());
  const path = await newBlankPathway(gp, `Unavailable on coming back ${Date.now()}`);
  const pathwayId = pathwayIdOf(path);
  const said = await recordWhatIsSaid(gp);
  await joinLive(gp, path, LIVE);

  // The table of ended sessions, read by every check of who may join, is out of reach: each
  // check fails with an error from the database. The rename gives up rather than queue behind a lock.
  const putBack = () => db.query('ALTER TABLE IF EXISTS "RevokedSession_away_e2e" RENAME TO "RevokedSession"');
  try {
    await db.query(`SET lock_timeout = '2s'`);
    await db.query('ALTER TABLE "RevokedSession" RENAME TO "RevokedSession_away_e2e"');
    await db.query('RESET lock_timeout');

    // The connection drops; a step added meanwhile is kept in the browser.
    await connection.offline();
    await expect(gp.getByTestId('collab-status')).toHaveText(/^Offline/);
    await gp.getByText('Add a step by choosing').click();
    await gp.getByLabel('Title (optional)').fill('Added while offline');
    await gp.getByRole('button', { name: 'Add step', exact: true }).click();
    await expect(stepNode(gp, 'Added while offline')).toBeVisible();

    // Back online, the server cannot check who they are: said so, and nothing can be changed.
    connection.online();
    await expect(gp.getByTestId('collab-status')).toHaveText(UNAVAILABLE, { timeout: 45_000 });
    await expect(stepNode(gp, 'Added while offline')).toBeVisible();
    await expect(gp.getByRole('button', { name: 'Add step', exact: true })).toHaveCount(0);
    await expect(gp.locator('.pw-palette-item')).toHaveCount(0);
    await expect(gp.locator('#editor-read-only')).toContainText('You can look at this pathway but not change it.');
    // Delete on the step does nothing; Control Z says why nothing was undone.
    await stepNode(gp, 'Added while offline').click();
    await gp.keyboard.press('Delete');
    await gp.keyboard.press('Control+z');
    await expect(gp.locator('.pw-alert')).toContainText(
      'Nothing was undone or redone: you can look at this pathway but not change it.',
    );
    await expect(stepNode(gp, 'Added while offline')).toBeVisible();
    expect(await applyLive(gp, { type: 'updateMetadata', patch: { title: 'While unreachable' } })).toMatchObject({
      ok: false,
      message: UNAVAILABLE_MESSAGE,
    });
    // Asked again, and told the same, never said to be live in between.
    await expect
      .poll(async () => sinceUnavailable((await said()).status).answers, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    expect(sinceUnavailable((await said()).status)).toMatchObject({ asked: true, saidLive: false });
  } finally {
    await db.query('RESET lock_timeout');
    await putBack();
  }

  // Live again by itself; the step added offline reaches the room and its saved copy.
  await expect(gp.getByTestId('collab-status')).toHaveText(LIVE, { timeout: 45_000 });
  await expect(gp.getByRole('button', { name: /^Undo/ })).toHaveAttribute('aria-disabled', 'false');
  await expect
    .poll(
      async () =>
        (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId])).rows[0].document.steps.map(
          (s: { title: string }) => s.title,
        ),
      { timeout: 30_000 },
    )
    .toContain('Added while offline');
  // Their rights never changed, so they are not told they may now edit.
  const seen = await said();
  expect(seen.notices).not.toContain(PROMOTED);
  await expect(gp.getByTestId('editor-notice')).not.toHaveText(PROMOTED);
  await expect(gp.getByRole('heading', { level: 1 })).not.toContainText('While unreachable');
  await gp.context().close();
  await db.end();
});
