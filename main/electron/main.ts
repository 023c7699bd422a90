// Electron main bootstrap: wires the one-job modules around the engine. Bundled to dist/electron/main.cjs.
// Order matters: the tray (or, without one, the window) exists before anything slow, and any startup failure ends in a
// dialog and exit(1), never in an invisible process holding the single-instance lock.
import { app, dialog } from 'electron';
import { join, resolve } from 'node:path';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { createDefaultEngine } from '../engine/create-engine.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { chooseAppUserModelId } from '../shell/platform-identity.ts';
import { chooseSurface, displayServer } from '../shell/shell-surface.ts';
import type { Surface } from '../shell/shell-surface.ts';
import { fatalStartupMessage, runStartup } from '../shell/startup-sequence.ts';
import type { TrayMenuAction } from '../shell/tray-menu.ts';
import { externalAllowList } from '../shell/url-policy.ts';
import { APP_PAGE_URL } from '../shell/app-scheme.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { appPaths } from './app-paths.ts';
import { monitorHandlers, registerIpcHandlers } from './ipc-handlers.ts';
import { installLifecycle } from './lifecycle.ts';
import { probeTrayHost } from './linux-tray-host.ts';
import { applyLaunchAtLogin, loginItemStatus } from './login-item.ts';
import { setupLogging } from './logging.ts';
import { createNotifier } from './notifications.ts';
import type { Notifier } from './notifications.ts';
import { PopoverWindow } from './popover-window.ts';
import { forwardPowerEvents } from './power-events.ts';
import { installSecurityGuards, lockDownSession, openExternalSafely } from './security-guards.ts';
import { openElectronSettings } from './settings-store.ts';
import { ShellStatusBoard } from './shell-status-board.ts';
import { claimSingleInstance } from './single-instance.ts';
import { failingStartupStep, installTestHooks, readLabConfig, testHooksEnabled } from './test-hooks.ts';
import { StatusTray } from './tray.ts';
import { currentUpdatePlan, startUpdates } from './updates.ts';

/** Matches appId in the builder config; Windows groups notifications and the taskbar entry by it. */
export const APP_ID = 'com.imessagestatus.monitor';

const log = setupLogging(app.isPackaged);
const paths = appPaths(__dirname);
let popover: PopoverWindow | null = null;
let tray: StatusTray | null = null;
let engine: MonitorEngine | null = null;
let aggregatorOverride: string | undefined;
const cleanups: (() => void | Promise<void>)[] = [];

// Tests and the README's "run against a lab" point the app at a throwaway folder.
if (process.env.MONITOR_DATA_DIR) {
  app.setPath('userData', resolve(process.env.MONITOR_DATA_DIR));
  app.setAppLogsPath(join(resolve(process.env.MONITOR_DATA_DIR), 'logs'));
}
if (process.platform === 'win32') app.setAppUserModelId(chooseAppUserModelId({ isPackaged: app.isPackaged, appId: APP_ID, execPath: process.execPath }));
registerAppScheme();

const hooksOn = testHooksEnabled(log);
const failAt = hooksOn ? failingStartupStep() : null;
const board = new ShellStatusBoard({
  notifications: { state: 'unconfirmed', detail: 'No alert has been shown yet.' },
  update: { state: 'off', version: null, detail: '', downloadPage: null },
  loginItem: { state: 'off', detail: '' },
  canHide: true,
});

function showPopover(): void {
  popover?.show(tray?.bounds() ?? null);
}

/** Links may go to Apple's status pages and the site of the aggregator in use. */
function allowedLinks(): string[] {
  const stored = engine?.settings().aggregatorUrl ?? '';
  return externalAllowList((aggregatorOverride ?? '').trim() || stored.trim() || (process.env.COMMUNITY_URL ?? '').trim());
}

function onMenuAction(action: TrayMenuAction): void {
  switch (action.type) {
    case 'show-status':
      return showPopover();
    case 'hide-status':
      return popover?.hide();
    case 'check-now':
      return void engine?.checkNow();
    case 'report':
      void engine?.report({ service: action.service, kind: 'problem', problem: action.problem }).then((outcome) => {
        log('info', `report from tray menu (${action.service}/${action.problem}): ${outcome.result}: ${outcome.message}`);
      });
      return;
    case 'quit':
      return app.quit();
  }
}

async function onReady(): Promise<void> {
  let surface: Surface = { kind: 'popover', showAtStart: false, why: '' };
  let notifier: Notifier | null = null;
  const step = (name: string, run: () => void | Promise<void>) => ({
    name,
    run: () => {
      if (failAt === name) throw new Error(`simulated failure (test hook) in ${name}`);
      return run();
    },
  });
  const outcome = await runStartup(
    [
      step('session', () => {
        lockDownSession(log);
        cleanups.push(serveRenderer(paths.rendererDir, log));
        // Development runs have no packaged Info.plist (LSUIElement): keep the app out of the Dock here too.
        if (process.platform === 'darwin') app.setActivationPolicy('accessory');
      }),
      step('engine', () => {
        const dataDir = app.getPath('userData');
        const settingsStore = openElectronSettings(dataDir, log);
        const lab = hooksOn ? readLabConfig() : null;
        // Only an explicit override is passed on: otherwise the engine follows the settings, so a change applies at once.
        aggregatorOverride = lab?.aggregatorUrl ?? process.env.AGGREGATOR_URL;
        // Built, not started: the engine's constructor does no network I/O, so the tray can show its first state.
        engine = createDefaultEngine({
          ...lab,
          dataDir,
          settingsStore,
          ...(aggregatorOverride ? { aggregatorUrl: aggregatorOverride } : {}),
          log: { info: (m) => log('info', m), warn: (m) => log('warn', m) },
        });
      }),
      step('tray', () => {
        const current = engine as MonitorEngine;
        tray = new StatusTray({ iconDir: paths.iconDir, onClick: (b) => popover?.toggleFromTray(b), onMenuAction }, current.snapshot());
      }),
      step('window', async () => {
        const display = displayServer({ platform: process.platform, env: process.env, ozonePlatform: app.commandLine.getSwitchValue('ozone-platform') });
        const trayHost = process.platform === 'linux' ? await probeTrayHost() : null;
        surface = chooseSurface({ platform: process.platform, display, trayHost, override: process.env.MONITOR_WINDOW_MODE });
        log('info', `surface: ${surface.kind} (${surface.why}; display ${display}, tray host ${String(trayHost)})`);
        popover = new PopoverWindow({ preload: paths.preload, devTools: !app.isPackaged, kind: surface.kind, onWindowClosed: () => app.quit() });
      }),
      step('wiring', () => {
        const current = engine as MonitorEngine;
        const window = popover as PopoverWindow;
        const statusTray = tray as StatusTray;
        notifier = createNotifier(showPopover, () => board.set('notifications', (notifier as Notifier).delivery()), log);
        board.set('notifications', notifier.delivery());
        board.set('loginItem', loginItemStatus());
        cleanups.push(
          current.onSnapshot((snapshot) => {
            statusTray.update(snapshot);
            window.send('monitor:snapshot', snapshot);
          }),
          current.onNotification((alert) => notifier?.show(alert)),
          board.onChange((status: ShellStatus) => window.send('monitor:shell-status', status)),
          registerIpcHandlers(
            monitorHandlers(current, {
              openLink: (url) => openExternalSafely(url, allowedLinks, log),
              quit: () => app.quit(),
              settingsChanged: (next) => {
                applyLaunchAtLogin(next.launchAtLogin, log);
                board.set('loginItem', loginItemStatus());
              },
              shellStatus: () => board.get(),
              hide: () => window.hide(),
            }),
            { popoverId: () => window.contentsId, popoverFileUrl: APP_PAGE_URL, log },
          ),
          forwardPowerEvents(current, log),
          () => notifier?.clear(),
          () => current.stop(),
        );
        applyLaunchAtLogin(current.settings().launchAtLogin, log);
        board.set('loginItem', loginItemStatus());
      }),
      step('start', () => {
        const current = engine as MonitorEngine;
        if (hooksOn) {
          installTestHooks({
            tray: () => (tray as StatusTray).state(),
            notifications: () => notifier?.recorded() ?? [],
            notificationsSupported: () => notifier?.supported() ?? false,
            snapshot: () => current.snapshot(),
            showPopover,
            popoverVisible: () => popover?.visible ?? false,
            checkNow: () => current.checkNow(),
            shellStatus: () => board.get(),
            surface: () => surface,
          });
        }
        current.start();
        if (surface.showAtStart) showPopover();
      }),
      step('updates', () => {
        cleanups.push(startUpdates(currentUpdatePlan(), (status) => board.set('update', status), log));
      }),
    ],
    (name, error) => {
      log('error', `startup failed at ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const { title, body } = fatalStartupMessage(name, error, join(app.getPath('logs'), 'main.log'));
      // A simulated failure (e2e) goes to stderr: nobody is there to dismiss a modal dialog.
      if (failAt === name) process.stderr.write(`${title}: ${body}\n`);
      else dialog.showErrorBox(title, body);
      // exit, not quit: nothing half-started may keep the process (and the single-instance lock) alive.
      app.exit(1);
    },
  );
  if (outcome.ok) log('info', `started (data in ${app.getPath('userData')}, aggregator ${aggregatorOverride ?? 'from settings'})`);
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
  installSecurityGuards(APP_PAGE_URL, allowedLinks, log);
  cleanups.push(
    installLifecycle(
      {
        reopen: showPopover,
        // No before-quit follows a Windows logoff: let the window close now instead of holding up the shutdown.
        sessionEnding: () => {
          PopoverWindow.quitting = true;
        },
      },
      log,
    ),
  );
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
  // onReady handles its own failures; this catch is for anything thrown outside a step.
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      log('error', `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      dialog.showErrorBox('iMessage Status could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
