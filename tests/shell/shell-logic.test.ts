import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertNotification } from '../../contracts/status.ts';
import { BLUR_AFTER_SHOW_MS, CLICK_AFTER_BLUR_MS, PopoverToggle } from '../../main/shell/blur-guard.ts';
import { interfaceFingerprint, watchNetworkInterfaces } from '../../main/shell/network-watch.ts';
import type { InterfaceTable } from '../../main/shell/network-watch.ts';
import { NOTIFICATION_HISTORY_LIMIT, NotificationLog } from '../../main/shell/notification-log.ts';
import { detectElectronRuntime } from '../../main/shell/runtime.ts';
import { externalUrlAllowed, isOwnPage } from '../../main/popover/url-policy.ts';

const alert = (n: number): AlertNotification => ({ service: 'imessage', kind: 'down', title: `t${n}`, body: 'b', at: n });

describe('notification bookkeeping', () => {
  it('keeps each native object until it is clicked or closed', () => {
    const log = new NotificationLog<{ name: string }>();
    const a = log.keep(alert(1), { name: 'a' });
    const b = log.keep(alert(2), { name: 'b' });
    expect(log.pending().map((p) => p.native.name)).toEqual(['a', 'b']);
    expect(log.release(a)?.native.name).toBe('a');
    expect(log.release(a)).toBeUndefined();
    expect(log.pending().map((p) => p.id)).toEqual([b]);
    expect(log.clear().map((p) => p.id)).toEqual([b]);
    expect(log.pending()).toEqual([]);
  });

  it('records every alert shown, capped', () => {
    const log = new NotificationLog<null>();
    for (let i = 0; i < NOTIFICATION_HISTORY_LIMIT + 5; i++) log.release(log.keep(alert(i), null));
    const recorded = log.recorded();
    expect(recorded).toHaveLength(NOTIFICATION_HISTORY_LIMIT);
    expect(recorded[0]?.at).toBe(5);
  });
});

describe('click-to-close flicker guard', () => {
  it('a tray click right after a blur-hide leaves the popover closed', () => {
    let now = 1_000;
    const toggle = new PopoverToggle(() => now);
    toggle.markShown();
    now += BLUR_AFTER_SHOW_MS + 500;
    expect(toggle.onBlur(true)).toBe(true);
    now += 40;
    expect(toggle.onTrayClick(false)).toBe('ignore');
    now += CLICK_AFTER_BLUR_MS;
    expect(toggle.onTrayClick(false)).toBe('show');
  });

  it('ignores the focus settling right after showing, and hides on a click while open', () => {
    let now = 0;
    const toggle = new PopoverToggle(() => now);
    toggle.markShown();
    now += 10;
    expect(toggle.onBlur(true)).toBe(false);
    expect(toggle.onTrayClick(true)).toBe('hide');
    expect(toggle.onBlur(false)).toBe(false);
  });
});

describe('network change watch', () => {
  const table = (address: string): InterfaceTable => ({
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [{ address, netmask: '255.255.255.0', family: 'IPv4', mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: `${address}/24` }],
  });

  it('ignores loopback and order, notices address changes', () => {
    expect(interfaceFingerprint(table('10.0.0.2'))).not.toContain('127.0.0.1');
    expect(interfaceFingerprint(table('10.0.0.2'))).not.toBe(interfaceFingerprint(table('10.0.0.3')));
  });

  it('calls back once per change and stops cleanly', () => {
    let current = table('10.0.0.2');
    let tick: (() => void) | null = null;
    let changes = 0;
    let cleared = false;
    const stop = watchNetworkInterfaces({
      read: () => current,
      onChange: () => changes++,
      intervalMs: 5_000,
      setInterval: (fn) => {
        tick = fn;
        return 'handle';
      },
      clearInterval: (h) => {
        cleared = h === 'handle';
      },
    });
    const run = () => (tick as unknown as () => void)();
    run();
    expect(changes).toBe(0);
    current = table('192.168.1.9');
    run();
    run();
    expect(changes).toBe(1);
    current = {};
    run();
    expect(changes).toBe(2);
    stop();
    expect(cleared).toBe(true);
  });
});

describe('runtime detection', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function electronPackage(pathTxt: string | null, binary: string | null): string {
    dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
    if (pathTxt !== null) writeFileSync(join(dir, 'path.txt'), pathTxt);
    if (binary) {
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', binary), '');
    }
    return dir;
  }

  it('reports the missing download without trying one', () => {
    const result = detectElectronRuntime({ env: {}, electronPackageDir: electronPackage(null, null) });
    expect(result).toEqual({ available: false, reason: expect.stringContaining('no path.txt') });
  });

  it('reports a path.txt whose binary is missing', () => {
    const result = detectElectronRuntime({ env: {}, electronPackageDir: electronPackage('electron', null) });
    expect(result.available).toBe(false);
  });

  it('finds a downloaded binary', () => {
    const pkg = electronPackage('electron', 'electron');
    expect(detectElectronRuntime({ env: {}, electronPackageDir: pkg })).toEqual({
      available: true,
      executable: join(pkg, 'dist', 'electron'),
    });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH and checks it exists', () => {
    const pkg = electronPackage(null, null);
    const override = join(pkg, 'custom');
    mkdirSync(override);
    expect(detectElectronRuntime({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, electronPackageDir: pkg }).available).toBe(false);
    writeFileSync(join(override, 'electron'), '');
    expect(detectElectronRuntime({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, electronPackageDir: pkg })).toEqual({
      available: true,
      executable: join(override, 'electron'),
    });
  });
});

describe('URL policy', () => {
  it('opens only http(s) links without credentials', () => {
    expect(externalUrlAllowed('https://www.apple.com/support/systemstatus/')).toBe(true);
    expect(externalUrlAllowed('http://127.0.0.1:8787/')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'https://user:pw@evil.example/',
      'not a url',
      '',
    ]) {
      expect(externalUrlAllowed(bad), bad).toBe(false);
    }
  });

  it('treats only the bundled page as our own', () => {
    const own = 'file:///app/dist/renderer/index.html';
    expect(isOwnPage('file:///app/dist/renderer/index.html#x', own)).toBe(true);
    expect(isOwnPage('file:///app/dist/renderer/other.html', own)).toBe(false);
    expect(isOwnPage('https://evil.example/app/dist/renderer/index.html', own)).toBe(false);
  });
});
