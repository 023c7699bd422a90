// Runs the real Electron main bundle (engine, aggregator client, tray, notifications, IPC, guards) under Node with a
// recording stand-in for `electron`, pointed at a loopback world. The Electron binary cannot exist here; everything
// else is real: servers on 127.0.0.1, the engine's probes, electron-store on disk.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { LabConfig, MonitorTestHooks } from '../../main/electron/test-hooks.ts';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { APP_PAGE_URL } from '../../main/shell/app-scheme.ts';
import { mainBundleOptions } from '../../scripts/build-electron.ts';
import { startAppleWorld } from '../../lab/net/apple-world.ts';
import type { AppleWorld } from '../../lab/net/apple-world.ts';
import { startOfficialFeed } from '../e2e/support/official-feed.ts';
import type { OfficialFeedServer } from '../e2e/support/official-feed.ts';
import { createFakeElectron } from './fake-electron.ts';
import type { FakeElectron, FakeElectronOptions, FakeWebContents } from './fake-electron.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
// The bundle believes it lives in a temp dist/ of its own, so the stand-in page below never replaces a real build.
const work = mkdtempSync(join(tmpdir(), 'imsm-main-'));
const BUNDLE_DIR = join(work, 'dist', 'electron');
const RENDERER_DIR = join(work, 'dist', 'renderer');
let code = '';
let apple: AppleWorld;
let feed: OfficialFeedServer;
let aggregator: RunningAggregator;

const hooks = () => (globalThis as { __monitorTestHooks?: MonitorTestHooks }).__monitorTestHooks as MonitorTestHooks;

/** Evaluates the bundle as Electron would load main.cjs; returns the fake it talks to (once the hooks are up). */
async function startMain(opts: FakeElectronOptions = {}, waitForHooks = true): Promise<FakeElectron> {
  delete (globalThis as { __monitorTestHooks?: unknown }).__monitorTestHooks;
  const fake = createFakeElectron(join(work, 'data'), opts);
  const realRequire = createRequire(join(ROOT, 'dist', 'electron', 'main.cjs'));
  const module = { exports: {} };
  const load = new Function('require', 'module', 'exports', '__dirname', '__filename', code);
  load(
    (name: string) => (name === 'electron' ? fake.electron : realRequire(name)),
    module,
    module.exports,
    BUNDLE_DIR,
    join(BUNDLE_DIR, 'main.cjs'),
  );
  fake.markReady();
  if (waitForHooks) await vi.waitFor(() => expect(hooks()).toBeDefined(), { timeout: 20_000, interval: 50 });
  return fake;
}

async function quit(fake: FakeElectron): Promise<void> {
  fake.electron.app.quit();
  await vi.waitFor(() => expect(fake.state.quitted).toBe(true), { timeout: 20_000, interval: 50 });
}

function invoke(fake: FakeElectron, channel: string, sender: FakeWebContents, frame: { url: string } | null, ...args: unknown[]) {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, ...args) as Promise<IpcEnvelope<unknown>>;
}

beforeAll(async () => {
  // app:// serves dist/renderer; a stand-in page is enough here (vite may not have run on this machine).
  mkdirSync(RENDERER_DIR, { recursive: true });
  writeFileSync(join(RENDERER_DIR, 'index.html'), '<!doctype html><title>popover</title>');
  const out = await build({ ...mainBundleOptions(), outfile: join(BUNDLE_DIR, 'main.cjs'), write: false, sourcemap: false });
  code = out.outputFiles.find((f) => f.path.endsWith('main.cjs'))?.text ?? '';
  apple = await startAppleWorld();
  feed = await startOfficialFeed();
  aggregator = await startAggregator({ port: 0, host: '127.0.0.1', dataDir: join(work, 'aggregator'), rateLimit: false });
  const lab: LabConfig = {
    targets: apple.targets,
    officialUrls: { consumerUrl: feed.consumerUrl, developerUrl: feed.developerUrl },
    aggregatorUrl: aggregator.url,
    settingsOverride: { probeIntervalMs: 1_000, officialPollMs: 1_000, communityPollMs: 1_000 },
    network: { linkUp: true, hasGateway: true, type: 'wifi', vpn: false, iface: 'en0', ssid: 'Lab Wi-Fi' },
  };
  writeFileSync(join(work, 'lab.json'), JSON.stringify(lab));
  vi.stubEnv('MONITOR_TEST_HOOKS', '1');
  vi.stubEnv('MONITOR_DATA_DIR', join(work, 'data'));
  vi.stubEnv('MONITOR_LAB_CONFIG', join(work, 'lab.json'));
  // dbus-send may or may not find a tray host on this machine: pin the surface (chooseSurface is unit-tested).
  vi.stubEnv('MONITOR_WINDOW_MODE', 'popover');
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await aggregator?.close();
  await feed?.close();
  await apple?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Electron main, wired around the real engine', () => {
  let fake: FakeElectron;
  let own: FakeWebContents;

  beforeAll(async () => {
    fake = await startMain();
    own = (fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>).webContents;
  }, 60_000);

  afterAll(async () => {
    if (fake && !fake.state.quitted) await quit(fake);
  });

  it('creates one hardened, frameless, fixed-size popover window', () => {
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    const options = fake.BrowserWindow.instances[0]?.options as { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    expect(options).toMatchObject({ frame: false, resizable: false, show: false, skipTaskbar: true });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(options.webPreferences.preload)).toBe(join(BUNDLE_DIR, 'preload.cjs'));
    // Served from the privileged app:// scheme, never file://.
    expect(own.mainFrame.url).toBe(APP_PAGE_URL);
    expect(fake.state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer folder over app:// with its CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler');
    const page = await handler({ url: APP_PAGE_URL });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>popover</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await handler({ url: 'app://popover/..%2f..%2fpackage.json' })).status).toBe(403);
    expect((await handler({ url: 'app://popover/missing.js' })).status).toBe(404);
    expect((await handler({ url: 'app://elsewhere/index.html' })).status).toBe(403);
  });

  it('blocks navigation, new windows, permissions and remote requests', () => {
    expect(own.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(own.navigate('will-navigate', own.mainFrame.url)).toBe(false);
    expect(own.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    // New windows are always denied; only allow-listed pages go on to the browser.
    expect(own.windowOpenHandler?.({ url: 'https://www.apple.com/support/systemstatus/' })).toEqual({ action: 'deny' });
    expect(own.windowOpenHandler?.({ url: 'https://www.apple.com/support/' })).toEqual({ action: 'deny' });
    expect(own.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.state.openedExternally).toEqual(['https://www.apple.com/support/systemstatus/']);
    let granted: boolean | null = null;
    fake.permission.request?.(own, 'geolocation', (g: boolean) => (granted = g), {});
    expect(granted).toBe(false);
    expect(fake.permission.check?.(own, 'notifications', 'file://', {})).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | null = null;
      fake.webRequest.beforeRequest?.({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example/x.js')).toBe(true);
    expect(decide('ws://127.0.0.1:8787/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('http://[::1')).toBe(true);
    expect(decide(own.mainFrame.url)).toBe(false);
    const headersFor = (url: string, resourceType: string) => {
      let headers: Record<string, string[]> | undefined;
      fake.webRequest.headersReceived?.(
        { url, resourceType, responseHeaders: {} },
        (r: { responseHeaders?: Record<string, string[]> }) => (headers = r.responseHeaders),
      );
      return headers;
    };
    expect(headersFor(APP_PAGE_URL, 'mainFrame')?.['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
    expect(headersFor('devtools://devtools/bundled/devtools_app.html', 'mainFrame')).toBeUndefined();
    expect(headersFor('app://popover/assets/x.js', 'script')).toBeUndefined();
  });

  it('registers a handler for every contract channel and nothing else', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...IPC_REQUEST_CHANNELS].sort());
  });

  it("answers only the popover's main frame, and validates payloads", async () => {
    const ok = await invoke(fake, 'monitor:get-settings', own, own.mainFrame);
    expect(ok.ok).toBe(true);
    const stranger = new (fake.BrowserWindow as unknown as new (o: object) => { webContents: FakeWebContents })({}).webContents;
    stranger.mainFrame.url = own.mainFrame.url;
    expect(await invoke(fake, 'monitor:get-settings', stranger, stranger.mainFrame)).toEqual({ ok: false, error: 'Not allowed.' });
    expect(await invoke(fake, 'monitor:get-settings', own, { url: own.mainFrame.url })).toEqual({ ok: false, error: 'Not allowed.' });
    const hostile = await invoke(fake, 'monitor:set-settings', own, own.mainFrame, { probeIntervalMs: 'fast', __proto__: null });
    expect(hostile.ok).toBe(false);
    expect(!hostile.ok && hostile.error).toContain('probeIntervalMs');
    const before = fake.state.openedExternally.length;
    expect((await invoke(fake, 'monitor:open-external', own, own.mainFrame, 'file:///etc/passwd')).ok).toBe(false);
    expect((await invoke(fake, 'monitor:open-external', own, own.mainFrame, 'https://evil.example/')).ok).toBe(false);
    expect(fake.state.openedExternally.length).toBe(before);
    // The configured aggregator's site is on the allow-list.
    expect((await invoke(fake, 'monitor:open-external', own, own.mainFrame, `${aggregator.url}/`)).ok).toBe(true);
    expect(fake.state.openedExternally.at(-1)).toBe(`${aggregator.url}/`);
  });

  it('reports the shell status, hides on request and reopens on activate', async () => {
    const status = (await invoke(fake, 'monitor:get-shell-status', own, own.mainFrame)) as IpcEnvelope<ShellStatus>;
    expect(status.ok && status.value.update).toMatchObject({ state: 'off', detail: expect.stringContaining('development') });
    expect(status.ok && status.value.canHide).toBe(true);
    const window = fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>;
    hooks().showPopover();
    expect(window.visible).toBe(true);
    expect((await invoke(fake, 'monitor:hide', own, own.mainFrame)).ok).toBe(true);
    expect(window.visible).toBe(false);
    fake.appEvents.emit('activate');
    expect(window.visible).toBe(true);
    window.hide();
  });

  it('follows the engine: tray image, tooltip and menu, and snapshots pushed to the popover', async () => {
    await vi.waitFor(() => expect(hooks().snapshot().checkedAt).not.toBeNull(), { timeout: 30_000, interval: 200 });
    await vi.waitFor(() => expect(own.sent.some((m) => m.channel === 'monitor:snapshot')).toBe(true), { timeout: 10_000, interval: 100 });
    const tray = fake.Tray.instances[0];
    const level = hooks().tray().level;
    expect(tray?.image.path).toBe(join(BUNDLE_DIR, 'icons', `tray-${level}.png`));
    expect(tray?.tooltip).toBe(hooks().tray().tooltip);
    // Linux: the menu is set on the tray (AppIndicator delivers no clicks).
    expect(tray?.contextMenus.length).toBeGreaterThan(0);
  });

  it('opens the popover from a tray click, inside the work area', () => {
    const window = fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>;
    fake.Tray.instances[0]?.emit('click', {}, { x: 0, y: 0, width: 0, height: 0 });
    expect(window.visible).toBe(true);
    const [x, y] = window.position ?? [-1, -1];
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(32);
    window.hide();
  });

  it('an outage becomes a native notification whose click opens the popover', async () => {
    for (const endpoint of ['apns5223', 'apns443', 'ids'] as const) await apple.set(endpoint, 'refuse');
    feed.set('iMessage', 'outage');
    await vi.waitFor(
      () =>
        expect(
          hooks()
            .notifications()
            .map((n) => `${n.service}:${n.kind}`),
        ).toContain('imessage:down'),
      { timeout: 60_000, interval: 250 },
    );
    const native = fake.Notification.instances.find((n) => n.shown);
    expect(native?.options.title).toBe(hooks().notifications()[0]?.title);
    const window = fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>;
    window.hide();
    native?.emit('click');
    expect(window.visible).toBe(true);
    await vi.waitFor(() => expect(hooks().tray().level).toBe('outage'), { timeout: 30_000, interval: 250 });
    for (const endpoint of ['apns5223', 'apns443', 'ids'] as const) await apple.set(endpoint, 'up');
    feed.set('iMessage', 'ok');
  }, 90_000);

  it('keeps settings across a restart and cleans up on quit', async () => {
    const changed = await invoke(fake, 'monitor:set-settings', own, own.mainFrame, {
      quietHours: { enabled: true, start: '21:30', end: '06:15' },
    });
    expect(changed.ok).toBe(true);
    expect(fake.powerMonitor.listenerCount('suspend')).toBe(1);
    expect(fake.powerMonitor.listenerCount('resume')).toBe(1);
    await quit(fake);
    expect(fake.Tray.instances[0]?.destroyed).toBe(true);
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
    expect(fake.ipcHandlers.size).toBe(0);
    const again = await startMain();
    fake = again;
    const next = (again.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>).webContents;
    const settings = (await invoke(again, 'monitor:get-settings', next, next.mainFrame)) as IpcEnvelope<Settings>;
    expect(settings.ok && settings.value.quietHours).toEqual({ enabled: true, start: '21:30', end: '06:15' });
    await quit(again);
  }, 60_000);
});

describe('Electron main at the edges: failures, packaged runs, no tray', () => {
  afterEach(() => {
    vi.stubEnv('MONITOR_TEST_FAIL_STARTUP', '');
    vi.stubEnv('MONITOR_WINDOW_MODE', 'popover');
  });

  it('a failing startup shows a dialog and exits 1 instead of hanging', async () => {
    // A real failure: the data folder is a file, so the engine cannot create its store.
    const blocked = join(work, 'not-a-folder');
    writeFileSync(blocked, 'x');
    vi.stubEnv('MONITOR_DATA_DIR', blocked);
    try {
      const fake = await startMain({}, false);
      await vi.waitFor(() => expect(fake.state.exitCode).toBe(1), { timeout: 20_000, interval: 50 });
      expect(fake.state.errorBoxes).toHaveLength(1);
      expect(fake.state.errorBoxes[0]?.title).toContain('could not start');
      expect(fake.state.errorBoxes[0]?.body).toContain('"engine"');
      expect(fake.state.errorBoxes[0]?.body).toContain('main.log');
      expect(hooks()).toBeUndefined();
      expect(fake.Tray.instances).toHaveLength(0);
    } finally {
      vi.stubEnv('MONITOR_DATA_DIR', join(work, 'data'));
    }
  }, 60_000);

  it('a simulated failure after the tray (test hook) exits 1 with the message on stderr', async () => {
    vi.stubEnv('MONITOR_TEST_FAIL_STARTUP', 'window');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const fake = await startMain({}, false);
      await vi.waitFor(() => expect(fake.state.exitCode).toBe(1), { timeout: 20_000, interval: 50 });
      expect(fake.state.errorBoxes).toHaveLength(0);
      expect(written.join('')).toContain('Starting failed at "window"');
      // The tray step comes before the window: the icon was there first.
      expect(fake.Tray.instances).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it('a packaged app refuses the test hooks and the lab config although the environment asks for them', async () => {
    const fake = await startMain({ isPackaged: true }, false);
    await vi.waitFor(() => expect(fake.Tray.instances.length).toBe(1), { timeout: 20_000, interval: 50 });
    await vi.waitFor(() => expect(fake.ipcHandlers.size).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    expect(hooks()).toBeUndefined();
    // The failure switch is a hook too: ignored, so the start went through.
    expect(fake.state.exitCode).toBeNull();
    const log = readFileSync(join(work, 'data', 'logs', 'main.log'), 'utf8');
    expect(log).toContain('test hooks are refused in a packaged app');
    await quit(fake);
  }, 60_000);

  it('without a tray host the app opens as a normal window that quits when closed', async () => {
    vi.stubEnv('MONITOR_WINDOW_MODE', 'window');
    const fake = await startMain();
    expect(hooks().surface().kind).toBe('window');
    const window = fake.BrowserWindow.instances[0] as InstanceType<FakeElectron['BrowserWindow']>;
    expect(window.options).toMatchObject({ frame: true, skipTaskbar: false, alwaysOnTop: false });
    await vi.waitFor(() => expect(window.visible).toBe(true), { timeout: 10_000, interval: 50 });
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.state.quitted).toBe(true), { timeout: 20_000, interval: 50 });
  }, 60_000);
});
