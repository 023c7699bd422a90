// Linux: a StatusNotifier host that exists but did not take our icon must not leave the app invisible. The D-Bus
// answers below are dbus-send's --print-reply output as KDE's and GNOME AppIndicator's watchers give it.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { probeTrayHost, probeTrayItem } from '../../main/electron/linux-tray-host.ts';
import { chooseSurface } from '../../main/shell/shell-surface.ts';
import { parseRegisteredItems, trayItemState, waitForTrayItem } from '../../main/shell/tray-registration.ts';
import type { DbusSend } from '../../main/shell/tray-registration.ts';

const PID = 4242;
const itemsReply = (items: string[]) =>
  `method return time=1767225600.1 sender=:1.20 -> destination=:1.301 serial=77 reply_serial=2\n   variant       array [\n${items
    .map((i) => `         string "${i}"\n`)
    .join('')}      ]\n`;
const pidReply = (pid: number) =>
  `method return time=1767225600.2 sender=org.freedesktop.DBus -> destination=:1.301 serial=5\n   uint32 ${pid}\n`;

/** A stand-in session bus: the watcher's list, and the pid behind each unique name. */
function bus(items: string[] | null, owners: Record<string, number> = {}): DbusSend & { calls: string[][] } {
  const calls: string[][] = [];
  const send = async (args: readonly string[]) => {
    calls.push([...args]);
    if (args.includes('org.freedesktop.DBus.Properties.Get')) return items === null ? null : itemsReply(items);
    const unique = args.find((a) => a.startsWith('string::'))?.slice('string:'.length);
    if (args.includes('org.freedesktop.DBus.GetConnectionUnixProcessID') && unique && owners[unique]) return pidReply(owners[unique]);
    return null;
  };
  return Object.assign(send, { calls });
}

describe('tray icon registration (StatusNotifierWatcher)', () => {
  it("reads the watcher's RegisteredStatusNotifierItems reply", () => {
    expect(
      parseRegisteredItems(itemsReply(['org.kde.StatusNotifierItem-77-1/StatusNotifierItem', ':1.88/org/ayatana/NotificationItem/x'])),
    ).toEqual(['org.kde.StatusNotifierItem-77-1/StatusNotifierItem', ':1.88/org/ayatana/NotificationItem/x']);
    expect(parseRegisteredItems(itemsReply([]))).toEqual([]);
    expect(parseRegisteredItems('Error org.freedesktop.DBus.Error.ServiceUnknown: no such name')).toBeNull();
  });

  it("finds Chromium's item by its pid-named service, or by the pid behind a unique name", async () => {
    expect(await trayItemState(bus([`org.kde.StatusNotifierItem-${PID}-1/StatusNotifierItem`]), PID)).toBe('registered');
    expect(await trayItemState(bus([':1.90/StatusNotifierItem'], { ':1.90': PID }), PID)).toBe('registered');
  });

  it('says missing when the list was read and our item is not in it, unknown when it could not tell', async () => {
    const others = bus(['org.kde.StatusNotifierItem-99-1/StatusNotifierItem', ':1.50/StatusNotifierItem'], { ':1.50': 99 });
    expect(await trayItemState(others, PID)).toBe('missing');
    expect(await trayItemState(bus([]), PID)).toBe('missing');
    expect(await trayItemState(bus(null), PID)).toBe('unknown');
    expect(await trayItemState(bus([':1.51/StatusNotifierItem']), PID)).toBe('unknown'); // pid not answered
  });

  it('waits for a late registration and stops asking once it is there', async () => {
    let items: string[] = [];
    const send: DbusSend = async (args) => {
      const reply = itemsReply(items);
      items = [`org.kde.StatusNotifierItem-${PID}-1/StatusNotifierItem`]; // registered after the first question
      return args.includes('org.freedesktop.DBus.Properties.Get') ? reply : null;
    };
    const sleeps: number[] = [];
    const wait = { attempts: 8, intervalMs: 300, sleep: async (ms: number) => void sleeps.push(ms) };
    expect(await waitForTrayItem(send, PID, wait)).toBe('registered');
    expect(sleeps).toEqual([300]);
    const never = bus(['org.kde.StatusNotifierItem-99-1/StatusNotifierItem']);
    expect(await waitForTrayItem(never, PID, wait)).toBe('missing');
    expect(never.calls).toHaveLength(8);
  });

  it('falls back to a shown, normal window when the host did not take the icon', () => {
    for (const display of ['x11', 'xwayland', 'wayland'] as const) {
      expect(chooseSurface({ platform: 'linux', display, trayHost: true, trayItem: 'missing' })).toMatchObject({
        kind: 'window',
        showAtStart: true,
      });
    }
    expect(chooseSurface({ platform: 'linux', display: 'x11', trayHost: true, trayItem: 'registered' })).toMatchObject({
      kind: 'popover',
      showAtStart: false,
    });
    // Could not tell: keep the popover but show it once, so the app is never invisible.
    expect(chooseSurface({ platform: 'linux', display: 'x11', trayHost: true, trayItem: 'unknown' })).toMatchObject({
      kind: 'popover',
      showAtStart: true,
    });
  });
});

describe.skipIf(process.platform !== 'linux')('the glue with a stand-in dbus-send on PATH', () => {
  const bin = mkdtempSync(join(tmpdir(), 'imsm-dbus-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('a host that answers but lists only other apps ends in window mode', async () => {
    // Answers like a KDE session where another app's icon is registered and ours is not.
    writeFileSync(
      join(bin, 'dbus-send'),
      `#!/bin/sh
case "$*" in
  *NameHasOwner*) printf 'method return time=1 sender=org.freedesktop.DBus -> destination=:1.301 serial=3 reply_serial=2\\n   boolean true\\n' ;;
  *RegisteredStatusNotifierItems*) printf 'method return time=1 sender=:1.20 -> destination=:1.301 serial=9 reply_serial=2\\n   variant       array [\\n         string "org.kde.StatusNotifierItem-1-1/StatusNotifierItem"\\n      ]\\n' ;;
  *) exit 1 ;;
esac
`,
    );
    chmodSync(join(bin, 'dbus-send'), 0o755);
    vi.stubEnv('PATH', `${bin}:${process.env.PATH ?? ''}`);
    try {
      const trayHost = await probeTrayHost();
      const trayItem = await probeTrayItem();
      expect([trayHost, trayItem]).toEqual([true, 'missing']);
      expect(chooseSurface({ platform: 'linux', display: 'x11', trayHost, trayItem })).toMatchObject({ kind: 'window', showAtStart: true });
    } finally {
      vi.unstubAllEnvs();
    }
  }, 20_000);
});
