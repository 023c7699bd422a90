// electron-updater as the packaged app loads it: main/electron/updates.ts bundled with the real build options
// (scripts/build-electron.ts: CommonJS, electron-updater external), required by plain Node from a folder whose
// node_modules holds the real electron-updater, with a stand-in `electron` (app, session, net over node:http).
// electron-builder issue 7976: `autoUpdater` is a getter Node's CJS→ESM bridge cannot see, so
// `(await import('electron-updater')).autoUpdater` is undefined in a real build.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ElectronUpdater from 'electron-updater';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import type { startUpdates as StartUpdates } from '../../main/electron/updates.ts';
import { channelFileName } from '../../main/shell/update-feed.ts';
import { FIRST_UPDATE_CHECK_MS } from '../../main/shell/update-policy.ts';
import { mainBundleOptions } from '../../scripts/build-electron.ts';
import { bundleFolder } from '../../scripts/cli-bundle.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
// Inside node_modules/.cache (bundleFolder) so Node resolves electron-updater (and its own `require('electron')`) as a
// packaged app does. Made in beforeAll, not at import: collecting the file (`vitest list`) must leave no folder behind.
let work = '';
let bundlePath = '';

const appEvents = new EventEmitter();
const standInElectron = {
  app: {
    isPackaged: true,
    getVersion: () => '0.1.0',
    getName: () => 'iMessage Status',
    getAppPath: () => work,
    getPath: (name: string) => join(work, name),
    on: (name: string, fn: (...args: unknown[]) => void) => appEvents.on(name, fn),
    once: (name: string, fn: (...args: unknown[]) => void) => appEvents.once(name, fn),
    whenReady: () => Promise.resolve(),
    quit: () => {},
  },
  session: { fromPartition: () => ({}) },
  // Electron's net.request takes Node-style options plus `session` and `redirect`; node:http ignores those.
  net: {
    request: (options: http.RequestOptions & { session?: unknown; redirect?: string }) => {
      const { session: _session, redirect: _redirect, ...rest } = options;
      return (rest.protocol === 'https:' ? https : http).request(rest);
    },
  },
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };
const realLoad = moduleWithLoad._load;

let server: Server;
let feedUrl = '';
const served = '0.1.0';
let hits = 0;
let startUpdates: typeof StartUpdates;
const savedResourcesPath = process.resourcesPath;

beforeAll(async () => {
  work = bundleFolder('imsm-updater-');
  bundlePath = join(work, 'updates.cjs');
  server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== `/feed/${channelFileName(process.platform, process.arch)}`) return void res.writeHead(404).end();
    hits++;
    res
      .writeHead(200, { 'content-type': 'text/yaml' })
      .end(
        `version: ${served}\nfiles:\n  - url: app-${served}.bin\n    sha512: ${'A'.repeat(86)}==\n    size: 1\npath: app-${served}.bin\nsha512: ${'A'.repeat(86)}==\nreleaseDate: '2026-01-01T00:00:00.000Z'\n`,
      );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
  await build({
    ...mainBundleOptions('release', {}),
    entryPoints: [join(ROOT, 'main', 'electron', 'updates.ts')],
    outfile: bundlePath,
    sourcemap: false,
  });
  moduleWithLoad._load = function (request, parent, isMain) {
    return request === 'electron' ? standInElectron : realLoad.call(this, request, parent, isMain);
  };
  // electron-updater reads resources/package-type on Linux; a packaged app always has process.resourcesPath.
  (process as { resourcesPath?: string }).resourcesPath = work;
  // An AppImage install, one of the install-on-quit kinds (electron-updater stays idle on Linux without APPIMAGE).
  vi.stubEnv('APPIMAGE', join(work, 'iMessage Status.AppImage'));
  startUpdates = (createRequire(bundlePath)(bundlePath) as { startUpdates: typeof StartUpdates }).startUpdates;
}, 60_000);

afterAll(async () => {
  moduleWithLoad._load = realLoad;
  vi.unstubAllEnvs();
  (process as { resourcesPath?: string }).resourcesPath = savedResourcesPath;
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(work, { recursive: true, force: true });
});

describe('electron-updater from the built main bundle (install on quit)', () => {
  it('gets a real updater, points it at the feed, checks, and reports a download that installs on quit', async () => {
    const seen: ShellStatus['update'][] = [];
    const logged: string[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const stop = startUpdates(
      { enabled: true, feedUrl, mode: 'install-on-quit', why: 'downloaded in the background, installed when you quit' },
      (s) => seen.push(s),
      (level, message) => logged.push(`${level}: ${message}`),
    );
    try {
      vi.advanceTimersByTime(FIRST_UPDATE_CHECK_MS);
      vi.useRealTimers();
      // Today's failure mode would end here as "Cannot read properties of undefined (reading 'setFeedURL')".
      const last = () => `${seen.at(-1)?.state}: ${seen.at(-1)?.detail}`;
      await vi.waitFor(() => expect(['idle', 'error']).toContain(seen.at(-1)?.state), { timeout: 15_000, interval: 50 });
      expect(last()).toBe('idle: This is the latest version.');
      expect(seen.filter((s) => s.state === 'error')).toEqual([]);
      expect(seen.map((s) => s.state)).toContain('checking');
      expect(hits).toBe(1); // the feed URL reached electron-updater's own HTTP client
      expect(logged).toContain('info: updater: Checking for update');

      // The very object the bundle configured (electron-updater keeps one per process).
      const { autoUpdater } = createRequire(bundlePath)('electron-updater') as typeof ElectronUpdater;
      expect(typeof autoUpdater.setFeedURL).toBe('function');
      expect(autoUpdater.autoDownload).toBe(true);
      expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
      expect(autoUpdater.listenerCount('update-downloaded')).toBeGreaterThan(0);
      autoUpdater.emit('update-available', { version: '0.2.0' } as ElectronUpdater.UpdateInfo);
      autoUpdater.emit('update-downloaded', { version: '0.2.0' } as ElectronUpdater.UpdateDownloadedEvent);
      expect(seen.at(-1)).toMatchObject({ state: 'downloaded', version: '0.2.0' });
      expect(seen.at(-1)?.detail).toContain('installed when you quit');
    } finally {
      vi.useRealTimers();
      stop();
    }
  });
});
