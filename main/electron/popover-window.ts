// The one popover window: frameless, fixed size, created once, shown by the tray and hidden on blur.
import { BrowserWindow, screen } from 'electron';
import type { Rectangle } from 'electron';
import type { IpcEventChannel, IpcEvents } from '../../contracts/ipc.ts';
import { PopoverToggle } from '../shell/blur-guard.ts';
import { placePopover } from '../shell/popover-position.ts';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

export interface PopoverPaths {
  indexHtml: string;
  preload: string;
}

export class PopoverWindow {
  private readonly window: BrowserWindow;
  private readonly toggle = new PopoverToggle(() => Date.now());

  constructor(paths: PopoverPaths, devTools: boolean) {
    this.window = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'iMessage & FaceTime Status',
      webPreferences: {
        preload: paths.preload, /* eng-disable PRELOAD_JS_CHECK: the preload exposes only window.monitor's named methods */
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
        devTools,
      },
    });
    this.window.on('blur', () => {
      if (this.toggle.onBlur(this.window.isVisible())) this.window.hide();
    });
    // Closing (Cmd+W, Alt+F4) hides: the window is reused for the life of the app.
    this.window.on('close', (event) => {
      if (!PopoverWindow.quitting) {
        event.preventDefault();
        this.window.hide();
      }
    });
    void this.window.loadFile(paths.indexHtml);
  }

  /** Set at quit so close events destroy the window instead of hiding it. */
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
    if (decision === 'hide') this.window.hide();
    else if (decision === 'show') this.show(trayBounds);
  }

  /** Positions next to the tray (or the pointer) on the right display and shows with focus. */
  show(trayBounds: Rectangle | null): void {
    if (this.window.isDestroyed()) return;
    const pos = placePopover({
      platform: process.platform,
      trayBounds,
      cursor: screen.getCursorScreenPoint(),
      displays: screen.getAllDisplays(),
      size: POPOVER_SIZE,
    });
    this.window.setPosition(pos.x, pos.y, false);
    if (process.platform === 'darwin') this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    this.toggle.markShown();
    this.window.show();
    this.window.focus();
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
