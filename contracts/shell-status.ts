// What the desktop shell itself reports to the popover: notification delivery, updates, launch at login.
// Browser mode has no shell; its bridge answers SHELL_STATUS_NOT_AVAILABLE.

export type NotificationDeliveryState = 'working' | 'unconfirmed' | 'dropped' | 'unsupported' | 'not-available';
export type UpdateState = 'off' | 'idle' | 'checking' | 'available' | 'downloaded' | 'error' | 'not-available';
export type LoginItemStatus = 'on' | 'off' | 'requires-approval' | 'not-supported' | 'not-available';

export interface ShellStatus {
  notifications: { state: NotificationDeliveryState; detail: string };
  update: { state: UpdateState; version: string | null; detail: string; downloadPage: string | null };
  loginItem: { state: LoginItemStatus; detail: string };
  /** Whether window.monitor.hide() can hide the window (false in a browser tab). */
  canHide: boolean;
}

export const SHELL_STATUS_NOT_AVAILABLE: ShellStatus = {
  notifications: { state: 'not-available', detail: 'Not available in browser mode.' },
  update: { state: 'not-available', version: null, detail: 'Not available in browser mode.', downloadPage: null },
  loginItem: { state: 'not-available', detail: 'Not available in browser mode.' },
  canHide: false,
};
