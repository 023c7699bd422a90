// The running desktop app: its parts and the startup steps that create them, in order (tray before anything slow).
import { app } from 'electron';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { snoozeEnd } from '../../contracts/snooze.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { startMonitor } from '../launch/start-monitor.ts';
import { APP_PAGE_URL } from '../shell/app-scheme.ts';
import { chooseSurface, displayServer } from '../shell/shell-surface.ts';
import type { Surface } from '../shell/shell-surface.ts';
import type { StartupStep } from '../shell/startup-sequence.ts';
import type { TrayMenuAction } from '../shell/tray-menu.ts';
import { externalAllowList } from '../popover/url-policy.ts';
import { serveRenderer } from './app-protocol.ts';
import type { AppPaths } from './app-paths.ts';
import { monitorHandlers, registerIpcHandlers } from './ipc-handlers.ts';
import { probeTrayHost, probeTrayItem } from './linux-tray-host.ts';
import { applyLaunchAtLogin, loginItemStatus } from './login-item.ts';
import type { LogLine } from './logging.ts';
import { createNotifier } from './notifications.ts';
import type { Notifier } from './notifications.ts';
import { PopoverWindow } from './popover-window.ts';
import { forwardPowerEvents } from './power-events.ts';
import { lockDownSession, openExternalSafely } from './security-guards.ts';
import { openElectronSettings } from './settings-store.ts';
import { ShellStatusBoard } from './shell-status-board.ts';
import { installTestHooks, readLabConfig } from './test-hooks.ts';
import { StatusTray } from './tray.ts';
import { currentUpdatePlan, startUpdates } from './updates.ts';
import { errorText } from '../../contracts/results.ts';

export type Cleanup = () => void | Promise<void>;

export class DesktopApp {
  popover: PopoverWindow | null = null;
  tray: StatusTray | null = null;
  engine: MonitorEngine | null = null;
  notifier: Notifier | null = null;
  surface: Surface = { kind: 'popover', showAtStart: false, why: '' };
  aggregatorOverride: string | undefined;
  readonly cleanups: Cleanup[] = [];
  readonly board = new ShellStatusBoard({
    notifications: { state: 'unconfirmed', detail: 'No alert has been shown yet.' },
    update: { state: 'off', version: null, detail: '', downloadPage: null },
    loginItem: { state: 'off', detail: '' },
    canHide: true,
  });

  constructor(
    private readonly paths: AppPaths,
    private readonly log: LogLine,
    private readonly hooksOn: boolean,
  ) {}

  showPopover = (): void => this.popover?.show(this.tray?.bounds() ?? null);

  /** Links may go to Apple's status pages and the site of the aggregator in use. */
  allowedLinks = (): string[] => {
    const stored = this.engine?.settings().aggregatorUrl ?? '';
    const links = externalAllowList((this.aggregatorOverride ?? '').trim() || stored.trim() || (process.env.COMMUNITY_URL ?? '').trim());
    // The update notice's download page opens from the popover too, as a link.
    const page = this.board.get().update.downloadPage;
    return page ? [...links, page] : links;
  };

  private onMenuAction = (action: TrayMenuAction): void => {
    switch (action.type) {
      case 'show-status':
        return this.showPopover();
      case 'hide-status':
        return this.popover?.hide();
      case 'check-now':
        // A `return void p` slips past no-floating-promises (not an expression statement): caught by hand.
        this.engine?.checkNow().catch((error: unknown) => this.log('warn', `check from tray menu failed: ${errorText(error)}`));
        return;
      case 'report':
        this.engine
          ?.report({ service: action.service, kind: 'problem', problem: action.problem })
          .then((outcome) => {
            this.log('info', `report from tray menu (${action.service}/${action.problem}): ${outcome.result}: ${outcome.message}`);
          })
          .catch((error: unknown) => this.log('warn', `report from tray menu failed: ${errorText(error)}`));
        return;
      case 'snooze':
      case 'resume-alerts': {
        // Stored in settings, so the engine holds alerts back and a restart keeps the snooze.
        const snoozeUntil = action.type === 'snooze' ? snoozeEnd(action.choice, Date.now()) : 0;
        try {
          this.engine?.updateSettings({ snoozeUntil });
        } catch (e) {
          this.log('warn', `snooze from tray menu failed: ${errorText(e)}`);
        }
        return;
      }
      case 'quit':
        return app.quit();
    }
  };

  /** The startup, in order: session, engine (built, not started), tray, window, wiring, start, updates. */
  steps(): StartupStep[] {
    return [
      { name: 'session', run: () => this.lockDown() },
      { name: 'engine', run: () => this.buildEngine() },
      {
        name: 'tray',
        run: () =>
          void (this.tray = new StatusTray(
            { iconDir: this.paths.iconDir, onClick: (b) => this.popover?.toggleFromTray(b), onMenuAction: this.onMenuAction },
            this.need(this.engine).snapshot(),
          )),
      },
      { name: 'window', run: () => this.createWindow() },
      { name: 'wiring', run: () => this.wire() },
      { name: 'start', run: () => this.start() },
      {
        name: 'updates',
        run: () => void this.cleanups.push(startUpdates(currentUpdatePlan(), (status) => this.board.set('update', status), this.log)),
      },
    ];
  }

  private need<T>(part: T | null): T {
    if (part === null) throw new Error('startup steps ran out of order');
    return part;
  }

  private lockDown(): void {
    lockDownSession(this.log);
    this.cleanups.push(serveRenderer(this.paths.rendererDir, this.log));
    // Development runs have no packaged Info.plist (LSUIElement): keep the app out of the Dock here too.
    if (process.platform === 'darwin') app.setActivationPolicy('accessory');
  }

  private buildEngine(): void {
    const dataDir = app.getPath('userData');
    const lab = this.hooksOn ? readLabConfig() : null;
    // Built, not started (the start step does that): the engine's constructor does no network I/O, so the tray can
    // show its first state. Only an explicit aggregator override is used; otherwise the settings decide at once.
    const monitor = startMonitor({
      ...lab,
      dataDir,
      settingsStore: openElectronSettings(dataDir, this.log),
      log: { info: (m) => this.log('info', m), warn: (m) => this.log('warn', m) },
      start: false,
    });
    this.engine = monitor.engine;
    this.aggregatorOverride = monitor.aggregatorOverride;
  }

  private async createWindow(): Promise<void> {
    const display = displayServer({
      platform: process.platform,
      env: process.env,
      ozonePlatform: app.commandLine.getSwitchValue('ozone-platform'),
    });
    // Asked after the tray icon exists, so the (≤ 1.5 s) question never delays the first icon.
    const override = process.env.MONITOR_WINDOW_MODE;
    const trayHost = process.platform === 'linux' && !override ? await probeTrayHost() : null;
    // A host can exist and still not take the icon; then the app would show nothing at all.
    const trayItem = trayHost === true ? await probeTrayItem() : null;
    this.surface = chooseSurface({ platform: process.platform, display, trayHost, trayItem, override });
    this.log(
      'info',
      `surface: ${this.surface.kind} (${this.surface.why}; display ${display}, tray host ${String(trayHost)}, icon ${String(trayItem)})`,
    );
    this.popover = new PopoverWindow({
      preload: this.paths.preload,
      devTools: !app.isPackaged,
      kind: this.surface.kind,
      onWindowClosed: () => app.quit(),
      onLoadFailed: (error) => this.log('error', `popover page failed to load: ${errorText(error)}`),
    });
  }

  private wire(): void {
    const engine = this.need(this.engine);
    const window = this.need(this.popover);
    const tray = this.need(this.tray);
    const notifier = createNotifier(this.showPopover, () => this.board.set('notifications', notifier.delivery()), this.log);
    this.notifier = notifier;
    this.cleanups.push(
      engine.onSnapshot((snapshot) => {
        tray.update(snapshot);
        window.send('monitor:snapshot', snapshot);
      }),
      engine.onNotification((alert) => notifier.show(alert)),
      this.board.onChange((status: ShellStatus) => window.send('monitor:shell-status', status)),
      registerIpcHandlers(
        monitorHandlers(engine, {
          openLink: (url) => openExternalSafely(url, this.allowedLinks, this.log),
          quit: () => app.quit(),
          settingsChanged: (next) => {
            applyLaunchAtLogin(next.launchAtLogin, this.log);
            this.board.set('loginItem', loginItemStatus());
          },
          shellStatus: () => this.board.get(),
          hide: () => window.hide(),
        }),
        { popoverId: () => window.contentsId, popoverFileUrl: APP_PAGE_URL, log: this.log },
      ),
      forwardPowerEvents(engine, this.log),
      () => notifier.clear(),
      () => engine.stop(),
    );
    applyLaunchAtLogin(engine.settings().launchAtLogin, this.log);
    this.board.set('notifications', notifier.delivery());
    this.board.set('loginItem', loginItemStatus());
  }

  private start(): void {
    const engine = this.need(this.engine);
    if (this.hooksOn) {
      installTestHooks({
        tray: () => this.need(this.tray).state(),
        notifications: () => this.notifier?.recorded() ?? [],
        notificationsSupported: () => this.notifier?.supported() ?? false,
        snapshot: () => engine.snapshot(),
        showPopover: this.showPopover,
        popoverVisible: () => this.popover?.visible ?? false,
        checkNow: () => engine.checkNow(),
        shellStatus: () => this.board.get(),
        surface: () => this.surface,
      });
    }
    engine.start();
    if (this.surface.showAtStart) this.showPopover();
  }

  /** Runs the cleanups (last registered first), then removes the tray and the window. */
  async shutDown(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        this.log('warn', `cleanup failed: ${errorText(error)}`);
      }
    }
    this.tray?.destroy();
    this.popover?.destroy();
  }
}
