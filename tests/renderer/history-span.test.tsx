// @vitest-environment jsdom
// The chart's 24 h / 7 d tabs: the week refetches the trend with 168 hours, the keyboard moves between the tabs, and
// the choice outlives the panel (Settings opened and closed) while the popover lives.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TrendResponse } from '../../contracts/aggregator-api.ts';
import type { Fetched } from '../../contracts/results.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

const HOUR = 3_600_000;

/** A monitor whose trend has one bucket an hour for the hours asked, recording each ask. */
function monitor(): { api: ScriptedMonitor; asked: [ServiceId, number][] } {
  const api = new ScriptedMonitor(healthySnapshot());
  const asked: [ServiceId, number][] = [];
  api.getTrend = async (service: ServiceId, hours: number): Promise<Fetched<TrendResponse>> => {
    asked.push([service, hours]);
    const first = Math.floor(NOW / HOUR) * HOUR - (hours - 1) * HOUR;
    const buckets = Array.from({ length: hours }, (_, i) => ({ start: new Date(first + i * HOUR).toISOString(), reports: 2, baseline: 1 }));
    return { ok: true, data: { buckets } };
  };
  return { api, asked };
}

// The choice lives in the renderer's module for the page's life, so it carries from test to test here, as it would
// from one opening of the panel to the next: each test below starts from a service whose span it knows.
describe('chart span', () => {
  it('starts at 24 hours and refetches with 168 when 7 d is chosen', async () => {
    const { api, asked } = monitor();
    render(<App api={api} />);
    const panel = await screen.findByTestId('history-facetime');
    expect(await within(panel).findByText(/48 reports in the last 24 hours/, { selector: 'figcaption' })).toBeTruthy();
    const tabs = within(panel).getByRole('tablist', { name: 'FaceTime chart span' });
    expect(within(tabs).getByRole('tab', { name: '24 h' }).getAttribute('aria-selected')).toBe('true');

    await userEvent.click(within(tabs).getByRole('tab', { name: '7 d' }));
    expect(asked).toContainEqual(['facetime', 168]);
    expect(await within(panel).findByText(/336 reports in the last 7 days/, { selector: 'figcaption' })).toBeTruthy();
    expect(within(panel).getByRole('heading', { name: 'FaceTime — last 7 days' })).toBeTruthy();
    expect(within(panel).getByTestId('chart-facetime').querySelectorAll('rect.chart-bar')).toHaveLength(168);
    expect(within(panel).getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(within(tabs).getByRole('tab', { name: '7 d' }).id);
    // The other service keeps its own span.
    expect(asked.filter(([service]) => service === 'imessage').map(([, hours]) => hours)).toEqual([24]);
  });

  it('moves between the tabs with the arrow keys, only the chosen one in the Tab order', async () => {
    const { api, asked } = monitor();
    render(<App api={api} />);
    const tabs = await screen.findByRole('tablist', { name: 'iMessage chart span' });
    const day = within(tabs).getByRole('tab', { name: '24 h' });
    const week = within(tabs).getByRole('tab', { name: '7 d' });
    expect([day.tabIndex, week.tabIndex]).toEqual([0, -1]);
    day.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(week);
    expect(week.getAttribute('aria-selected')).toBe('true');
    expect([day.tabIndex, week.tabIndex]).toEqual([-1, 0]);
    expect(asked).toContainEqual(['imessage', 168]);
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(day);
    expect(day.getAttribute('aria-selected')).toBe('true');
  });

  it('keeps the chosen span when Settings is opened and closed', async () => {
    const { api, asked } = monitor();
    render(<App api={api} />);
    const tabs = await screen.findByRole('tablist', { name: 'iMessage chart span' });
    await userEvent.click(within(tabs).getByRole('tab', { name: '7 d' }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const before = asked.length;
    await userEvent.click(await screen.findByRole('button', { name: 'Close settings' }));
    const again = await screen.findByRole('tablist', { name: 'iMessage chart span' });
    expect(within(again).getByRole('tab', { name: '7 d' }).getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByTestId('history-imessage');
    expect(await within(panel).findByText(/336 reports in the last 7 days/, { selector: 'figcaption' })).toBeTruthy();
    expect(asked.slice(before).filter(([service]) => service === 'imessage')).toEqual([['imessage', 168]]);
  });
});
