import { test } from '@playwright/test';
import { signIn } from './support';
test('shots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'manager@pathweave.test');
  await page.goto(new URL(page.url()).pathname.replace('/pathways', '/scorecards'));
  await page.screenshot({ path: '/tmp/c7/shot-overview.png', fullPage: true });
  await page.getByRole('region', { name: 'Pathways', exact: true }).getByRole('link', { name: 'COPD: breathlessness to long-term support' }).first().click();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: '/tmp/c7/shot-detail.png', fullPage: true });
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(new URL(page.url()).pathname.replace(/\/scorecards\/.*/, '/scorecards'));
  await page.screenshot({ path: '/tmp/c7/shot-320.png', fullPage: false });
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log('scrollWidth at 320', w);
});
