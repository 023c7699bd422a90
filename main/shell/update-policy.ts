// When the app looks for updates, whether it may install them, and what the popover says about them.
import type { ShellStatus } from '../../contracts/shell-status.ts';

/** First check this long after start (the first icon and probes come first), then daily, ms. */
export const FIRST_UPDATE_CHECK_MS = 60_000;
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** How the app was installed: electron-updater can replace nsis, AppImage and a signed mac app; deb asks for a password. */
export type PackageType = 'nsis' | 'appimage' | 'deb' | 'mac' | 'other';

export interface UpdateFacts {
  isPackaged: boolean;
  /** The generic-provider URL built in (MONITOR_UPDATE_URL at build time); '' when none. */
  feedUrl: string;
  packageType: PackageType;
  /** macOS: signed with a Developer ID (Squirrel.Mac refuses to install into an unsigned or ad-hoc app). */
  macSigned: boolean;
}

export type UpdatePlan =
  { enabled: false; reason: string } | { enabled: true; feedUrl: string; mode: 'install-on-quit' | 'notify-only'; why: string };

export function planUpdates(facts: UpdateFacts): UpdatePlan {
  if (!facts.isPackaged) return { enabled: false, reason: 'development run: updates are off' };
  if (!facts.feedUrl) return { enabled: false, reason: 'this build has no update URL (MONITOR_UPDATE_URL was not set when it was built)' };
  try {
    const url = new URL(facts.feedUrl);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      return { enabled: false, reason: 'the update URL must be https' };
  } catch {
    return { enabled: false, reason: `the built-in update URL is not a URL: ${facts.feedUrl}` };
  }
  if (facts.packageType === 'mac' && !facts.macSigned)
    return { enabled: true, feedUrl: facts.feedUrl, mode: 'notify-only', why: 'unsigned macOS builds cannot update themselves' };
  if (facts.packageType === 'deb' || facts.packageType === 'other')
    return { enabled: true, feedUrl: facts.feedUrl, mode: 'notify-only', why: 'installed by the package manager' };
  return { enabled: true, feedUrl: facts.feedUrl, mode: 'install-on-quit', why: 'downloaded in the background, installed when you quit' };
}

export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** The popover's update notice after an event. A failed check keeps an already known update visible. */
export function nextUpdateStatus(
  current: ShellStatus['update'],
  event: UpdateEvent,
  plan: UpdatePlan,
  downloadPage: string | null,
): ShellStatus['update'] {
  if (!plan.enabled) return { state: 'off', version: null, detail: plan.reason, downloadPage: null };
  switch (event.type) {
    case 'checking':
      return current.state === 'available' || current.state === 'downloaded'
        ? current
        : { ...current, state: 'checking', detail: 'Looking for a newer version…' };
    case 'not-available':
      return { state: 'idle', version: null, detail: 'This is the latest version.', downloadPage: null };
    case 'available':
      return plan.mode === 'notify-only'
        ? {
            state: 'available',
            version: event.version,
            detail: `Version ${event.version} is available: ${plan.why}, so download it yourself.`,
            downloadPage,
          }
        : { state: 'available', version: event.version, detail: `Version ${event.version} is downloading.`, downloadPage: null };
    case 'downloaded':
      return {
        state: 'downloaded',
        version: event.version,
        detail: `Version ${event.version} will be installed when you quit. Nothing restarts on its own.`,
        downloadPage: null,
      };
    case 'error':
      if (current.state === 'available' || current.state === 'downloaded') return current;
      return { state: 'error', version: null, detail: `Could not check for updates: ${event.message}`, downloadPage: null };
  }
}
