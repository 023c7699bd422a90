// Settings survive a reload (stored by the engine's settings file); the chart (24 h and 7 d) and the 90-day history are
// drawn from the aggregator's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrendResponse } from '../../../contracts/aggregator-api.ts';
import { expect, screenshotBothThemes, screenshotScrolled, test } from '../support/popover-test.ts';

test('settings are kept across reload, and bad input is refused next to the field', async ({ page, world, problems }) => {
  await page.goto(world.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const interval = page.getByLabel('Check every (seconds)');
  await expect(interval).toHaveValue('2');
  await interval.fill('0');
  await interval.press('Enter');
  await expect(page.locator('#interval-error')).toContainText('Between 1 and 3600 seconds.');
  await interval.fill('45');
  await interval.press('Enter');
  await expect(page.locator('#interval-error')).toHaveText('');
  await page.getByLabel("Use Apple's status page").uncheck();
  await page.getByRole('group', { name: 'FaceTime notifications' }).getByLabel('When down').uncheck();
  await page.getByLabel('Quiet hours').check();
  await expect(page.getByLabel('Open at login')).toBeDisabled();
  // The community server address: refused locally when malformed, tested against the real aggregator when fine.
  const address = page.getByLabel('Community server address');
  await address.fill('ftp://example.org');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#aggregator-error')).toContainText('must start with http:// or https://');
  await address.fill(world.aggregatorUrl());
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.locator('#aggregator-test')).toContainText('✓');
  await screenshotBothThemes(page, 'settings');
  await screenshotScrolled(page, 'settings');

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Check every (seconds)')).toHaveValue('45');
  await expect(page.getByLabel("Use Apple's status page")).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'FaceTime notifications' }).getByLabel('When down')).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'iMessage notifications' }).getByLabel('When down')).toBeChecked();
  await expect(page.getByLabel('Quiet hours')).toBeChecked();
  const stored = JSON.parse(readFileSync(join(world.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(stored).toMatchObject({ probeIntervalMs: 45_000, officialFeed: false, quietHours: { enabled: true } });

  await page.getByRole('button', { name: 'Close settings' }).click();
  await page.getByTestId('service-imessage').getByRole('button', { name: 'Notify me when iMessage is back' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Notify me when iMessage is back' })).toHaveAttribute('aria-pressed', 'true');
  expect(problems).toEqual([]);
});

test('the chart is drawn from the aggregator data over 24 hours and a week, with the 90-day summary', async ({ page, world, problems }) => {
  await world.postReports('imessage', 7);
  const expected = (await world.trend('imessage')).buckets;
  const withReports = expected.filter((b) => b.reports > 0);
  expect(withReports.length).toBeGreaterThan(0);
  await page.goto(world.url);
  const chart = page.getByTestId('chart-imessage');
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.chart-bar')).toHaveCount(expected.length);
  const heights = await chart.locator('rect.chart-bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
  expect(heights.filter((h) => h > 0)).toHaveLength(withReports.length);
  await expect(chart.locator('polyline.chart-baseline')).toHaveCount(1);
  await expect(page.getByTestId('history-imessage')).toContainText('7 reports in the last 24 hours');
  await expect(page.getByTestId('history-facetime')).toContainText('0 reports in the last 24 hours');
  await page.getByTestId('history-imessage').scrollIntoViewIfNeeded();
  await screenshotBothThemes(page, 'chart');

  // The week: the engine asks the aggregator for 168 hours, through the same bridge.
  const res = await fetch(`${world.aggregatorUrl()}/v1/services/imessage/trend?hours=168`);
  const week = ((await res.json()) as TrendResponse).buckets;
  const history = page.getByTestId('history-imessage');
  await history.getByRole('tab', { name: '7 d' }).click();
  await expect(history.getByRole('heading', { name: 'iMessage — last 7 days' })).toBeVisible();
  await expect(chart.locator('rect.chart-bar')).toHaveCount(week.length);
  await expect(history.locator('figcaption')).toContainText('7 reports in the last 7 days');
  await expect(history.getByRole('tab', { name: '7 d' })).toHaveAttribute('aria-selected', 'true');
  // Seven reports make no incident: the summary says so in words, and the list has no rows.
  await expect(history.getByTestId('how-often-imessage')).toHaveText('No outages in 90 days.');
  await expect(history.getByText('None recorded.')).toBeVisible();
  await screenshotBothThemes(page, 'chart-week');
  expect(problems).toEqual([]);
});
