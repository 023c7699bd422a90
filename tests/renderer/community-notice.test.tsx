// @vitest-environment jsdom
// Honest crowd size: the popover says when it isn't connected, or when only this computer reports to its server.
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

describe('community notice', () => {
  it('says the app is not connected, how to connect, and that reports wait', async () => {
    const s = healthySnapshot();
    s.community = { ...s.community, reach: 'none', fetchedAt: null };
    s.queuedReports = 2;
    render(<App api={new ScriptedMonitor(s)} />);
    const notice = await screen.findByTestId('community-notice');
    expect(notice.textContent).toContain('Not connected to a community server');
    expect(notice.textContent).toContain('Settings → Community server');
    expect(notice.textContent).toContain('2 reports are saved on this computer and will be sent once you connect one.');
  });

  it('never presents a local server as other people', async () => {
    const s = healthySnapshot();
    s.community = { ...s.community, reach: 'this-computer' };
    render(<App api={new ScriptedMonitor(s)} />);
    expect((await screen.findByTestId('community-notice')).textContent).toContain(
      'Only this computer (or your network) reports to the community server',
    );
  });

  it('shows nothing about the crowd when a shared server is connected and nothing waits', async () => {
    render(<App api={new ScriptedMonitor(healthySnapshot())} />);
    await screen.findByTestId('service-imessage');
    expect(screen.queryByTestId('community-notice')).toBeNull();
  });
});

describe('send now', () => {
  it('asks the engine to send what waits when the user clicks Send now', async () => {
    const { default: userEvent } = await import('@testing-library/user-event');
    const s = healthySnapshot();
    s.queuedReports = 1;
    const api = new ScriptedMonitor(s);
    const sent = vi.spyOn(api, 'sendQueuedReports');
    render(<App api={api} />);
    const notice = await screen.findByTestId('community-notice');
    expect(notice.textContent).toContain('1 report is waiting');
    await userEvent.setup({ advanceTimers: () => undefined }).click(screen.getByRole('button', { name: 'Send now' }));
    expect(sent).toHaveBeenCalledTimes(1);
  });
});
