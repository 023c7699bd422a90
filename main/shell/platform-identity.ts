// Small per-platform choices made once at startup.

/**
 * Windows shows toasts only for an AppUserModelId that a Start-menu shortcut carries. The NSIS installer creates one
 * with the appId; a development run has none, and Windows accepts the executable path there instead.
 */
export function chooseAppUserModelId(facts: { isPackaged: boolean; appId: string; execPath: string }): string {
  return facts.isPackaged ? facts.appId : facts.execPath;
}

/** Login item as Settings shows it; macOS 13+ may need the user's approval in System Settings → Login Items. */
export type LoginItemState = 'on' | 'off' | 'requires-approval' | 'not-supported';

export function loginItemState(platform: NodeJS.Platform, settings: { openAtLogin: boolean; status?: string } | null): LoginItemState {
  if (platform !== 'darwin' && platform !== 'win32') return 'not-supported';
  if (!settings) return 'off';
  if (platform === 'darwin' && settings.status === 'requires-approval') return 'requires-approval';
  if (platform === 'darwin' && settings.status) return settings.status === 'enabled' ? 'on' : 'off';
  return settings.openAtLogin ? 'on' : 'off';
}
