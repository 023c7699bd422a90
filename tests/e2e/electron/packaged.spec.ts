// What ships, launched: `electron-builder --dir` (asar, fuses, unpacked PGlite, the e2e bundle) and then that binary,
// not dist/electron. Needs an Electron runtime to package from (the electron package's download or
// ELECTRON_OVERRIDE_DIST_PATH) and a display; otherwise every test is reported as skipped with the reason.
import { _electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { ShellStatus } from '../../../contracts/shell-status.ts';
import type { LabConfig, MonitorTestHooks } from '../../../main/electron/test-hooks.ts';
import { APP_PAGE_URL } from '../../../main/shell/app-scheme.ts';
import { detectElectronRuntime } from '../../../main/shell/runtime.ts';
import { startAppleWorld } from '../../../lab/net/apple-world.ts';
import type { AppleWorld } from '../../../lab/net/apple-world.ts';
import { packageForE2E } from './package-app.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const runtime = detectElectronRuntime({ env: process.env, electronPackageDir: join(ROOT, 'node_modules', 'electron') });
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !runtime.available
  ? `Electron runtime not available: ${runtime.reason}. The packaged e2e packages from a local Electron (ELECTRON_OVERRIDE_DIST_PATH or the electron package's download).`
  : noDisplay
    ? 'no display: run under xvfb-run --auto-servernum'
    : '';
if (skipReason) console.log(`[packaged e2e] skipped: ${skipReason}`);

test.describe.serial('packaged app', () => {
  test.skip(skipReason !== '', skipReason);
  test.setTimeout(300_000);

  let work = '';
  let executable = '';
  let apple: AppleWorld;
  let app: ElectronApplication | null = null;

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(process.env as Record<string, string>),
    MONITOR_TEST_HOOKS: '1',
    MONITOR_DATA_DIR: join(work, 'data'),
    MONITOR_LAB_CONFIG: join(work, 'lab.json'),
    MONITOR_WINDOW_MODE: 'popover',
    ...extra,
  });
  const sandboxArgs = process.platform === 'linux' ? ['--no-sandbox'] : [];

  test.beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'imsm-packaged-e2e-'));
    executable = await packageForE2E(runtime.available ? runtime.executable : '', join(work, 'release'));
    apple = await startAppleWorld();
    const lab: LabConfig = {
      targets: apple.targets,
      settingsOverride: { probeIntervalMs: 2_000 },
      network: { linkUp: true, hasGateway: true, type: 'wifi', vpn: false, iface: 'en0', ssid: 'Lab Wi-Fi' },
    };
    writeFileSync(join(work, 'lab.json'), JSON.stringify(lab));
    app = await _electron.launch({ executablePath: executable, args: sandboxArgs, env: env() });
    await expect
      .poll(() => app?.evaluate(() => typeof (globalThis as { __monitorTestHooks?: unknown }).__monitorTestHooks), { timeout: 30_000 })
      .toBe('object');
  });

  test.afterAll(async () => {
    await app?.close();
    await apple?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('runs from the asar as a packaged app', async () => {
    const facts = await (app as ElectronApplication).evaluate(({ app: electronApp }) => ({
      packaged: electronApp.isPackaged,
      path: electronApp.getAppPath(),
    }));
    expect(facts.packaged).toBe(true);
    expect(facts.path).toMatch(/app\.asar$/);
  });

  test('shows the popover from app://, with the bridge only and no file: access', async () => {
    const live = app as ElectronApplication;
    await live.evaluate(() => (globalThis as unknown as { __monitorTestHooks: MonitorTestHooks }).__monitorTestHooks.showPopover());
    const page = await live.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe(APP_PAGE_URL);
    expect(await page.evaluate(() => ['monitor', 'require', 'process'].filter((k) => k in globalThis))).toEqual(['monitor']);
    const fileRead = await page.evaluate(() =>
      fetch('file:///etc/hosts').then(
        () => 'read',
        () => 'refused',
      ),
    );
    expect(fileRead).toBe('refused');
    const traversal = await page.evaluate(() =>
      fetch('app://popover/..%2f..%2fpackage.json').then(
        (r) => r.status,
        () => -1,
      ),
    );
    expect([403, -1]).toContain(traversal);
    const status: ShellStatus = await page.evaluate(() => (globalThis as unknown as { monitor: MonitorApi }).monitor.getShellStatus());
    // The e2e build has no update URL built in.
    expect(status.update.state).toBe('off');
    await expect(page.getByTestId('service-imessage')).toBeVisible();
    // Escape hides it (the popover API's hide).
    await page.keyboard.press('Escape');
    await expect
      .poll(() =>
        live.evaluate(() => (globalThis as unknown as { __monitorTestHooks: MonitorTestHooks }).__monitorTestHooks.popoverVisible()),
      )
      .toBe(false);
  });

  test('a startup error exits 1 with a message instead of hanging', async () => {
    const child = spawn(executable, sandboxArgs, {
      env: env({ MONITOR_TEST_FAIL_STARTUP: 'engine', MONITOR_DATA_DIR: join(work, 'data-fail') }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done(null);
      }, 30_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Starting failed at "engine"');
  });
});
