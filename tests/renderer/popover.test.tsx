// @vitest-environment jsdom
// The popover's view per snapshot: headline, rows, tip, "Is it just me?", stale wording, failures in words.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, healthySnapshot, imessageOutageSnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

describe('popover', () => {
  it('shows the headline, a row per service with word and reason, and the local verdict', async () => {
    render(<App api={new ScriptedMonitor(healthySnapshot())} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'All good' })).toBeTruthy();
    const imessage = screen.getByTestId('service-imessage');
    expect(within(imessage).getByText('Working')).toBeTruthy();
    expect(within(imessage).getByText('Push, identity and FaceTime servers answer normally.')).toBeTruthy();
    expect(within(screen.getByTestId('service-facetime')).getByRole('heading', { name: 'FaceTime' })).toBeTruthy();
    expect(screen.getByTestId('freshness').textContent).toBe('Last checked 10 s ago');
    expect(screen.getByText('Your connection reaches the internet and Apple.')).toBeTruthy();
    expect(screen.queryByTestId('sms-tip')).toBeNull();
  });

  it('turns the iMessage row to Down with reason and the SMS tip, and shows the evidence on demand', async () => {
    render(<App api={new ScriptedMonitor(imessageOutageSnapshot())} />);
    const row = await screen.findByTestId('service-imessage');
    expect(row.dataset.state).toBe('outage');
    expect(within(row).getByText('Down')).toBeTruthy();
    expect(within(row).getByText('Push servers refuse connections; reference hosts reachable.')).toBeTruthy();
    expect(within(row).getByTestId('sms-tip').textContent).toContain('use your iPhone');
    expect(within(row).getByText(/^since \d\d:\d\d \(12 min\)$/)).toBeTruthy();

    await userEvent.click(within(row).getByRole('button', { name: 'Show details' }));
    const probes = within(row).getByRole('table');
    expect(within(probes).getByText('Push, port 5223').closest('tr')?.textContent).toContain('Refused');
    expect(within(probes).getByText('3 ms')).toBeTruthy();
    expect(within(row).getByText(/Users may be unable to send messages/)).toBeTruthy();
    expect(within(row).getByText(/240 problem reports in the last hour \(no history yet\)/)).toBeTruthy();
    expect(within(row).getByText('Messages not delivered: 180')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('follows pushed snapshots and says when the data is stale', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    render(<App api={api} />);
    await screen.findByText('All good');
    const old = imessageOutageSnapshot();
    old.round = 9;
    old.checkedAt = NOW - 6 * 60_000;
    act(() => api.push(old));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('iMessage is down — not just you');
    expect(screen.getByTestId('freshness').textContent).toBe('⚠ Last updated 6 min ago — may be out of date');
  });

  it('shows skeleton rows while waiting and the failure in words when the monitor cannot be reached', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    api.snapshotError = 'Lost contact with the monitor. Is it still running?';
    api.subscribe = () => () => {};
    render(<App api={api} />);
    expect(screen.getByLabelText('iMessage: waiting for the first check')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Lost contact with the monitor');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Connecting to the monitor…');
  });

  it('shows advice for a captive portal', async () => {
    const s = healthySnapshot();
    s.overall = { level: 'offline', headline: 'Wi-Fi login page in the way' };
    s.local = {
      verdict: 'captive',
      explanation: 'A login page answers instead of the internet.',
      advice: 'Open a browser and sign in to the Wi-Fi.',
      notes: [],
      network: null,
      since: NOW,
    };
    render(<App api={new ScriptedMonitor(s)} />);
    const local = await screen.findByTestId('local');
    expect(local.dataset.verdict).toBe('captive');
    expect(local.textContent).toContain('Wi-Fi login page in the way.');
    expect(local.textContent).toContain('Try this: Open a browser and sign in to the Wi-Fi.');
    // A local fault is the answer: it comes before the services.
    const services = screen.getByRole('list', { name: 'Services' });
    expect(local.compareDocumentPosition(services) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('draws the chart from the trend with a text summary, and lists incidents', async () => {
    const snapshot = healthySnapshot();
    // iMessage's server has history of its own; FaceTime's says nothing, so its chart gives no "usually" figure.
    snapshot.community.services.imessage = {
      status: 'operational',
      since: new Date(NOW - 86_400_000).toISOString(),
      reportsLastHour: 12,
      baselinePerHour: 2,
      topProblems: [],
      networksInWindow: 0,
      reportsInWindow: 0,
      windowMinutes: 10,
      current: 'operational',
      baselineFromHistory: true,
    };
    const api = new ScriptedMonitor(snapshot);
    const start = Math.floor(NOW / 3_600_000) * 3_600_000 - 3_600_000;
    api.trend = { ok: true, data: { buckets: [{ start: new Date(start).toISOString(), reports: 12, baseline: 2 }] } };
    api.incidents = {
      ok: true,
      data: [{ id: 'i1', start: new Date(start).toISOString(), end: null, peakReportsPerHour: 12, source: 'reports' }],
    };
    render(<App api={api} />);
    const chart = await screen.findByTestId('chart-imessage');
    expect(chart.querySelectorAll('rect.chart-bar')).toHaveLength(1);
    expect(chart.querySelectorAll('rect.chart-outage')).toHaveLength(1);
    expect(screen.getAllByText(/12 reports in the last 24 hours/).length).toBeGreaterThan(0);
    const history = screen.getByTestId('history-imessage');
    expect(within(history).getByText(/ongoing \(1 h 30 min\)/)).toBeTruthy();
    expect(within(history).getByText('crowd')).toBeTruthy();
    expect(history.querySelector('figcaption')?.textContent).toContain('usually about 2 an hour');
    const other = screen.getByTestId('history-facetime').querySelector('figcaption')?.textContent;
    expect(other).toContain('no history yet');
    expect(other).not.toMatch(/usually/);
  });

  it('says why the chart is missing instead of leaving a blank', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    api.trend = { ok: false, error: 'the report service did not answer' };
    render(<App api={api} />);
    expect((await screen.findAllByText('Report chart unavailable: the report service did not answer')).length).toBe(2);
  });
});
