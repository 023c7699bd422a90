// @vitest-environment jsdom
// Settings: local checks before sending, the engine's refusal next to the field, browser-mode limits.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.tsx';
import { withRoomForABusyMachine } from './busy-machine.ts';
import { ScriptedMonitor, healthySnapshot } from './fixtures.ts';

afterEach(cleanup);
withRoomForABusyMachine();

async function openSettings(api: ScriptedMonitor) {
  render(<App api={api} />);
  await screen.findByText('All good');
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  // The panel is its own chunk (LazyPanels.tsx): it may still be loading right after the click.
  return screen.findByRole('form', { name: 'Settings' });
}

describe('settings', () => {
  it('refuses an out-of-range interval next to the field without sending it', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    await openSettings(api);
    const input = screen.getByLabelText('Check every (seconds)');
    await userEvent.clear(input);
    await userEvent.type(input, '0{Enter}');
    expect(document.getElementById('interval-error')?.textContent).toContain('Between 1 and 3600 seconds.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(api.calls.patches).toEqual([]);
    await userEvent.clear(input);
    await userEvent.type(input, '30{Enter}');
    expect(api.calls.patches).toEqual([{ probeIntervalMs: 30_000 }]);
    expect(document.getElementById('interval-error')?.textContent).toBe('');
  });

  it("shows the engine's refusal next to the aggregator address and tests the connection", async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    api.settingsError = 'aggregatorUrl: must be reachable over http(s)';
    api.connection = { ok: false, message: 'No answer from http://127.0.0.1:9/.' };
    await openSettings(api);
    const input = screen.getByLabelText('Community server address');
    await userEvent.clear(input);
    await userEvent.type(input, 'ftp://example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(document.getElementById('aggregator-error')?.textContent).toContain('must start with http:// or https://');
    expect(api.calls.patches).toEqual([]);
    await userEvent.clear(input);
    await userEvent.type(input, 'http://127.0.0.1:9/');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.calls.patches).toEqual([{ aggregatorUrl: 'http://127.0.0.1:9/' }]);
    expect(document.getElementById('aggregator-error')?.textContent).toContain('aggregatorUrl: must be reachable over http(s)');
    // Editing the address again clears the refusal that belonged to the old text.
    await userEvent.type(input, 'x');
    expect(document.getElementById('aggregator-error')?.textContent ?? '').toBe('');
    await userEvent.type(input, '{Backspace}');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(api.calls.tests).toEqual(['http://127.0.0.1:9/']);
    expect(document.getElementById('aggregator-test')?.textContent).toBe('✕ No answer from http://127.0.0.1:9/.');
  });

  it('disables launch at login in browser mode with the reason, and enables it in the desktop app', async () => {
    await openSettings(new ScriptedMonitor(healthySnapshot(), 'browser'));
    expect((screen.getByLabelText('Open at login') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Only in the desktop app.')).toBeTruthy();
    cleanup();
    await openSettings(new ScriptedMonitor(healthySnapshot(), 'electron'));
    expect((screen.getByLabelText('Open at login') as HTMLInputElement).disabled).toBe(false);
  });

  it('closes with Escape and returns to the status view', async () => {
    await openSettings(new ScriptedMonitor(healthySnapshot()));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Settings' })).toBeNull();
    expect(screen.getByTestId('service-imessage')).toBeTruthy();
  });

  it('stores notification switches per service and kind', async () => {
    const api = new ScriptedMonitor(healthySnapshot());
    await openSettings(api);
    await userEvent.click(screen.getAllByLabelText('When down')[1] as HTMLElement);
    expect(api.calls.patches).toEqual([{ notifications: { facetime: { down: false, recovered: true } } }]);
  });
});
