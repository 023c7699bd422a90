// Did the tray host really take our icon? A StatusNotifier host can exist and still refuse or drop the item (Electron
// 44–45: electron/electron#53213, #52674, #53138). The watcher lists what it holds in RegisteredStatusNotifierItems.

/** Runs `dbus-send` with these arguments; its stdout, or null when it failed, timed out or is missing. */
export type DbusSend = (args: readonly string[]) => Promise<string | null>;

/** registered: our item is listed; missing: the list was read and it is not; unknown: could not tell. */
export type TrayItemState = 'registered' | 'missing' | 'unknown';

const SESSION = ['--session', '--print-reply', '--reply-timeout=1000'] as const;

/** The watcher's item list: `service/path` strings, e.g. `org.kde.StatusNotifierItem-4242-1/StatusNotifierItem`. */
export const REGISTERED_ITEMS_QUERY = [
  ...SESSION,
  '--dest=org.kde.StatusNotifierWatcher',
  '/StatusNotifierWatcher',
  'org.freedesktop.DBus.Properties.Get',
  'string:org.kde.StatusNotifierWatcher',
  'string:RegisteredStatusNotifierItems',
] as const;

/** Which process owns a unique bus name (some watchers list `:1.88/StatusNotifierItem` instead of the well-known name). */
export function connectionPidQuery(uniqueName: string): string[] {
  return [
    ...SESSION,
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    `string:${uniqueName}`,
  ];
}

/** The strings of `dbus-send --print-reply`'s `variant array [ string "…" … ]`; null when the reply is not one. */
export function parseRegisteredItems(output: string): string[] | null {
  if (!/\barray \[/.test(output)) return null;
  return [...output.matchAll(/^\s*string "([^"]*)"/gm)].map((m) => m[1] ?? '');
}

/** `uint32 4242` → 4242. */
export function parseConnectionPid(output: string): number | null {
  const match = /\buint32 (\d+)/.exec(output);
  return match ? Number(match[1]) : null;
}

/**
 * Chromium names its item `org.kde.StatusNotifierItem-<pid>-<n>` (status_icon_linux_dbus.cc) and registers that
 * name; watchers that store the sender's unique name instead are resolved to a pid over the bus.
 */
export async function trayItemState(send: DbusSend, pid: number): Promise<TrayItemState> {
  const reply = await send(REGISTERED_ITEMS_QUERY);
  const items = reply === null ? null : parseRegisteredItems(reply);
  if (items === null) return 'unknown';
  const services = items.map((item) => item.split('/')[0] ?? '');
  if (services.some((s) => s.startsWith(`org.kde.StatusNotifierItem-${pid}-`))) return 'registered';
  let unresolved = false;
  for (const unique of services.filter((s) => s.startsWith(':'))) {
    const answer = await send(connectionPidQuery(unique));
    const owner = answer === null ? null : parseConnectionPid(answer);
    if (owner === pid) return 'registered';
    if (owner === null) unresolved = true;
  }
  return unresolved ? 'unknown' : 'missing';
}

export interface RegistrationWait {
  /** How many times to ask, and the pause between; registration follows `new Tray()` asynchronously. */
  attempts: number;
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const REGISTRATION_WAIT: Omit<RegistrationWait, 'sleep'> = { attempts: 8, intervalMs: 300 };

/** Asks until our item shows up or the attempts run out (~2.4 s); the last answer stands. */
export async function waitForTrayItem(send: DbusSend, pid: number, wait: RegistrationWait): Promise<TrayItemState> {
  let state: TrayItemState = 'unknown';
  for (let attempt = 0; attempt < wait.attempts; attempt++) {
    if (attempt > 0) await wait.sleep(wait.intervalMs);
    state = await trayItemState(send, pid);
    if (state === 'registered') return state;
  }
  return state;
}
