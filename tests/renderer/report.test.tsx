// @vitest-environment jsdom
// Report a problem: one click sends, optional problem pick, duplicate refusal, offline queue, bell.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, imessageOutageSnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

async function row(api: ScriptedMonitor) {
  render(<App api={api} />);
  return within(await screen.findByTestId('service-imessage'));
}

describe('report flow', () => {
  it('sends with one click and confirms; a repeat is refused and disables the buttons with the reason', async () => {
    const api = new ScriptedMonitor(imessageOutageSnapshot());
    api.reportOutcomes = [
      { result: 'sent', message: 'Thanks — report sent.' },
      { result: 'duplicate', message: 'You already reported iMessage.', retryAt: NOW + 30 * 60_000 },
    ];
    const r = await row(api);
    await userEvent.click(r.getByRole('button', { name: 'Report a problem' }));
    expect(api.calls.reports).toEqual([{ service: 'imessage', kind: 'problem', problem: 'other' }]);
    expect(r.getByTestId('report-note-imessage').textContent).toBe('Thanks — report sent.');
    await userEvent.click(r.getByRole('button', { name: 'Working for me' }));
    expect(api.calls.reports[1]).toEqual({ service: 'imessage', kind: 'working' });
    expect(r.getByTestId('report-note-imessage').textContent).toMatch(
      /^You already reported iMessage\. You can report again after \d\d:\d\d\.$/,
    );
    expect((r.getByRole('button', { name: 'Report a problem' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lets the user pick what is wrong before sending', async () => {
    const api = new ScriptedMonitor(imessageOutageSnapshot());
    const r = await row(api);
    const pick = r.getByRole('button', { name: "What's wrong?" });
    await userEvent.click(pick);
    expect(pick.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(r.getByRole('button', { name: 'Waiting for activation' }));
    expect(api.calls.reports).toEqual([{ service: 'imessage', kind: 'problem', problem: 'activation' }]);
    expect(r.queryByRole('button', { name: 'Waiting for activation' })).toBeNull();
  });

  it('queues while offline and says so, then confirms once the queue is empty', async () => {
    const api = new ScriptedMonitor(imessageOutageSnapshot());
    api.reportOutcomes = [{ result: 'queued', message: 'Saved.' }];
    const r = await row(api);
    await userEvent.click(r.getByRole('button', { name: 'Report a problem' }));
    const queued = structuredClone(api.snapshot);
    queued.round += 1;
    queued.queuedReports = 1;
    act(() => api.push(queued));
    expect(r.getByTestId('report-note-imessage').textContent).toBe('Saved.');
    expect(screen.getByText(/1 report is waiting/)).toBeTruthy();
    expect((r.getByRole('button', { name: 'Report a problem' }) as HTMLButtonElement).disabled).toBe(true);
    const delivered = structuredClone(queued);
    delivered.round += 1;
    delivered.queuedReports = 0;
    act(() => api.push(delivered));
    expect(r.getByTestId('report-note-imessage').textContent).toBe('Your queued report has been sent.');
  });

  it('rings the bell through notifyWhenBack', async () => {
    const api = new ScriptedMonitor(imessageOutageSnapshot());
    const r = await row(api);
    const bell = r.getByRole('button', { name: 'Notify me when iMessage is back' });
    expect(bell.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(bell);
    expect(api.calls.patches).toEqual([{ notifyWhenBack: { imessage: true, facetime: false } }]);
    expect(bell.getAttribute('aria-pressed')).toBe('true');
  });
});
