// Electron main bootstrap, bundled to dist/electron/main.cjs: process-wide setup, then the startup steps of
// desktop-app.ts. Any startup failure ends in a dialog and exit(1), never in an invisible process holding the
// single-instance lock.
import { app, dialog } from 'electron';
import { join, resolve } from 'node:path';
import { APP_PAGE_URL } from '../shell/app-scheme.ts';
import { chooseAppUserModelId } from '../shell/platform-identity.ts';
import { fatalStartupMessage, runStartup } from '../shell/startup-sequence.ts';
import { registerAppScheme } from './app-protocol.ts';
import { appPaths } from './app-paths.ts';
import { DesktopApp } from './desktop-app.ts';
import { installLifecycle } from './lifecycle.ts';
import { setupLogging } from './logging.ts';
import { PopoverWindow } from './popover-window.ts';
import { installSecurityGuards } from './security-guards.ts';
import { claimSingleInstance } from './single-instance.ts';
import { failingStartupStep, testHooksEnabled } from './test-hooks.ts';

/** Matches appId in the builder config; Windows groups notifications and the taskbar entry by it. */
export const APP_ID = 'com.imessagestatus.monitor';

const log = setupLogging(app.isPackaged);

// Tests and the README's "run against a lab" point the app at a throwaway folder.
if (process.env.MONITOR_DATA_DIR) {
  app.setPath('userData', resolve(process.env.MONITOR_DATA_DIR));
  app.setAppLogsPath(join(resolve(process.env.MONITOR_DATA_DIR), 'logs'));
}
if (process.platform === 'win32')
  app.setAppUserModelId(chooseAppUserModelId({ isPackaged: app.isPackaged, appId: APP_ID, execPath: process.execPath }));
// Privileged schemes must be registered before ready.
registerAppScheme();

const hooksOn = testHooksEnabled(log);
const failAt = hooksOn ? failingStartupStep() : null;
const desktop = new DesktopApp(appPaths(__dirname), log, hooksOn);

function fatal(step: string, error: unknown): void {
  log('error', `startup failed at ${step}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const { title, body } = fatalStartupMessage(step, error, join(app.getPath('logs'), 'main.log'));
  // A simulated failure (e2e) goes to stderr: nobody is there to dismiss a modal dialog.
  if (failAt === step) process.stderr.write(`${title}: ${body}\n`);
  else dialog.showErrorBox(title, body);
  // exit, not quit: nothing half-started may keep the process (and the single-instance lock) alive.
  app.exit(1);
}

async function onReady(): Promise<void> {
  const steps = desktop.steps().map((step) => ({
    name: step.name,
    run: () => {
      if (failAt === step.name) throw new Error(`simulated failure (test hook) in ${step.name}`);
      return step.run();
    },
  }));
  const outcome = await runStartup(steps, fatal);
  if (outcome.ok) log('info', `started (data in ${app.getPath('userData')}, aggregator ${desktop.aggregatorOverride ?? 'from settings'})`);
}

if (claimSingleInstance(desktop.showPopover)) {
  installSecurityGuards(APP_PAGE_URL, desktop.allowedLinks, log);
  desktop.cleanups.push(
    installLifecycle(
      {
        reopen: desktop.showPopover,
        // No before-quit follows a shutdown: let the window close now instead of holding it up.
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
  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    cleanedUp = true;
    // shutDown logs each failing cleanup itself; quitting must happen whatever it throws.
    desktop
      .shutDown()
      .catch((error: unknown) => log('warn', `shutdown failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => app.quit());
  });
  // onReady reports its own step failures; this catch is for anything thrown outside a step.
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fatal('ready', error));
}
