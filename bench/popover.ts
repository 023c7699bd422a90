// Popover: its JS (target ≤ 80 KB gzip on the first screen) and navigation → first render with data in Chromium
// (target ≤ 150 ms median). `BENCH_PREVIOUS_ROOT=/tmp/old[,/tmp/older]` (git worktrees with node_modules) builds those
// checkouts' popovers too and loads them all, turn about, in the same browser against the same engine, so load on the
// machine hits each alike. `npm run bench -- --only popover`; `npx tsx bench/popover.ts` alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../contracts/settings.ts';
import { createDefaultEngine } from '../main/launch/create-engine.ts';
import { CONNECTED_STATE, fixedNetworkState } from '../main/engine/probes/network-state.ts';
import { jsonFileSettingsStore } from '../main/engine/settings/json-file-store.ts';
import { ensureRendererBuilt } from '../main/web/renderer-build.ts';
import { startWebBridge, type WebBridge } from '../main/web/web-bridge.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from '../scripts/chromium.ts';
import { startAppleWorld } from '../lab/net/apple-world.ts';
import { bundleSize, type BundleSize } from './bundle-size.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Must match FIRST_DATA_MARK in renderer/src/components/App.tsx and the mark in renderer/src/main.tsx. */
const FIRST_DATA_MARK = 'popover:first-data';
const SCRIPT_READY_MARK = 'popover:script-ready';
const RUNS = Number(process.env.BENCH_POPOVER_RUNS ?? 31);
/**
 * Loads before counting: they fill the HTTP cache and V8's code cache, as a popover opened before has them. The profile
 * is a real one on disk (an off-the-record context keeps no code cache and compiles every load from scratch: ≈ 40 ms
 * more), as the user's browser and the desktop app's `app://` scheme (registered with `codeCache`) have.
 */
const WARM_UP = 3;

export interface PopoverFigures {
  root: string;
  /** The checkout's commit, "+changes" when its tree differs from it. */
  commit: string;
  bundle: BundleSize;
  /** Medians over RUNS loads, ms from navigation start. */
  scriptReadyMs: number;
  firstRenderWithDataMs: number;
  /** The fastest and slowest counted load. */
  firstRenderRangeMs: [number, number];
}

export interface PopoverResult {
  runs: number;
  loadAverage: number[];
  current: PopoverFigures;
  previous?: PopoverFigures;
  /** Further checkouts (BENCH_PREVIOUS_ROOT=a,b: the first is `previous`). */
  earlier?: PopoverFigures[];
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? NaN) * 10) / 10;
};

function commitOf(root: string): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
    return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+changes' : '');
  } catch {
    return 'unknown';
  }
}

/** One load of the clean address: ms from navigation start to the script-ready and first-data marks. */
async function load(context: BrowserContext, url: string): Promise<{ script: number; data: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, FIRST_DATA_MARK, {
      timeout: 10_000,
    });
    const data = (await handle.jsonValue()) as number;
    const script = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN, SCRIPT_READY_MARK);
    return { script, data };
  } finally {
    await page.close();
  }
}

/** Signs the browser in to a bridge once (its launch address works once); returns the clean address. */
async function signIn(context: BrowserContext, bridge: WebBridge): Promise<string> {
  const page = await context.newPage();
  await page.goto(bridge.url);
  await page.waitForURL(/\/$/);
  await page.close();
  return new URL('/', bridge.url).href;
}

/** Builds each checkout's popover, measures its JS, then times first render with data against one real engine. */
export async function benchPopover(opts: { previousRoot?: string } = {}): Promise<PopoverResult> {
  const roots = [
    REPO,
    ...(opts.previousRoot ?? '')
      .split(',')
      .filter(Boolean)
      .map((r) => resolve(r)),
  ];
  const builds: { root: string; outDir: string }[] = [];
  for (const root of roots) builds.push({ root, outDir: await ensureRendererBuilt(root) });
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);

  const dataDir = mkdtempSync(join(tmpdir(), 'imsm-bench-popover-'));
  const world = await startAppleWorld();
  const store = jsonFileSettingsStore(join(dataDir, 'settings.json'));
  // No aggregator: community data shows as unavailable, which is still data on screen.
  store.save({ ...DEFAULT_SETTINGS, aggregatorUrl: 'http://127.0.0.1:9' });
  const engine = createDefaultEngine({
    dataDir,
    settingsStore: store,
    targets: world.targets,
    network: fixedNetworkState(CONNECTED_STATE),
  });
  engine.start();
  await engine.checkNow();
  const bridges: WebBridge[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), 'imsm-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 480 },
  });
  try {
    const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
    for (const b of builds) bridges.push(await startWebBridge({ engine, staticDir: b.outDir, openExternal: () => {} }));
    const urls: string[] = [];
    for (const bridge of bridges) urls.push(await signIn(context, bridge));
    const times = builds.map(() => ({ script: [] as number[], data: [] as number[] }));
    for (let i = 0; i < WARM_UP + RUNS; i += 1) {
      // Turn about, starting with a different build each round, so none always follows the same one.
      const order = urls.map((_, k) => (k + i) % urls.length);
      for (const k of order) {
        const t = await load(context, urls[k]!);
        if (i >= WARM_UP) {
          times[k]!.script.push(t.script);
          times[k]!.data.push(t.data);
        }
      }
    }
    const figures = builds.map((b, k): PopoverFigures => ({
      root: b.root,
      commit: commitOf(b.root),
      bundle: bundleSize(b.outDir),
      scriptReadyMs: median(times[k]!.script),
      firstRenderWithDataMs: median(times[k]!.data),
      firstRenderRangeMs: [Math.round(Math.min(...times[k]!.data)), Math.round(Math.max(...times[k]!.data))],
    }));
    const [current, previous, ...earlier] = figures;
    return { runs: RUNS, loadAverage, current: current!, ...(previous ? { previous } : {}), ...(earlier.length ? { earlier } : {}) };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    for (const bridge of bridges) await bridge.close();
    await engine.stop();
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchPopover({ previousRoot: process.env.BENCH_PREVIOUS_ROOT });
  for (const f of [r.current, ...(r.previous ? [r.previous] : []), ...(r.earlier ?? [])]) {
    console.log(
      `${f.root} (${f.commit}): JS first screen ${f.bundle.firstScreenKb} KB gzip (all chunks ${f.bundle.allKb}; target ≤ 80), ` +
        `first render with data ${f.firstRenderWithDataMs} ms median of ${r.runs} (target ≤ 150)`,
    );
  }
}
