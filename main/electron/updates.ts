// Updates: electron-updater from the generic feed built in, checked a minute after start and then daily. Where it
// cannot install (unsigned mac, deb) the feed is read directly and the popover only says that a version is out.
import { app } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type * as ElectronUpdater from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { decideUpdate, fetchUpdateFeed } from '../shell/update-feed.ts';
import { FIRST_UPDATE_CHECK_MS, UPDATE_CHECK_INTERVAL_MS, nextUpdateStatus, planUpdates } from '../shell/update-policy.ts';
import type { PackageType, UpdateEvent, UpdatePlan } from '../shell/update-policy.ts';
import { SIGNED_BUILD, UPDATE_FEED_URL } from './build-flags.ts';
import type { LogLine } from './logging.ts';
import { errorText } from '../../contracts/results.ts';

/** How this copy was installed, the way electron-updater tells (APPIMAGE, resources/package-type). */
function packageType(): PackageType {
  if (process.platform === 'win32') return 'nsis';
  if (process.platform === 'darwin') return 'mac';
  if (process.env.APPIMAGE) return 'appimage';
  const marker = join(process.resourcesPath ?? '', 'package-type');
  const type = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
  return type === 'deb' ? 'deb' : 'other';
}

/**
 * electron-updater's `autoUpdater` is a getter with a body, which Node's CommonJS-to-ESM bridge cannot see: through
 * `import()` the namespace has no `autoUpdater` (electron-builder#7976). `require` reads module.exports as it is.
 * `import.meta.url` is the bundle file in main.cjs (scripts/build-electron.ts), so resolution starts next to it.
 */
export function loadAutoUpdater(): AppUpdater {
  const { autoUpdater } = createRequire(import.meta.url)('electron-updater') as typeof ElectronUpdater;
  if (typeof autoUpdater?.setFeedURL !== 'function') throw new Error('electron-updater gave no autoUpdater');
  return autoUpdater;
}

export function currentUpdatePlan(): UpdatePlan {
  return planUpdates({
    isPackaged: app.isPackaged,
    feedUrl: UPDATE_FEED_URL,
    packageType: app.isPackaged ? packageType() : 'other',
    macSigned: SIGNED_BUILD,
  });
}

/** Starts the checks; `onStatus` gets every new notice. Returns the stop function. Never restarts the app. */
export function startUpdates(plan: UpdatePlan, onStatus: (status: ShellStatus['update']) => void, log: LogLine): () => void {
  let status: ShellStatus['update'] = { state: 'idle', version: null, detail: '', downloadPage: null };
  const downloadPage = plan.enabled ? plan.feedUrl : null;
  const emit = (event: UpdateEvent) => {
    status = nextUpdateStatus(status, event, plan, downloadPage);
    onStatus(status);
  };
  if (!plan.enabled) {
    log('info', `updates: off (${plan.reason})`);
    emit({ type: 'not-available' });
    return () => {};
  }
  log('info', `updates: ${plan.mode} from ${plan.feedUrl} (${plan.why})`);
  let check: () => Promise<void>;
  if (plan.mode === 'notify-only') {
    check = async () => {
      emit({ type: 'checking' });
      const feed = await fetchUpdateFeed(plan.feedUrl, process.platform, process.arch);
      if (!feed.ok) return emit({ type: 'error', message: feed.error });
      const decision = decideUpdate(app.getVersion(), feed.info);
      emit(decision.kind === 'newer' ? { type: 'available', version: decision.version } : { type: 'not-available' });
    };
  } else {
    // Loaded only here, on the first check: dev runs and builds without a feed never touch electron-updater.
    let updater: AppUpdater | null = null;
    const configured = (): AppUpdater => {
      if (updater) return updater;
      const autoUpdater = loadAutoUpdater();
      autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl });
      autoUpdater.autoDownload = true;
      // Installed when the user quits; the app never restarts on its own.
      autoUpdater.autoInstallOnAppQuit = true;
      autoUpdater.logger = {
        info: (m: unknown) => log('info', `updater: ${String(m)}`),
        warn: (m: unknown) => log('warn', `updater: ${String(m)}`),
        error: (m: unknown) => log('warn', `updater: ${String(m)}`),
      };
      autoUpdater.on('checking-for-update', () => emit({ type: 'checking' }));
      autoUpdater.on('update-available', (info) => emit({ type: 'available', version: info.version }));
      autoUpdater.on('update-not-available', () => emit({ type: 'not-available' }));
      autoUpdater.on('update-downloaded', (info) => emit({ type: 'downloaded', version: info.version }));
      autoUpdater.on('error', (error) => emit({ type: 'error', message: error.message.split('\n')[0] ?? 'unknown error' }));
      return (updater = autoUpdater);
    };
    check = async () => {
      const result = await configured().checkForUpdates();
      // A failed download also reaches the 'error' listener; this only keeps the rejection from going unhandled.
      result?.downloadPromise?.catch((error: unknown) => log('warn', `updater: download failed: ${errorText(error)}`));
    };
  }
  const run = () => void check().catch((error: unknown) => emit({ type: 'error', message: errorText(error) }));
  const first = setTimeout(run, FIRST_UPDATE_CHECK_MS);
  const daily = setInterval(run, UPDATE_CHECK_INTERVAL_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
