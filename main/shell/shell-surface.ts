// Tray popover or plain window: decided from the platform, the display server, whether a tray host exists and
// whether it registered our icon.
import type { TrayItemState } from './tray-registration.ts';

/** The display server the app actually runs on (Linux); 'none' elsewhere. */
export type DisplayServer = 'x11' | 'xwayland' | 'wayland' | 'none';

export interface DisplayFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Value of the --ozone-platform switch the process was started with ('' when absent). */
  ozonePlatform: string;
}

/**
 * Which display server Chromium uses. The packaged launchers pass --ozone-platform=x11 (build/electron-builder.config.ts):
 * the switch must be on the real command line, Chromium picks its platform before main.cjs runs.
 */
export function displayServer({ platform, env, ozonePlatform }: DisplayFacts): DisplayServer {
  if (platform !== 'linux') return 'none';
  const waylandSession = Boolean(env.WAYLAND_DISPLAY) || env.XDG_SESSION_TYPE === 'wayland';
  if (ozonePlatform === 'x11') return waylandSession ? 'xwayland' : 'x11';
  if (ozonePlatform === 'wayland') return 'wayland';
  // Electron 38+ defaults to auto: native Wayland in a Wayland session.
  return waylandSession ? 'wayland' : 'x11';
}

/** Is a StatusNotifier host there to show our tray icon? null when it could not be asked. */
export type TrayHost = boolean | null;

export interface SurfaceFacts {
  platform: NodeJS.Platform;
  display: DisplayServer;
  trayHost: TrayHost;
  /** Linux with a host: is our item in its RegisteredStatusNotifierItems (tray-registration.ts)? null when not asked. */
  trayItem?: TrayItemState | null;
  /** MONITOR_WINDOW_MODE: 'window' or 'popover' forces the choice. */
  override?: string;
}

export interface Surface {
  /** Popover: frameless, beside the tray, hidden on blur. Window: framed, in the taskbar, closes to quit. */
  kind: 'popover' | 'window';
  /** Show the window at start (nothing else would be on screen). */
  showAtStart: boolean;
  why: string;
}

export function chooseSurface({ platform, display, trayHost, trayItem = null, override }: SurfaceFacts): Surface {
  if (override === 'window') return { kind: 'window', showAtStart: true, why: 'MONITOR_WINDOW_MODE=window' };
  if (override === 'popover') return { kind: 'popover', showAtStart: false, why: 'MONITOR_WINDOW_MODE=popover' };
  if (platform !== 'linux') return { kind: 'popover', showAtStart: false, why: 'menu bar / notification area' };
  if (trayHost === false)
    return { kind: 'window', showAtStart: true, why: 'no StatusNotifier host (GNOME without the AppIndicator extension?)' };
  // A host that refused or dropped the icon leaves nothing to click (Electron 44–45: #53213, #52674, #53138).
  if (trayHost === true && trayItem === 'missing')
    return { kind: 'window', showAtStart: true, why: 'the tray host did not register our icon' };
  // Native Wayland ignores setPosition and alwaysOnTop, and a popover that never gets focus never blurs.
  if (display === 'wayland')
    return { kind: 'window', showAtStart: trayHost !== true || trayItem === 'unknown', why: 'native Wayland: a popover cannot be placed' };
  if (trayHost === null) return { kind: 'popover', showAtStart: true, why: 'tray host unknown: shown once so the app is not invisible' };
  if (trayItem === 'unknown')
    return { kind: 'popover', showAtStart: true, why: 'icon registration unknown: shown once so the app is not invisible' };
  return { kind: 'popover', showAtStart: false, why: 'StatusNotifier host present' };
}

/** Reads `dbus-send --print-reply … NameHasOwner string:org.kde.StatusNotifierWatcher`'s answer. */
export function parseNameHasOwner(output: string): TrayHost {
  if (/\bboolean true\b/.test(output)) return true;
  if (/\bboolean false\b/.test(output)) return false;
  return null;
}

/** The command that asks the session bus whether a tray host (StatusNotifierWatcher) runs. */
export const TRAY_HOST_QUERY = [
  'dbus-send',
  '--session',
  '--print-reply',
  '--reply-timeout=1000',
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
] as const;
