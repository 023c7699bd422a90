// The desktop shell under a real Electron (xvfb-run on Linux), pointed at a loopback world through MONITOR_LAB_CONFIG.
// Playwright cannot see an OS tray or notification centre: MONITOR_TEST_HOOKS=1 exposes them in main (test-hooks.ts).
// Where no Electron runtime exists every test is reported as skipped with the reason.
import { _electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAggregator } from '../../../aggregator/server.ts';
import type { RunningAggregator } from '../../../aggregator/server.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings } from '../../../contracts/settings.ts';
import type { AlertNotification, Snapshot } from '../../../contracts/status.ts';
import type { LabConfig, MonitorTestHooks } from '../../../main/electron/test-hooks.ts';
import type { TrayState } from '../../../main/electron/tray.ts';
import { detectElectronRuntime } from '../../../main/shell/runtime.ts';
import { buildElectron } from '../../../scripts/build-electron.ts';
import { startAppleWorld } from '../../../lab/net/apple-world.ts';
import type { AppleWorld } from '../../../lab/net/apple-world.ts';
import { startOfficialFeed } from '../support/official-feed.ts';
import type { OfficialFeedServer } from '../support/official-feed.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const runtime = detectElectronRuntime({ env: process.env, electronPackageDir: join(ROOT, 'node_modules', 'electron') });
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !runtime.available
  ? `Electron runtime not available: ${runtime.reason}. Set ELECTRON_OVERRIDE_DIST_PATH or let the electron package download its binary.`
  : noDisplay
    ? 'no display: run under xvfb-run --auto-servernum'
    : '';
if (skipReason) console.log(`[electron e2e] skipped: ${skipReason}`);

type Hooks = MonitorTestHooks;
const FAST: Partial<Settings> = { probeIntervalMs: 2_000, officialPollMs: 2_000, communityPollMs: 1_000 };

test.describe.serial('desktop shell', () => {
  test.skip(skipReason !== '', skipReason);

  let apple: AppleWorld;
  let feed: OfficialFeedServer;
  let aggregator: RunningAggregator;
  let work: string;
  let app: ElectronApplication | null = null;
  const pageErrors: string[] = [];
  const watched = new WeakSet<Page>();

  async function launch(): Promise<ElectronApplication> {
    const executable = runtime.available ? runtime.executable : '';
    const launched = await _electron.launch({
      executablePath: executable,
      args: [join(ROOT, 'dist', 'electron'), ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: {
        ...(process.env as Record<string, string>),
        MONITOR_TEST_HOOKS: '1',
        MONITOR_DATA_DIR: join(work, 'data'),
        MONITOR_LAB_CONFIG: join(work, 'lab.json'),
        // Pin the surface: whether dbus-send finds a tray host differs per machine (unit-tested in tests/shell).
        MONITOR_WINDOW_MODE: 'popover',
      },
    });
    launched.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[electron] ${chunk.toString()}`));
    await expect
      .poll(() => launched.evaluate(() => typeof (globalThis as { __monitorTestHooks?: unknown }).__monitorTestHooks), { timeout: 30_000 })
      .toBe('object');
    return launched;
  }

  const hooks = <T>(target: ElectronApplication, fn: (h: Hooks) => T | Promise<T>): Promise<T> =>
    target.evaluate((_electron, source) => {
      const h = (globalThis as unknown as { __monitorTestHooks: Hooks }).__monitorTestHooks;
      return (new Function('h', `return (${source})(h);`) as (h: Hooks) => T)(h);
    }, fn.toString());

  async function popover(target: ElectronApplication): Promise<Page> {
    await hooks(target, (h) => h.showPopover());
    const page = await target.firstWindow();
    if (!watched.has(page)) {
      watched.add(page);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => console.log(`[popover] ${message.type()}: ${message.text()}`));
    }
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  test.beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'imsm-electron-e2e-'));
    await buildElectron();
    apple = await startAppleWorld();
    feed = await startOfficialFeed();
    aggregator = await startAggregator({ port: 0, host: '127.0.0.1', dataDir: join(work, 'aggregator'), rateLimit: false });
    const lab: LabConfig = {
      targets: apple.targets,
      officialUrls: { consumerUrl: feed.consumerUrl, developerUrl: feed.developerUrl },
      aggregatorUrl: aggregator.url,
      settingsOverride: FAST,
      network: { linkUp: true, hasGateway: true, type: 'wifi', vpn: false, iface: 'en0', ssid: 'Lab Wi-Fi' },
    };
    writeFileSync(join(work, 'lab.json'), JSON.stringify(lab));
    app = await launch();
  });

  test.afterEach(() => {
    // Fail fast on uncaught exceptions in the popover.
    expect(pageErrors).toEqual([]);
  });

  test.afterAll(async () => {
    await app?.close();
    await aggregator?.close();
    await feed?.close();
    await apple?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('starts with a tray icon and its menu', async () => {
    const live = app as ElectronApplication;
    await expect.poll(() => hooks(live, (h) => h.snapshot().checkedAt), { timeout: 30_000 }).not.toBeNull();
    const tray: TrayState = await hooks(live, (h) => h.tray());
    expect(tray.icon.file).toMatch(/^tray-(operational|degraded|unknown|offline|outage)/);
    const labels = tray.menu.filter((i) => i.kind !== 'separator').map((i) => ('label' in i ? i.label : ''));
    expect(labels).toEqual(expect.arrayContaining(['Show status', 'Hide status', 'Report a problem', 'Quit']));
    expect(tray.tooltip.length).toBeGreaterThan(0);
  });

  test("the popover opens and shows the world's data", async () => {
    const live = app as ElectronApplication;
    const page = await popover(live);
    expect(await hooks(live, (h) => h.popoverVisible())).toBe(true);
    // Only the bridge reaches the page: no Node globals, no generic IPC.
    expect(await page.evaluate(() => ['monitor', 'require', 'process', 'ipcRenderer'].filter((k) => k in globalThis))).toEqual(['monitor']);
    // Served from the app's own scheme; file: is out of reach.
    expect(page.url()).toBe('app://popover/index.html');
    expect(
      await page.evaluate(() =>
        fetch('file:///etc/hosts').then(
          () => 'read',
          () => 'refused',
        ),
      ),
    ).toBe('refused');
    const snapshot: Snapshot = await page.evaluate(() => (globalThis as unknown as { monitor: MonitorApi }).monitor.getSnapshot());
    expect(snapshot.services.imessage).toBeDefined();
    await expect(page.getByTestId('service-imessage')).toBeVisible();
    await expect(page.getByTestId('service-imessage')).toHaveAttribute('data-state', snapshot.services.imessage.state);
  });

  test('an outage produces a native notification', async () => {
    const live = app as ElectronApplication;
    for (const endpoint of ['apns5223', 'apns443', 'ids'] as const) await apple.set(endpoint, 'refuse');
    feed.set('iMessage', 'outage');
    await expect
      .poll(async () => (await hooks(live, (h) => h.notifications())).map((n: AlertNotification) => `${n.service}:${n.kind}`), {
        timeout: 60_000,
      })
      .toContain('imessage:down');
    const tray: TrayState = await hooks(live, (h) => h.tray());
    expect(tray.level).toBe('outage');
  });

  test('settings persist across restarts', async () => {
    let live = app as ElectronApplication;
    const page = await popover(live);
    await page.evaluate(() =>
      (globalThis as unknown as { monitor: MonitorApi }).monitor.setSettings({
        quietHours: { enabled: true, start: '21:30', end: '06:15' },
      }),
    );
    await live.close();
    app = null;
    expect(existsSync(join(work, 'data', 'settings.json'))).toBe(true);
    live = await launch();
    app = live;
    const again = await popover(live);
    const settings: Settings = await again.evaluate(() => (globalThis as unknown as { monitor: MonitorApi }).monitor.getSettings());
    expect(settings.quietHours).toEqual({ enabled: true, start: '21:30', end: '06:15' });
  });
});
