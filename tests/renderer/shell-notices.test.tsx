// @vitest-environment jsdom
// The desktop shell's notices in the popover: dropped alerts, a newer version, login-item approval, Escape hides.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { SHELL_STATUS_NOT_AVAILABLE } from '../../contracts/shell-status.ts';
import { createHttpBridge } from '../../renderer/src/bridge/http-bridge.ts';
import { App } from '../../renderer/src/components/App.tsx';
import { withRoomForABusyMachine } from './busy-machine.ts';
import { ScriptedMonitor, healthySnapshot } from './fixtures.ts';

afterEach(cleanup);
withRoomForABusyMachine();

const desktop = (over: Partial<ShellStatus>): ShellStatus => ({
  notifications: { state: 'working', detail: 'Alerts reach the notification centre.' },
  update: { state: 'idle', version: null, detail: 'This is the latest version.', downloadPage: null },
  loginItem: { state: 'on', detail: 'Opens when you log in.' },
  canHide: true,
  ...over,
});

describe('shell notices', () => {
  it('say when macOS dropped the alerts, and when a newer version is ready', async () => {
    const api = new ScriptedMonitor(healthySnapshot(), 'electron');
    api.shellStatus = desktop({
      notifications: { state: 'dropped', detail: 'macOS did not show the last alert.' },
      update: { state: 'downloaded', version: '0.2.0', detail: 'Version 0.2.0 will be installed when you quit.', downloadPage: null },
    });
    render(<App api={api} />);
    expect((await screen.findByTestId('notifications-dropped')).textContent).toContain('macOS did not show the last alert.');
    expect(screen.getByTestId('update-notice').textContent).toContain('installed when you quit');
  });

  it('show nothing in a browser, where the shell is not available', async () => {
    const api = new ScriptedMonitor(healthySnapshot(), 'browser');
    api.shellStatus = SHELL_STATUS_NOT_AVAILABLE;
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByTestId('notifications-dropped')).toBeNull();
    expect(screen.queryByTestId('update-notice')).toBeNull();
  });

  it('shows in Settings that the login item waits for approval', async () => {
    const api = new ScriptedMonitor(healthySnapshot(), 'electron');
    api.shellStatus = desktop({
      loginItem: { state: 'requires-approval', detail: 'macOS is waiting for your approval: System Settings → General → Login Items.' },
    });
    const user = userEvent.setup();
    render(<App api={api} />);
    await user.click(await screen.findByRole('button', { name: /settings/i }));
    expect((await screen.findByTestId('login-item-note')).textContent).toContain('Login Items');
  });

  it('Escape hides the popover, but first leaves Settings', async () => {
    const api = new ScriptedMonitor(healthySnapshot(), 'electron');
    const user = userEvent.setup();
    render(<App api={api} />);
    await user.click(await screen.findByRole('button', { name: /settings/i }));
    await user.keyboard('{Escape}');
    expect(api.hidden).toBe(0);
    expect(screen.queryByRole('form', { name: 'Settings' })).toBeNull();
    await act(async () => {
      await user.keyboard('{Escape}');
    });
    expect(api.hidden).toBe(1);
  });
});

describe('browser-mode bridge', () => {
  it('asks the bridge for the shell status, and hide / the shell subscription are harmless no-ops', async () => {
    const asked: string[] = [];
    const fetchImpl = async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(SHELL_STATUS_NOT_AVAILABLE), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const bridge = createHttpBridge('http://127.0.0.1:9/', fetchImpl);
    await expect(bridge.getShellStatus()).resolves.toEqual(SHELL_STATUS_NOT_AVAILABLE);
    expect(asked).toEqual(['http://127.0.0.1:9/api/shell-status']);
    await expect(bridge.hide()).resolves.toBeUndefined();
    const unsubscribe = bridge.subscribeShellStatus(() => {
      throw new Error('never called in a browser');
    });
    expect(() => unsubscribe()).not.toThrow();
    expect(asked).toHaveLength(1);
  });
});
