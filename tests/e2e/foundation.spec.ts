import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, openDemoCopd, signIn } from './support';

test('a clinician signs in, sees the workspace and opens a pathway', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page, 'sign-in page');

  // Focus shows on every control whatever its own colours: the NHS yellow, with dark text, on the
  // green Sign in button and on the white-on-blue header link alike.
  const focusLook = (name: string, role: 'button' | 'link') =>
    page
      .getByRole(role, { name, exact: true })
      .evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  const NHS_FOCUS = ['rgb(255, 235, 59)', 'rgb(33, 43, 50)'];
  await page.getByLabel('Password').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
  expect(await focusLook('Sign in', 'button')).toEqual(NHS_FOCUS);
  await page.getByRole('banner').getByRole('link', { name: 'Pathweave home' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await focusLook('Pathweave home', 'link')).toEqual(NHS_FOCUS);

  await signIn(page, 'gp@pathweave.test');
  await expect(page).toHaveURL(/\/w\/[^/]+\/pathways$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pathways' })).toBeVisible();
  // The GP has no care plan of their own: no link to one.
  await expect(page.getByRole('banner').getByRole('link', { name: 'My care plan' })).toHaveCount(0);
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  for (const section of ['Pathways', 'Care plans', 'Scorecards', 'Frameworks']) {
    await expect(nav.getByRole('link', { name: section })).toBeVisible();
  }
  await expectAccessible(page, 'pathways list');

  await openDemoCopd(page);
  await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();
  await expect(page.getByText(/Version 3/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /RCGP/ })).toBeVisible();
  await expectAccessible(page, 'pathway page');
});

test('a patient signs in and cannot reach workspace pages by link or by URL', async ({ page }) => {
  // Learn a real workspace address as a clinician first, so the patient tries a page that exists.
  await signIn(page, 'gp@pathweave.test');
  const workspaceUrl = new URL(page.url()).pathname;
  await openDemoCopd(page);
  const pathwayUrl = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, 'patient@pathweave.test');
  await expect(page).toHaveURL(/\/my-plan$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your care plan' })).toBeVisible();
  // No link into a workspace is offered.
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
  await expectAccessible(page, 'patient landing page');

  for (const url of [workspaceUrl, pathwayUrl, workspaceUrl.replace('/pathways', '/scorecards')]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  await expectAccessible(page, 'not found page');
});

test('the shell works at 320 pixels wide, with a skip link that moves focus to the content', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, 'consultant@pathweave.test');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(320);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
  await expect(page.getByRole('main')).toBeVisible();
  await expectAccessible(page, 'pathways at 320px');
});

test('a wrong password gives a generic message and no session', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill('manager@pathweave.test');
  await page.getByLabel('Password').fill('wrong password');
  await hydrated(page.getByRole('button', { name: 'Sign in', exact: true }));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('The email address or password is not right');
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  await expectAccessible(page, 'sign-in error');
});

test('without JavaScript, signing in works, says what is wrong, and never puts the password in the address', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/signin?callbackUrl=%2Fframeworks');
  await expect(page.locator('noscript')).toHaveCount(0);
  await page.getByLabel('Email address').fill('manager@pathweave.test');
  await page.getByLabel('Password').fill('not-in-the-address');
  const [sent] = await Promise.all([
    page.waitForRequest((request) => new URL(request.url()).pathname === '/signin' && request.isNavigationRequest()),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  expect(sent.method()).toBe('POST');
  await page.waitForLoadState();
  expect(page.url()).not.toContain('not-in-the-address');
  expect(page.url()).not.toContain('manager%40pathweave.test');
  // The wrong password is said, as with JavaScript; the email is kept, the password is not.
  await expect(page.getByRole('alert')).toContainText('The email address or password is not right');
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  await expect(page.getByLabel('Email address')).toHaveValue('manager@pathweave.test');
  await expect(page.getByLabel('Password')).toHaveValue('');
  expect(await page.content()).not.toContain('not-in-the-address');

  await page.getByLabel('Password').fill('pathweave-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signed in, and taken where the sign-in page was asked to lead.
  await expect(page).toHaveURL(/\/frameworks$/);
  await expect(page.getByText('Signed in as')).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  // The session is a real one: signing out (a plain form) ends it.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
});

test('a sign-in posted from another site signs nobody in; the same post from this site does', async ({ request, baseURL }) => {
  // The form exactly as the page gives it (its server action's hidden fields), posted twice.
  const html = await (await request.get('/signin')).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields[name as string] = (value ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  expect(Object.keys(fields).some((name) => name.startsWith('$ACTION')), 'the form posts to a server action').toBe(true);
  const post = (origin: string) =>
    request.post('/signin', {
      headers: { origin },
      multipart: { ...fields, email: 'manager@pathweave.test', password: 'pathweave-demo' },
      maxRedirects: 0,
    });
  const sessionSet = (response: Awaited<ReturnType<typeof post>>) =>
    response.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('next-auth.session-token='));

  const forged = await post('https://evil.example');
  expect(forged.status()).not.toBe(303);
  expect(sessionSet(forged)).toBe(false);

  const own = await post(new URL(baseURL as string).origin);
  expect(own.status()).toBe(303);
  expect(own.headers()['location']).toBe('/');
  expect(sessionSet(own)).toBe(true);
});

test('sign-in names the missing field before asking the server', async ({ page }) => {
  await page.goto('/signin');
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  const problem = page.getByRole('alert', { name: 'There is a problem' });
  await hydrated(signIn);
  await signIn.click();
  await expect(problem).toContainText('Enter your email address.');
  await expect(problem).toBeFocused();
  await page.getByLabel('Email address').fill('manager@pathweave.test');
  await signIn.click();
  await expect(problem).toContainText('Enter your password.');
  await expect(page.getByLabel('Email address')).toHaveValue('manager@pathweave.test');
  await expectAccessible(page, 'sign-in missing field');
});

test('signing out ends the session everywhere, not only in this browser', async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, 'consultant@pathweave.test');
  await openDemoCopd(page);
  const pathwayId = new URL(page.url()).pathname.split('/').pop() as string;

  // A copy of the same session (another browser holding the cookie) works like the first.
  const copy = await browser.newContext();
  await copy.addCookies(await first.cookies());
  const other = await copy.newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { level: 1, name: 'Pathways' })).toBeVisible();
  expect((await copy.request.get(`/api/pathways/${pathwayId}`)).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);

  // The copy is signed out too: pages send it to sign in, and the API refuses it.
  await other.goto('/');
  await expect(other).toHaveURL(/\/signin/);
  expect((await copy.request.get(`/api/pathways/${pathwayId}`)).status()).not.toBe(200);
  // Signing in again starts a new session that works.
  await signIn(other, 'consultant@pathweave.test');
  await expect(other.getByRole('heading', { level: 1, name: 'Pathways' })).toBeVisible();
  await first.close();
  await copy.close();
});
