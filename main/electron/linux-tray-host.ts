// Asks the session bus whether a StatusNotifier host runs (GNOME has none without the AppIndicator extension).
import { execFile } from 'node:child_process';
import { parseNameHasOwner, TRAY_HOST_QUERY } from '../shell/shell-surface.ts';
import type { TrayHost } from '../shell/shell-surface.ts';

/** true / false from dbus-send; null when it is missing, slow or says something else. Resolves within ~1.5 s. */
export function probeTrayHost(): Promise<TrayHost> {
  if (process.platform !== 'linux') return Promise.resolve(null);
  const [command, ...args] = TRAY_HOST_QUERY;
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 1_500, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? null : parseNameHasOwner(stdout));
    });
  });
}
