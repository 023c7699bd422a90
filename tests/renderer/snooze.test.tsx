// @vitest-environment jsdom
// Snooze in the popover (three choices; while on, until when and "Resume now") and the outages held while alerts were off.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

const MIN = 60_000;

withClockAtNow();

describe('snooze bar', () => {
  it('offers 1 hour, 4 hours and tomorrow morning, and stores the end through setSettings', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    render(<App api={api} />);
    const bar = await screen.findByTestId('snooze');
    expect(
      within(bar)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1 hour', '4 hours', 'Until tomorrow morning']);
    expect(bar.textContent).not.toMatch(/snoozed until/);
    await userEvent.click(within(bar).getByRole('button', { name: '4 hours' }));
    expect(api.calls.patches).toEqual([{ snoozeUntil: NOW + 240 * MIN }]);
  });

  it('while snoozed says until when, offers no choices, and "Resume now" sets snoozeUntil to 0', async () => {
    const snoozed = healthySnapshot();
    snoozed.snoozedUntil = NOW + 90 * MIN; // NOW is 14:30 local
    const api = new ScriptedMonitor(snoozed);
    render(<App api={api} />);
    const bar = await screen.findByTestId('snooze');
    expect(bar.textContent).toContain('Alerts snoozed until 16:00.');
    expect(
      within(bar)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume now']);
    await userEvent.click(within(bar).getByRole('button', { name: 'Resume now' }));
    expect(api.calls.patches).toEqual([{ snoozeUntil: 0 }]);
    // The engine's next snapshot no longer carries the snooze: the choices come back.
    const resumed = healthySnapshot();
    resumed.round = snoozed.round + 1;
    act(() => api.push(resumed));
    expect(within(screen.getByTestId('snooze')).getByRole('button', { name: '1 hour' })).toBeTruthy();
  });

  it('a snooze that has already ended reads as not snoozed', async () => {
    const s = healthySnapshot();
    s.snoozedUntil = NOW - MIN;
    render(<App api={new ScriptedMonitor(s)} />);
    expect((await screen.findByTestId('snooze')).textContent).toMatch(/^Snooze alerts:/);
  });
});

describe('outages held while alerts were off', () => {
  it('sums up each one, with times and length, saying no alert was sent', async () => {
    const s = healthySnapshot();
    s.heldOutages = [
      { service: 'facetime', from: NOW - 3 * 60 * MIN, to: NOW - 2 * 60 * MIN - 45 * MIN }, // 11:30–11:45
      { service: 'imessage', from: NOW - 6 * 60 * MIN, to: NOW - 5 * 60 * MIN + 10 * MIN }, // 08:30–09:40
    ];
    render(<App api={new ScriptedMonitor(s)} />);
    const held = await screen.findByTestId('held-outages');
    expect(within(held).getByRole('heading', { name: 'While alerts were off' })).toBeTruthy();
    expect(
      within(held)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'FaceTime was down 11:30 – 11:45 (15 min); no alert was sent.',
      'iMessage was down 08:30 – 09:40 (1 h 10 min); no alert was sent.',
    ]);
  });

  it('shows nothing when no outage was held', async () => {
    render(<App api={new ScriptedMonitor(healthySnapshot())} />);
    await screen.findByTestId('snooze');
    expect(screen.queryByTestId('held-outages')).toBeNull();
  });
});
