// Launch at login, kept in step with the user's setting.
import { app } from 'electron';
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
