// Electron main at the edges: a failing startup, a simulated failure, a packaged run, and no tray host.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron.ts';
import { hooks, quit, startMain, useMainBundleWorld, work } from './main-bootstrap-harness.ts';

useMainBundleWorld();

describe('Electron main at the edges: failures, packaged runs, no tray', () => {
  afterEach(() => {
    vi.stubEnv('MONITOR_TEST_FAIL_STARTUP', '');
    vi.stubEnv('MONITOR_WINDOW_MODE', 'popover');
  });

  it('a failing startup shows a dialog and exits 1 instead of hanging', async () => {
    // A real failure: the data folder is a file, so the engine cannot create its store.
    const blocked = join(work, 'not-a-folder');
    writeFileSync(blocked, 'x');
    vi.stubEnv('MONITOR_DATA_DIR', blocked);
    try {
      const fake = await startMain({}, false);
      await vi.waitFor(() => expect(fake.state.exitCode).toBe(1), { timeout: 20_000, interval: 50 });
      expect(fake.state.errorBoxes).toHaveLength(1);
      expect(fake.state.errorBoxes[0]?.title).toContain('could not start');
      expect(fake.state.errorBoxes[0]?.body).toContain('"engine"');
      expect(fake.state.errorBoxes[0]?.body).toContain('main.log');
      expect(hooks()).toBeUndefined();
      expect(fake.Tray.instances).toHaveLength(0);
    } finally {
      vi.stubEnv('MONITOR_DATA_DIR', join(work, 'data'));
    }
  }, 60_000);

  it('a simulated failure after the tray (test hook) exits 1 with the message on stderr', async () => {
    vi.stubEnv('MONITOR_TEST_FAIL_STARTUP', 'window');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const fake = await startMain({}, false);
      await vi.waitFor(() => expect(fake.state.exitCode).toBe(1), { timeout: 20_000, interval: 50 });
      expect(fake.state.errorBoxes).toHaveLength(0);
      expect(written.join('')).toContain('Starting failed at "window"');
      // The tray step comes before the window: the icon was there first.
      expect(fake.Tray.instances).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it('a packaged app refuses the test hooks and the lab config although the environment asks for them', async () => {
    const fake = await startMain({ isPackaged: true }, false);
    await vi.waitFor(() => expect(fake.Tray.instances.length).toBe(1), { timeout: 20_000, interval: 50 });
    await vi.waitFor(() => expect(fake.ipcHandlers.size).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    expect(hooks()).toBeUndefined();
    // The failure switch is a hook too: ignored, so the start went through.
    expect(fake.state.exitCode).toBeNull();
    const log = readFileSync(join(work, 'data', 'logs', 'main.log'), 'utf8');
    expect(log).toContain('test hooks are refused in a packaged app');
    await quit(fake);
  }, 60_000);

  it('without a tray host the app opens as a normal window that quits when closed', async () => {
    vi.stubEnv('MONITOR_WINDOW_MODE', 'window');
    const fake = await startMain();
    expect(hooks().surface().kind).toBe('window');
    const window = fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>;
    expect(window.options).toMatchObject({ frame: true, skipTaskbar: false, alwaysOnTop: false });
    await vi.waitFor(() => expect(window.visible).toBe(true), { timeout: 10_000, interval: 50 });
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.state.quitted).toBe(true), { timeout: 20_000, interval: 50 });
  }, 60_000);
});
