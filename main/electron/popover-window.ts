// The one window: a frameless popover beside the tray, or (Linux without a tray host, native Wayland) a plain window.
import { BrowserWindow, screen } from 'electron';
import type { Rectangle } from 'electron';
import type { IpcEventChannel, IpcEvents } from '../../contracts/ipc.ts';
import { APP_PAGE_URL } from '../shell/app-scheme.ts';
import { PopoverToggle } from '../shell/blur-guard.ts';
import { placePopover } from '../shell/popover-position.ts';
import type { Surface } from '../shell/shell-surface.ts';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

export interface PopoverOptions {
  preload: string;
  devTools: boolean;
  kind: Surface['kind'];
  /** Window mode: what closing the window does (there is no tray to bring it back, so it quits). */
  onWindowClosed: () => void;
  onLoadFailed: (error: unknown) => void;
}

export class PopoverWindow {
  private readonly window: BrowserWindow;
  private readonly toggle = new PopoverToggle(() => Date.now());
  readonly kind: Surface['kind'];

  constructor(opts: PopoverOptions) {
    this.kind = opts.kind;
    const popover = opts.kind === 'popover';
    this.window = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      frame: !popover,
      resizable: !popover,
      movable: !popover,
      minimizable: !popover,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: popover,
      alwaysOnTop: popover,
      title: 'iMessage & FaceTime Status',
      webPreferences: {
        preload: opts.preload /* eng-disable PRELOAD_JS_CHECK: the preload exposes only window.monitor's named methods */,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // Middle-click (auxclick) could otherwise open links in a new window.
        disableBlinkFeatures: 'Auxclick',
        devTools: opts.devTools,
      },
    });
    // Once, not on every show: with skipTransformProcessType the app is not turned into a foreground (Dock) app and back,
    // which deactivated it (flicker, or a popover that never blurs).
    if (popover && process.platform === 'darwin')
      this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    this.window.on('blur', () => {
      if (popover && this.toggle.onBlur(this.window.isVisible())) this.window.hide();
    });
    this.window.on('close', (event) => {
      if (PopoverWindow.quitting) return;
      event.preventDefault();
      // Popover: Cmd+W / Alt+F4 hide it (the tray brings it back). Window mode has no tray, so closing quits.
      if (popover) this.window.hide();
      else opts.onWindowClosed();
    });
    // Windows shutdown/logoff: no before-quit follows, so the close handler must let go now or it holds up the logoff.
    this.window.on('session-end', () => {
      PopoverWindow.quitting = true;
    });
    // A failed load (a missing dist/renderer) leaves an empty window; say so instead of an unhandled rejection.
    this.window.loadURL(APP_PAGE_URL).catch((error: unknown) => opts.onLoadFailed(error));
  }

  /** Set at quit (and at session end) so close events destroy the window instead of hiding it. */
  static quitting = false;

  /** The webContents id IPC senders are compared against. */
  get contentsId(): number | null {
    return this.window.isDestroyed() ? null : this.window.webContents.id;
  }

  get visible(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible();
  }

  /** Tray click: show, hide, or nothing when the click is the tail of a blur-hide. */
  toggleFromTray(trayBounds: Rectangle | null): void {
    const decision = this.toggle.onTrayClick(this.visible);
    if (decision === 'hide') this.hide();
    else if (decision === 'show') this.show(trayBounds);
  }

  /** Popover: placed next to the tray (or the pointer) on the right display. Window: where the OS put it. */
  show(trayBounds: Rectangle | null): void {
    if (this.window.isDestroyed()) return;
    if (this.kind === 'popover') {
      const pos = placePopover({
        platform: process.platform,
        trayBounds,
        cursor: screen.getCursorScreenPoint(),
        displays: screen.getAllDisplays(),
        size: POPOVER_SIZE,
      });
      this.window.setPosition(pos.x, pos.y, false);
    }
    this.toggle.markShown();
    this.window.show();
    this.window.focus();
  }

  /** Escape, the popover's Hide button and the tray menu's "Hide status". */
  hide(): void {
    if (this.window.isDestroyed()) return;
    if (this.kind === 'window') this.window.minimize();
    else this.window.hide();
  }

  /** Typed event push to the renderer; dropped while the page is not there. */
  send<C extends IpcEventChannel>(channel: C, payload: IpcEvents[C]): void {
    if (this.window.isDestroyed() || this.window.webContents.isDestroyed()) return;
    this.window.webContents.send(channel, payload);
  }

  destroy(): void {
    if (!this.window.isDestroyed()) this.window.destroy();
  }
}
