// Startup order and failure, the tray / no-tray choice, per-platform identity, and notification delivery detection.
import { describe, expect, it } from 'vitest';
import { DeliveryTracker, SHOW_CONFIRM_MS } from '../../main/shell/notification-delivery.ts';
import { chooseAppUserModelId, loginItemState } from '../../main/shell/platform-identity.ts';
import { chooseSurface, displayServer, parseNameHasOwner } from '../../main/shell/shell-surface.ts';
import { fatalStartupMessage, runStartup } from '../../main/shell/startup-sequence.ts';

describe('startup sequence', () => {
  it('runs the steps in order, awaiting each', async () => {
    const seen: string[] = [];
    const outcome = await runStartup(
      [
        { name: 'surface', run: () => void seen.push('surface') },
        { name: 'engine', run: async () => void (await new Promise((r) => setTimeout(r, 5)), seen.push('engine')) },
        { name: 'updates', run: () => void seen.push('updates') },
      ],
      () => seen.push('fatal'),
    );
    expect(seen).toEqual(['surface', 'engine', 'updates']);
    expect(outcome).toEqual({ ok: true, completed: ['surface', 'engine', 'updates'] });
  });

  it('stops at the first failure, sync or async, and reports it once', async () => {
    for (const failing of [
      () => {
        throw new Error('boom');
      },
      () => Promise.reject(new Error('boom')),
    ]) {
      const fatal: string[] = [];
      let after = false;
      const outcome = await runStartup(
        [
          { name: 'surface', run: () => {} },
          { name: 'engine', run: failing },
          { name: 'updates', run: () => void (after = true) },
        ],
        (step, error) => fatal.push(`${step}: ${(error as Error).message}`),
      );
      expect(fatal).toEqual(['engine: boom']);
      expect(after).toBe(false);
      expect(outcome).toMatchObject({ ok: false, completed: ['surface'], failedStep: 'engine' });
    }
  });

  it('words the fatal dialog with the step, the reason and the log file', () => {
    const { title, body } = fatalStartupMessage('engine', new Error('EACCES: /data'), '/logs/main.log');
    expect(title).toContain('could not start');
    expect(body).toContain('"engine"');
    expect(body).toContain('EACCES: /data');
    expect(body).toContain('/logs/main.log');
  });
});

describe('tray or window', () => {
  it('keeps the popover on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const)
      expect(chooseSurface({ platform, display: 'none', trayHost: null }).kind).toBe('popover');
  });

  it('falls back to a normal, shown window on Linux without a tray host', () => {
    expect(chooseSurface({ platform: 'linux', display: 'x11', trayHost: false })).toMatchObject({ kind: 'window', showAtStart: true });
    expect(chooseSurface({ platform: 'linux', display: 'xwayland', trayHost: true })).toMatchObject({
      kind: 'popover',
      showAtStart: false,
    });
    // Unknown tray host: popover, but shown once so the first launch is never invisible.
    expect(chooseSurface({ platform: 'linux', display: 'x11', trayHost: null })).toMatchObject({ kind: 'popover', showAtStart: true });
  });

  it('uses a window on native Wayland, where a popover cannot be placed', () => {
    expect(chooseSurface({ platform: 'linux', display: 'wayland', trayHost: true })).toMatchObject({ kind: 'window', showAtStart: false });
    expect(chooseSurface({ platform: 'linux', display: 'wayland', trayHost: null })).toMatchObject({ kind: 'window', showAtStart: true });
  });

  it('honours MONITOR_WINDOW_MODE', () => {
    expect(chooseSurface({ platform: 'darwin', display: 'none', trayHost: true, override: 'window' }).kind).toBe('window');
    expect(chooseSurface({ platform: 'linux', display: 'wayland', trayHost: false, override: 'popover' }).kind).toBe('popover');
  });

  it('reads the display server from the session and the ozone switch', () => {
    const wayland = { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', XDG_SESSION_TYPE: 'wayland' };
    expect(displayServer({ platform: 'linux', env: wayland, ozonePlatform: 'x11' })).toBe('xwayland');
    expect(displayServer({ platform: 'linux', env: wayland, ozonePlatform: '' })).toBe('wayland');
    expect(displayServer({ platform: 'linux', env: { DISPLAY: ':0' }, ozonePlatform: '' })).toBe('x11');
    expect(displayServer({ platform: 'darwin', env: wayland, ozonePlatform: '' })).toBe('none');
  });

  it("parses dbus-send's NameHasOwner answer", () => {
    expect(parseNameHasOwner('method return time=1 sender=org.freedesktop.DBus\n   boolean true\n')).toBe(true);
    expect(parseNameHasOwner('method return …\n   boolean false\n')).toBe(false);
    expect(parseNameHasOwner('Error org.freedesktop.DBus.Error.NoReply')).toBeNull();
  });
});

describe('platform identity', () => {
  it("uses the appId only when packaged (the installer's shortcut carries it)", () => {
    const facts = { appId: 'com.imessagestatus.monitor', execPath: 'C:\\dev\\electron.exe' };
    expect(chooseAppUserModelId({ ...facts, isPackaged: true })).toBe('com.imessagestatus.monitor');
    expect(chooseAppUserModelId({ ...facts, isPackaged: false })).toBe('C:\\dev\\electron.exe');
  });

  it('shows a login item that waits for approval on macOS', () => {
    expect(loginItemState('darwin', { openAtLogin: false, status: 'requires-approval' })).toBe('requires-approval');
    expect(loginItemState('darwin', { openAtLogin: true, status: 'enabled' })).toBe('on');
    expect(loginItemState('darwin', { openAtLogin: false, status: 'not-registered' })).toBe('off');
    expect(loginItemState('win32', { openAtLogin: true })).toBe('on');
    expect(loginItemState('linux', { openAtLogin: true })).toBe('not-supported');
  });
});

describe('notification delivery', () => {
  it('says "dropped" when macOS neither shows nor fails a notification in time', () => {
    let now = 0;
    const tracker = new DeliveryTracker(true, () => now);
    expect(tracker.current().state).toBe('unconfirmed');
    tracker.posted(1);
    now = SHOW_CONFIRM_MS - 1;
    expect(tracker.sweep('darwin')).toBe(false);
    now = SHOW_CONFIRM_MS;
    expect(tracker.sweep('darwin')).toBe(true);
    expect(tracker.current().state).toBe('dropped');
    tracker.shown(2);
    expect(tracker.current().state).toBe('working');
  });

  it('takes a failed event as dropped at once, and a silent Linux notification as no evidence', () => {
    let now = 0;
    const tracker = new DeliveryTracker(true, () => now);
    tracker.posted(1);
    now = SHOW_CONFIRM_MS * 2;
    tracker.sweep('linux');
    expect(tracker.current().state).toBe('unconfirmed');
    tracker.failed(2, 'Notifications are not allowed for this application');
    expect(tracker.current()).toMatchObject({ state: 'dropped' });
    expect(tracker.current().detail).toContain('not allowed');
  });

  it('reports unsupported systems as such', () => {
    expect(new DeliveryTracker(false, () => 0).current().state).toBe('unsupported');
  });
});
