// Electron main bootstrap: wires the one-job modules around the engine. Bundled to dist/electron/main.cjs.
import { app } from 'electron';
import { join, resolve } from 'node:path';
import { createDefaultEngine } from '../engine/create-engine.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { ensureLocalAggregator } from '../launch/ensure-aggregator.ts';
import type { TrayMenuAction } from '../shell/tray-menu.ts';
import { appPaths } from './app-paths.ts';
import { monitorHandlers, registerIpcHandlers } from './ipc-handlers.ts';
import { applyLaunchAtLogin } from './login-item.ts';
import { setupLogging } from './logging.ts';
import { createNotifier } from './notifications.ts';
import { PopoverWindow } from './popover-window.ts';
import { forwardPowerEvents } from './power-events.ts';
import { installSecurityGuards, lockDownSession, openExternalSafely } from './security-guards.ts';
import { openElectronSettings } from './settings-store.ts';
import { claimSingleInstance } from './single-instance.ts';
import { installTestHooks, readLabConfig, testHooksEnabled } from './test-hooks.ts';
import { StatusTray } from './tray.ts';

/** Windows groups notifications and the taskbar entry by this id; it matches appId in the builder config. */
export const APP_USER_MODEL_ID = 'com.imessagestatus.monitor';

const log = setupLogging(app.isPackaged);
const paths = appPaths(__dirname);
let popover: PopoverWindow | null = null;
let tray: StatusTray | null = null;
const cleanups: (() => void | Promise<void>)[] = [];

// Tests and the README's "run against a lab" point the app at a throwaway folder.
if (process.env.MONITOR_DATA_DIR) {
  app.setPath('userData', resolve(process.env.MONITOR_DATA_DIR));
  app.setAppLogsPath(join(resolve(process.env.MONITOR_DATA_DIR), 'logs'));
}
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

function showPopover(): void {
  popover?.show(tray?.bounds() ?? null);
}

function onMenuAction(engine: MonitorEngine, action: TrayMenuAction): void {
  switch (action.type) {
    case 'show-status':
      return showPopover();
    case 'check-now':
      return void engine.checkNow();
    case 'report':
      void engine.report({ service: action.service, kind: 'problem', problem: action.problem }).then((outcome) => {
        log('info', `report from tray menu (${action.service}/${action.problem}): ${outcome.result}: ${outcome.message}`);
      });
      return;
    case 'quit':
      return app.quit();
  }
}

async function onReady(): Promise<void> {
  lockDownSession(log);
  // Development runs have no packaged Info.plist (LSUIElement): keep the app out of the Dock here too.
  if (process.platform === 'darwin') app.setActivationPolicy('accessory');
  const dataDir = app.getPath('userData');
  const settingsStore = openElectronSettings(dataDir, log);
  const settings = settingsStore.load();
  const lab = readLabConfig();
  // Only an explicit override is passed on: otherwise the engine follows the settings, so a change applies at once.
  const aggregatorOverride = lab?.aggregatorUrl ?? process.env.AGGREGATOR_URL;
  const aggregatorUrl = aggregatorOverride ?? settings.aggregatorUrl;
  if (!lab) {
    const aggregator = await ensureLocalAggregator(aggregatorUrl, join(dataDir, 'aggregator'), (line) => log('info', `aggregator: ${line}`));
    log('info', aggregator.note);
    cleanups.push(() => aggregator.close());
  }
  const engine = createDefaultEngine({
    ...lab,
    dataDir,
    settingsStore,
    ...(aggregatorOverride ? { aggregatorUrl: aggregatorOverride } : {}),
    log: { info: (m) => log('info', m), warn: (m) => log('warn', m) },
  });
  const window = new PopoverWindow(paths, !app.isPackaged);
  popover = window;
  const statusTray = new StatusTray({ iconDir: paths.iconDir, onClick: (b) => window.toggleFromTray(b), onMenuAction: (a) => onMenuAction(engine, a) }, engine.snapshot());
  tray = statusTray;
  const notifier = createNotifier(showPopover, log);
  cleanups.push(
    engine.onSnapshot((snapshot) => {
      statusTray.update(snapshot);
      window.send('monitor:snapshot', snapshot);
    }),
    engine.onNotification((alert) => notifier.show(alert)),
    registerIpcHandlers(
      monitorHandlers(engine, {
        openLink: (url) => openExternalSafely(url, log),
        quit: () => app.quit(),
        settingsChanged: (next) => applyLaunchAtLogin(next.launchAtLogin, log),
      }),
      { popoverId: () => window.contentsId, popoverFileUrl: paths.indexUrl, log },
    ),
    forwardPowerEvents(engine, log),
    () => notifier.clear(),
    () => engine.stop(),
  );
  applyLaunchAtLogin(settings.launchAtLogin, log);
  if (testHooksEnabled()) {
    installTestHooks({
      tray: () => statusTray.state(),
      notifications: () => notifier.recorded(),
      notificationsSupported: () => notifier.supported(),
      snapshot: () => engine.snapshot(),
      showPopover,
      popoverVisible: () => window.visible,
      checkNow: () => engine.checkNow(),
    });
  }
  engine.start();
  log('info', `started (data in ${dataDir}, aggregator ${aggregatorUrl})`);
}

let cleanedUp = false;
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log('warn', `cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  tray?.destroy();
  popover?.destroy();
}

if (claimSingleInstance(showPopover)) {
  installSecurityGuards(paths.indexUrl, log);
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window open.
  });
  app.on('before-quit', () => {
    PopoverWindow.quitting = true;
  });
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    cleanedUp = true;
    void cleanUp().finally(() => app.quit());
  });
  app.whenReady().then(onReady, (error: unknown) => {
    log('error', `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
