// Electron main wired around the real engine: the hardened window, app://, IPC guards, tray, notifications, restarts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { APP_PAGE_URL } from '../../main/shell/app-scheme.ts';
import type { FakeElectron, FakeWebContents } from './fake-electron.ts';
import { BUNDLE_DIR, aggregator, apple, feed, hooks, invoke, quit, startMain, useMainBundleWorld } from './main-bootstrap-harness.ts';

useMainBundleWorld();

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
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
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
