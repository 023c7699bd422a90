// @vitest-environment jsdom
// The Messages card: Full Disk Access step, the one-click report with the counts, and the opt-ins only on a Mac.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FULL_DISK_ACCESS_URL, type MessagesStatus } from '../../contracts/messages.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { NOW, ScriptedMonitor, healthySnapshot } from './fixtures.ts';
import { withClockAtNow } from './clock.ts';

withClockAtNow();

const FAILING: MessagesStatus = {
  state: 'ok',
  message: '3 iMessages to 2 people failed in the last 10 minutes, with nothing delivered since.',
  readAt: NOW,
  failing: true,
  counts: {
    windowMs: 600_000,
    sent: 3,
    failed: 3,
    delivered: 0,
    failedRecipients: 2,
    lastDeliveryAt: null,
    failedSinceDelivery: 3,
    recipientsSinceDelivery: 2,
  },
};

describe('Messages panel', () => {
  it('without Full Disk Access: says so and opens the right System Settings pane', async () => {
    const s = healthySnapshot();
    s.messages = {
      state: 'no-permission',
      message: 'This app may not read chat.db: give it Full Disk Access.',
      readAt: NOW,
      counts: null,
      failing: false,
    };
    const api = new ScriptedMonitor(s);
    const opened: string[] = [];
    // The fixture's openExternal ignores its argument; this one records it.
    Object.assign(api, {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    });
    render(<App api={api} />);
    expect((await screen.findByTestId('messages')).textContent).toContain('Full Disk Access');
    fireEvent.click(screen.getByRole('button', { name: 'Open Full Disk Access settings' }));
    expect(opened).toEqual([FULL_DISK_ACCESS_URL]);
  });

  it('failing: a one-click iMessage report, pre-filled with the counts', async () => {
    const s = healthySnapshot();
    s.messages = FAILING;
    const api = new ScriptedMonitor(s);
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Report: 3 iMessages to 2 people not delivered' }));
    await vi.waitFor(() => expect(api.calls.reports).toEqual([{ service: 'imessage', kind: 'problem', problem: 'not-delivered' }]));
  });

  it('nothing where Messages cannot be read, or while switched off', async () => {
    render(<App api={new ScriptedMonitor(healthySnapshot())} />);
    await screen.findByTestId('service-imessage');
    expect(screen.queryByTestId('messages')).toBeNull();
    cleanup();
    const s = healthySnapshot();
    s.messages = { state: 'off', message: 'off', readAt: null, counts: null, failing: false };
    render(<App api={new ScriptedMonitor(s)} />);
    await screen.findByTestId('service-imessage');
    expect(screen.queryByTestId('messages')).toBeNull();
  });
});
