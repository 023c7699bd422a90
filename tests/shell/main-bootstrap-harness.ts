// The harness for the main-bootstrap tests. Runs the real Electron main bundle (engine, aggregator client, tray,
// notifications, IPC, guards) under Node with a recording stand-in for `electron`, pointed at a loopback world. The
// Electron binary cannot exist here; everything else is real: servers on 127.0.0.1, the engine's probes, electron-store on disk.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import type { LabConfig, MonitorTestHooks } from '../../main/electron/test-hooks.ts';
import { mainBundleOptions } from '../../scripts/build-electron.ts';
import { startAppleWorld } from '../../lab/net/apple-world.ts';
import { copyAggregatorTemplate, ensureAggregatorTemplate } from '../../lab/world/aggregator-template.ts';
import type { AppleWorld } from '../../lab/net/apple-world.ts';
import { startOfficialFeed } from '../e2e/support/official-feed.ts';
import type { OfficialFeedServer } from '../e2e/support/official-feed.ts';
import { createFakeElectron } from './fake-electron.ts';
import type { FakeElectron, FakeElectronOptions, FakeWebContents } from './fake-electron.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
// The bundle believes it lives in a temp dist/ of its own, so the stand-in page below never replaces a real build.
export const work = mkdtempSync(join(tmpdir(), 'imsm-main-'));
export const BUNDLE_DIR = join(work, 'dist', 'electron');
const RENDERER_DIR = join(work, 'dist', 'renderer');
let code = '';
export let apple: AppleWorld;
export let feed: OfficialFeedServer;
export let aggregator: RunningAggregator;

export const hooks = () => (globalThis as { __monitorTestHooks?: MonitorTestHooks }).__monitorTestHooks as MonitorTestHooks;

/** Evaluates the bundle as Electron would load main.cjs; returns the fake it talks to (once the hooks are up). */
export async function startMain(opts: FakeElectronOptions = {}, waitForHooks = true): Promise<FakeElectron> {
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

export async function quit(fake: FakeElectron): Promise<void> {
  fake.electron.app.quit();
  await vi.waitFor(() => expect(fake.state.quitted).toBe(true), { timeout: 20_000, interval: 50 });
}

export function invoke(fake: FakeElectron, channel: string, sender: FakeWebContents, frame: { url: string } | null, ...args: unknown[]) {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, ...args) as Promise<IpcEnvelope<unknown>>;
}

/** Builds the bundle and starts the loopback world before a file's tests, and tears it down after; call once per test file. */
export function useMainBundleWorld(): void {
  beforeAll(async () => {
    // app:// serves dist/renderer; a stand-in page is enough here (vite may not have run on this machine).
    mkdirSync(RENDERER_DIR, { recursive: true });
    writeFileSync(join(RENDERER_DIR, 'index.html'), '<!doctype html><title>popover</title>');
    const out = await build({ ...mainBundleOptions(), outfile: join(BUNDLE_DIR, 'main.cjs'), write: false, sourcemap: false });
    code = out.outputFiles.find((f) => f.path.endsWith('main.cjs'))?.text ?? '';
    apple = await startAppleWorld();
    feed = await startOfficialFeed();
    const aggregatorDir = join(work, 'aggregator');
    await ensureAggregatorTemplate();
    copyAggregatorTemplate(aggregatorDir); // a migrated copy: no initdb here
    aggregator = await startAggregator({ port: 0, host: '127.0.0.1', dataDir: aggregatorDir, rateLimit: false });
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
}
