// The tray icon: image, title and tooltip from the worst verdict, and the context menu from the menu model.
import { Menu, Tray, nativeImage } from 'electron';
import type { MenuItemConstructorOptions, NativeImage, Rectangle } from 'electron';
import { join } from 'node:path';
import type { OverallLevel, Snapshot } from '../../contracts/status.ts';
import { chooseTrayIcon, trayTooltip } from '../shell/tray-icon.ts';
import type { TrayIconChoice } from '../shell/tray-icon.ts';
import { buildTrayMenu, menuSignature } from '../shell/tray-menu.ts';
import type { TrayMenuAction, TrayMenuItem } from '../shell/tray-menu.ts';

/** What the tray shows now; read by the test hook (Playwright cannot look at an OS tray). */
export interface TrayState {
  level: OverallLevel;
  icon: TrayIconChoice;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface StatusTrayOptions {
  iconDir: string;
  onClick: (bounds: Rectangle | null) => void;
  onMenuAction: (action: TrayMenuAction) => void;
}

function toElectronMenu(items: TrayMenuItem[], dispatch: (action: TrayMenuAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: toElectronMenu(item.items, dispatch) };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => dispatch(item.action) };
    }
  });
}

export class StatusTray {
  private readonly tray: Tray;
  private readonly images = new Map<string, NativeImage>();
  private menu: Menu;
  private signature = '';
  private current: TrayState;

  constructor(
    private readonly opts: StatusTrayOptions,
    initial: Pick<Snapshot, 'overall' | 'services' | 'checking' | 'snoozedUntil'>,
  ) {
    const icon = chooseTrayIcon(initial.overall.level, process.platform, initial.services);
    this.tray = new Tray(this.image(icon));
    this.current = { level: initial.overall.level, icon, tooltip: '', menu: [] };
    this.menu = Menu.buildFromTemplate([]);
    this.tray.on('click', (_event, bounds) => opts.onClick(bounds));
    // macOS and Windows: left click opens the popover, right click the menu. Linux AppIndicator only knows the menu.
    this.tray.on('right-click', () => this.tray.popUpContextMenu(this.menu));
    this.update(initial);
  }

  private image(choice: TrayIconChoice): NativeImage {
    const cached = this.images.get(choice.file);
    if (cached) return cached;
    const image = nativeImage.createFromPath(join(this.opts.iconDir, choice.file));
    if (choice.template) image.setTemplateImage(true);
    this.images.set(choice.file, image);
    return image;
  }

  /** Applies a snapshot; the menu is rebuilt and re-set only when it changed (AppIndicator needs the re-set). */
  update(snapshot: Pick<Snapshot, 'overall' | 'services' | 'checking' | 'snoozedUntil'>): void {
    if (this.tray.isDestroyed()) return;
    const icon = chooseTrayIcon(snapshot.overall.level, process.platform, snapshot.services);
    if (icon.file !== this.current.icon.file || this.current.tooltip === '') this.tray.setImage(this.image(icon));
    if (process.platform === 'darwin') this.tray.setTitle(icon.title);
    const tooltip = trayTooltip(snapshot);
    this.tray.setToolTip(tooltip);
    const menu = buildTrayMenu(snapshot);
    const signature = menuSignature(menu);
    if (signature !== this.signature) {
      this.signature = signature;
      this.menu = Menu.buildFromTemplate(toElectronMenu(menu, this.opts.onMenuAction));
      if (process.platform === 'linux') this.tray.setContextMenu(this.menu);
    }
    this.current = { level: snapshot.overall.level, icon, tooltip, menu };
  }

  /** Screen rectangle of the icon; null where the OS does not say (Linux). */
  bounds(): Rectangle | null {
    return this.tray.isDestroyed() ? null : this.tray.getBounds();
  }

  state(): TrayState {
    return this.current;
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
