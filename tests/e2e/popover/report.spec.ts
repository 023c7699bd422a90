// Report flow against the real engine and aggregator: sent, duplicate refused, queued offline then delivered once.
import { expect, test } from '../support/popover-test.ts';

function total(trend: { buckets: { reports: number }[] }): number {
  return trend.buckets.reduce((sum, b) => sum + b.reports, 0);
}

test('report: sent, duplicate refused with the reason, queued offline and delivered once', async ({ page, world, problems }) => {
  await page.goto(world.url);
  const imessage = page.getByTestId('service-imessage');
  const note = page.getByTestId('report-note-imessage');
  await expect(imessage).toBeVisible();

  await imessage.getByRole('button', { name: 'Report a problem' }).click();
  await expect(note).not.toHaveText('');
  await expect(note).not.toHaveText('Sending…');
  expect(await note.textContent()).not.toMatch(/could not|offline/i);
  await expect.poll(async () => total(await world.trend('imessage'))).toBe(1);

  // The same user again inside the dedup window: refused, buttons disabled with when it will count again.
  await imessage.getByRole('button', { name: "What's wrong?" }).click();
  await imessage.getByRole('button', { name: 'Messages not delivered' }).click();
  await expect(note).toContainText('You can report again after');
  await expect(imessage.getByRole('button', { name: 'Report a problem' })).toBeDisabled();
  await expect(imessage.getByRole('button', { name: 'Working for me' })).toBeDisabled();
  expect(total(await world.trend('imessage'))).toBe(1);

  // Offline: no link and no aggregator. The FaceTime report waits in the queue.
  await world.stopAggregator();
  world.network.set('down');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('local')).toHaveAttribute('data-verdict', 'offline');
  const facetime = page.getByTestId('service-facetime');
  await facetime.getByRole('button', { name: 'Report a problem' }).click();
  await expect(page.getByTestId('report-note-facetime')).toHaveText(
    "You're offline; your report is saved and will be sent when you're back online.",
  );
  await expect(page.getByText(/1 report is waiting/)).toBeVisible();

  // Back online: delivered, exactly once.
  await world.startAggregator();
  world.network.set('up');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('report-note-facetime')).toHaveText('Your queued report has been sent.', { timeout: 45_000 });
  await expect(page.getByText(/report is waiting/)).toHaveCount(0);
  await expect.poll(async () => total(await world.trend('facetime'))).toBe(1);
  await page.getByRole('button', { name: 'Check now' }).click();
  expect(world.engine.snapshot().queuedReports).toBe(0);
  expect(total(await world.trend('facetime'))).toBe(1);
  expect(problems).toEqual([]);
});
