// A healthy world: the popover says so, in words and colours, with no CSP violation.
import { checkUntil, expect, screenshotBothThemes, screenshotScrolled, test } from '../support/popover-test.ts';

test('healthy world: all services working, connection fine', async ({ page, world, problems }) => {
  await page.goto(world.url);
  const imessage = page.getByTestId('service-imessage');
  const facetime = page.getByTestId('service-facetime');
  await checkUntil(page, async () => (await imessage.getAttribute('data-state')) === 'operational');
  await expect(imessage).toHaveAttribute('data-state', 'operational');
  await expect(facetime).toHaveAttribute('data-state', 'operational');
  await expect(imessage.getByText('Working', { exact: true })).toBeVisible();
  await expect(page.locator('header')).toHaveClass(/level-operational/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.engine.snapshot().overall.headline);
  await expect(page.getByTestId('local')).toHaveAttribute('data-verdict', 'online');
  await expect(page.getByTestId('freshness')).toHaveText(/^Last checked (just now|\d+ s ago)$/);
  await expect(page.getByTestId('sms-tip')).toHaveCount(0);
  await expect(page.getByTestId('chart-imessage')).toBeVisible();

  await imessage.getByRole('button', { name: 'Show details' }).click();
  await expect(imessage.getByRole('table')).toContainText('Push, port 5223');
  await screenshotBothThemes(page, 'healthy');
  await screenshotScrolled(page, 'healthy');
  // Browser mode in a normal browser window: the popover sits as a card.
  await page.setViewportSize({ width: 900, height: 700 });
  await screenshotBothThemes(page, 'healthy-wide');
  await page.setViewportSize({ width: 360, height: 480 });

  // Keyboard: Tab moves from Settings to Check now and the focus is drawn.
  await page.bringToFront();
  await page.getByRole('button', { name: 'Settings' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Check now' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Check now' })).toHaveCSS('outline-style', 'solid');
  expect(problems).toEqual([]);
});
