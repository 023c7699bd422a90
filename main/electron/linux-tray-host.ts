// Asks the session bus whether a StatusNotifier host runs (GNOME has none without the AppIndicator extension), and
// whether it registered our icon (hosts can refuse or drop it).
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseNameHasOwner, TRAY_HOST_QUERY } from '../shell/shell-surface.ts';
import type { TrayHost } from '../shell/shell-surface.ts';
import { REGISTRATION_WAIT, waitForTrayItem } from '../shell/tray-registration.ts';
import type { DbusSend, TrayItemState } from '../shell/tray-registration.ts';

/** `dbus-send` from PATH; null when it is missing, fails or takes over 1.5 s. */
export const dbusSend: DbusSend = (args) =>
  new Promise((resolve) => {
    execFile('dbus-send', args, { timeout: 1_500, encoding: 'utf8' }, (error, stdout) => resolve(error ? null : stdout));
  });

/** true / false from dbus-send; null when it is missing, slow or says something else. Resolves within ~1.5 s. */
export async function probeTrayHost(send: DbusSend = dbusSend): Promise<TrayHost> {
  if (process.platform !== 'linux') return null;
  const [, ...args] = TRAY_HOST_QUERY;
  const reply = await send(args);
  return reply === null ? null : parseNameHasOwner(reply);
}

/** Called after `new Tray()`: is our item in the watcher's list? Waits up to ~2.4 s for it to appear. */
export function probeTrayItem(send: DbusSend = dbusSend, pid: number = process.pid): Promise<TrayItemState> {
  return waitForTrayItem(send, pid, { ...REGISTRATION_WAIT, sleep: (ms) => sleep(ms) });
}
