// Browser mode's page carries the engine's first snapshot and settings: the popover shows real data with the snapshot
// and settings requests cut off, the CSP lets the inert data block through, and the live stream still opens.
import { expect, test } from '../support/popover-test.ts';

test('first render comes from the page itself, then the event stream keeps it live', async ({ page, world, problems }) => {
  const asked: string[] = [];
  await page.route(/\/api\/(snapshot|settings)$/, (route) => {
    asked.push(new URL(route.request().url()).pathname);
    return route.abort();
  });
  const stream = page.waitForRequest(/\/api\/events$/);
  await page.goto(world.url);
  await expect(page.getByTestId('service-imessage')).toHaveAttribute('data-state', /.+/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.engine.snapshot().overall.headline);
  expect(await page.evaluate(() => performance.getEntriesByName('popover:first-data').length)).toBe(1);
  // Read once and gone, so nothing later mistakes it for fresh data.
  await expect(page.locator('#monitor-initial-data')).toHaveCount(0);
  await stream;
  expect(asked).toEqual([]);
  expect(problems).toEqual([]);
});
