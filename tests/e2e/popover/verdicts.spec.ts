// Outage, offline and captive worlds: the row turns red with its reason and the SMS tip; local faults are named.
import { checkUntil, expect, screenshotBothThemes, screenshotScrolled, test } from '../support/popover-test.ts';

test('iMessage outage: row turns red, reason and SMS tip shown', async ({ page, world, problems }) => {
  await page.goto(world.url);
  await world.setEndpoints({ apns5223: 'refuse', apns443: 'refuse', ids: 'refuse' });
  world.feed.set('iMessage', 'outage');
  await world.postReports('imessage', 12);
  const row = page.getByTestId('service-imessage');
  await checkUntil(page, async () => (await row.getAttribute('data-state')) === 'outage');
  await expect(row).toHaveAttribute('data-state', 'outage');
  await expect(row.getByText('Down', { exact: true })).toBeVisible();
  await expect(row.locator('.reason')).toHaveText(world.engine.snapshot().services.imessage.reason);
  // The tip fits the platform the engine runs on: a Mac sends SMS only through an iPhone; elsewhere, use the iPhone.
  await expect(row.getByTestId('sms-tip')).toContainText(process.platform === 'darwin' ? 'send it from your iPhone' : 'use your iPhone');
  await expect(row.locator('.badge')).toHaveCSS('background-color', 'rgb(198, 40, 40)');
  await expect(page.locator('header')).toHaveClass(/level-outage/);
  await screenshotBothThemes(page, 'outage');
  await row.getByRole('button', { name: 'Show details' }).click();
  await expect(row.getByRole('table')).toContainText('Refused');
  await expect(row).toContainText('Users may be unable to use iMessage.');
  await page.getByTestId('service-imessage').scrollIntoViewIfNeeded();
  await screenshotBothThemes(page, 'outage-details');
  await screenshotScrolled(page, 'outage');
  expect(problems).toEqual([]);
});

test('offline: the local verdict says so and no service is blamed', async ({ page, world, problems }) => {
  await page.goto(world.url);
  await expect(page.getByTestId('local')).toHaveAttribute('data-verdict', 'online');
  world.network.set('down');
  await world.setEndpoints({
    apns5223: 'refuse',
    apns443: 'refuse',
    ids: 'refuse',
    facetime: 'refuse',
    captive: 'refuse',
    internet: 'refuse',
  });
  const local = page.getByTestId('local');
  await checkUntil(page, async () => (await local.getAttribute('data-verdict')) === 'offline');
  await expect(local).toHaveAttribute('data-verdict', 'offline');
  await expect(local).toContainText("You're offline.");
  await expect(page.locator('header')).toHaveClass(/level-offline/);
  await expect(page.getByTestId('service-imessage')).not.toHaveAttribute('data-state', 'outage');
  await screenshotBothThemes(page, 'offline');
  expect(problems).toEqual([]);
});

test('captive portal: the local verdict names the login page and says what to do', async ({ page, world, problems }) => {
  await page.goto(world.url);
  await world.setEndpoints({ captive: 'portal' });
  const local = page.getByTestId('local');
  await checkUntil(page, async () => (await local.getAttribute('data-verdict')) === 'captive');
  await expect(local).toHaveAttribute('data-verdict', 'captive');
  await expect(local).toContainText('Wi-Fi login page in the way.');
  await expect(local.locator('.advice')).toContainText(world.engine.snapshot().local.advice);
  await expect(page.getByTestId('service-imessage')).not.toHaveAttribute('data-state', 'outage');
  await screenshotBothThemes(page, 'captive');
  expect(problems).toEqual([]);
});
