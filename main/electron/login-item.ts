// Launch at login, kept in step with the user's setting, and its state as Settings shows it.
import { app } from 'electron';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { loginItemState } from '../shell/platform-identity.ts';
import type { LogLine } from './logging.ts';

/** Applies the setting; Linux has no login-item API in Electron, so it is logged and left to the desktop. */
export function applyLaunchAtLogin(enabled: boolean, log: LogLine): void {
  if (process.platform !== 'darwin' && process.platform !== 'win32') {
    if (enabled) log('warn', 'launch at login: not supported by Electron on this platform; add the app to your autostart');
    return;
  }
  if (app.getLoginItemSettings().openAtLogin === enabled) return;
  // A tray app starts with no window, so nothing extra is needed to start "hidden".
  app.setLoginItemSettings({ openAtLogin: enabled });
  log('info', `launch at login ${enabled ? 'enabled' : 'disabled'}`);
}

const LOGIN_ITEM_WORDS: Record<ReturnType<typeof loginItemState>, string> = {
  on: 'Opens when you log in.',
  off: 'Does not open at login.',
  'requires-approval': 'macOS is waiting for your approval: System Settings → General → Login Items, switch on iMessage Status.',
  'not-supported': "Add the app to your desktop's autostart to open it at login.",
};

/** What Settings shows next to "Launch at login". */
export function loginItemStatus(): ShellStatus['loginItem'] {
  const supported = process.platform === 'darwin' || process.platform === 'win32';
  const state = loginItemState(process.platform, supported ? app.getLoginItemSettings() : null);
  return { state, detail: LOGIN_ITEM_WORDS[state] };
}
