// @vitest-environment jsdom
// 90 days of incidents under each chart: how often in words, the timeline, rows with start, length, source and lead,
// and "Show older" that fetches the next page with `before` = the last incident's start and appends it.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { INCIDENTS_LIMIT_MAX, type IncidentDto, type IncidentsResponse } from '../../contracts/aggregator-api.ts';
import type { Fetched } from '../../contracts/results.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { HistoryPanel } from '../../renderer/src/components/HistoryPanel.tsx';
import { NOW, ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Incident n started n days (and an hour) ago and lasted 20 minutes. */
function incident(n: number, over: Partial<IncidentDto> = {}): IncidentDto {
  const start = NOW - n * DAY - 60 * MIN;
  return {
    id: `i${n}`,
    start: new Date(start).toISOString(),
    end: new Date(start + 20 * MIN).toISOString(),
    peakReportsPerHour: 300,
    source: 'reports',
    peak: 'outage',
    ...over,
  };
}

type Ask = [service: ServiceId, limit: number, before: string | null];

/** A monitor answering incidents from `stored` (newest first) as the aggregator pages them, recording each ask. */
function monitor(stored: IncidentDto[]): { api: ScriptedMonitor; asked: Ask[] } {
  const api = new ScriptedMonitor(healthySnapshot());
  const asked: Ask[] = [];
  api.getIncidents = async (service, limit, before): Promise<Fetched<IncidentsResponse>> => {
    asked.push([service, limit, before]);
    const older = before === null ? stored : stored.filter((i) => Date.parse(i.start) < Date.parse(before));
    return { ok: true, data: older.slice(0, limit) };
  };
  const outages = stored.filter((i) => i.peak === 'outage').length;
  api.summary = { ok: true, data: { days: 90, incidents: stored.length, outages, confirmed: 0, medianLeadMs: null } };
  return { api, asked };
}

function panel(api: ScriptedMonitor) {
  render(<HistoryPanel api={api} service="imessage" now={NOW} version="v" force={0} baselineFromHistory={true} />);
  return screen.getByTestId('history-imessage');
}

describe('incident history', () => {
  it('lists each incident with its start, length or "ongoing", source and lead over Apple', async () => {
    const { api } = monitor([
      incident(0, { id: 'now', start: new Date(NOW - 14 * MIN).toISOString(), end: null, leadMs: null }),
      incident(1, { leadMs: 42 * MIN }),
      incident(2, { leadMs: -3 * MIN, peak: 'degraded' }),
      incident(3, { leadMs: null }),
      incident(4, { source: 'official' }),
    ]);
    api.summary = { ok: true, data: { days: 90, incidents: 5, outages: 4, confirmed: 2, medianLeadMs: 38 * MIN } };
    const history = panel(api);
    const rows = await within(history).findAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^\d\d:\d\d · ongoing \(14 min\) · outage crowd Apple hasn't shown it yet$/),
      expect.stringMatching(/^Nov 22 \d\d:\d\d · 20 min · outage crowd seen 42 min before Apple$/),
      expect.stringMatching(/· 20 min · degraded crowd Apple was first by 3 min$/),
      expect.stringMatching(/crowd Apple never showed it$/),
      expect.stringMatching(/· 20 min · outage Apple$/),
    ]);
    expect(rows[0]?.className).toContain('ongoing');
    expect(within(rows[1]!).getByText('seen 42 min before Apple').className).toContain('ahead');
    expect(within(history).getByTestId('how-often-imessage').textContent).toBe(
      "4 outages in 90 days, 1 partial disruption. Median: 38 min before Apple's status page (2 confirmed)",
    );
    // The timeline: a mark per incident, red for outages; the degraded one is not.
    const marks = history.querySelectorAll('svg.strip rect');
    expect(marks).toHaveLength(5);
    expect(history.querySelectorAll('svg.strip rect.outage')).toHaveLength(4);
    expect(within(history).getByRole('img', { name: /Timeline of the last 90 days: 5 incidents/ })).toBeTruthy();
  });

  it('says "No outages in 90 days" and no median when none was confirmed', async () => {
    const { api } = monitor([]);
    const history = panel(api);
    expect((await within(history).findByTestId('how-often-imessage')).textContent).toBe('No outages in 90 days.');
    expect(within(history).getByText('None recorded.')).toBeTruthy();
    expect(within(history).queryByRole('button', { name: 'Show older' })).toBeNull();
  });

  it('shows ten rows, then ten more of those it holds, and the button goes when there are no more', async () => {
    const { api, asked } = monitor(Array.from({ length: 14 }, (_, n) => incident(n)));
    const history = panel(api);
    expect(await within(history).findAllByRole('listitem')).toHaveLength(10);
    await userEvent.click(within(history).getByRole('button', { name: 'Show older' }));
    expect(within(history).getAllByRole('listitem')).toHaveLength(14);
    expect(within(history).queryByRole('button', { name: 'Show older' })).toBeNull();
    // Fewer than a full answer: the server holds no more, so nothing was asked with `before`.
    expect(asked).toEqual([['imessage', INCIDENTS_LIMIT_MAX, null]]);
  });

  it('past a full answer, fetches the next page with `before` = the last start and appends it', async () => {
    // 115 incidents in 90 days: more than one answer holds.
    const stored = Array.from({ length: 115 }, (_, n) => incident(n * 0.75));
    stored.forEach((i, n) => (i.id = `i${n}`));
    const { api, asked } = monitor(stored);
    const history = panel(api);
    const more = await within(history).findByRole('button', { name: 'Show older' });
    for (let i = 0; i < 9; i++) fireEvent.click(more);
    expect(within(history).getAllByRole('listitem')).toHaveLength(INCIDENTS_LIMIT_MAX);
    expect(asked).toHaveLength(1);

    await userEvent.click(more);
    expect(await within(history).findAllByRole('listitem')).toHaveLength(110);
    expect(asked[1]).toEqual(['imessage', 10, stored[99]?.start]);
    await userEvent.click(more);
    expect(await within(history).findAllByRole('listitem')).toHaveLength(115);
    expect(asked[2]).toEqual(['imessage', 10, stored[109]?.start]);
    // That page came back short: nothing older to ask for.
    expect(within(history).queryByRole('button', { name: 'Show older' })).toBeNull();
    expect(history.querySelectorAll('svg.strip rect')).toHaveLength(115);
  });

  it('keeps the rows and says why when the next page fails', async () => {
    const { api } = monitor(Array.from({ length: INCIDENTS_LIMIT_MAX }, (_, n) => incident(n * 0.8)));
    const history = panel(api);
    const more = await within(history).findByRole('button', { name: 'Show older' });
    for (let i = 0; i < 9; i++) fireEvent.click(more);
    api.getIncidents = async () => ({ ok: false, error: 'the community server did not answer' });
    await userEvent.click(more);
    expect(await within(history).findByText('Older incidents unavailable: the community server did not answer')).toBeTruthy();
    expect(within(history).getAllByRole('listitem')).toHaveLength(INCIDENTS_LIMIT_MAX);
    expect(within(history).getByRole('button', { name: 'Show older' })).toBeTruthy();
  });

  it('says why the incidents are missing', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    api.incidents = { ok: false, error: 'no community server' };
    api.summary = { ok: false, error: 'no community server' };
    const history = panel(api);
    expect(await within(history).findByText('Incidents unavailable: no community server')).toBeTruthy();
  });
});
