// `npm run web`: the real engine in Node and the popover in the browser, over the loopback bridge.
// Also startBrowserMode(), which `npm start` calls when the Electron runtime is unavailable.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDefaultEngine } from '../engine/create-engine.ts';
import { jsonFileSettingsStore } from '../engine/settings/json-file-store.ts';
import { writeLaunchPage } from './launch-page.ts';
import { openWithSystem } from './open-external.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { startWebBridge } from './web-bridge.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BrowserModeOptions {
  /** Settings, client id and the offline report queue; default MONITOR_DATA_DIR or ~/.imessage-status-monitor. */
  dataDir?: string;
  /** Bridge port; default any free port. */
  port?: number;
  /** Overrides the stored aggregator address for this run (AGGREGATOR_URL). */
  aggregatorUrl?: string;
  /** Open the page in the default browser (default: yes unless CI is set). */
  open?: boolean;
  log?: (line: string) => void;
  /** Called after everything has stopped because the popover asked to quit. */
  onQuit?: () => void;
}

export interface BrowserMode {
  url: string;
  close(): Promise<void>;
}

/** Builds the popover if needed, starts the engine and the bridge, prints the address. Never starts an aggregator. */
export async function startBrowserMode(opts: BrowserModeOptions = {}): Promise<BrowserMode> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(opts.dataDir ?? process.env['MONITOR_DATA_DIR'] ?? join(homedir(), '.imessage-status-monitor'));
  const staticDir = await ensureRendererBuilt(REPO_ROOT, log);
  const settingsStore = jsonFileSettingsStore(join(dataDir, 'settings.json'), (line) => log(`warning: ${line}`));
  const aggregatorOverride = opts.aggregatorUrl ?? process.env['AGGREGATOR_URL'] ?? undefined;

  const engine = createDefaultEngine({
    dataDir,
    settingsStore,
    aggregatorUrl: aggregatorOverride,
    log: { info: () => {}, warn: (m) => log(`warning: ${m}`) },
  });
  engine.start();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await bridge.close();
      await engine.stop();
    })());
  const bridge = await startWebBridge({
    engine,
    staticDir,
    port: opts.port,
    onQuit: () => void close().then(() => opts.onQuit?.()),
  });
  const open = opts.open ?? !process.env['CI'];
  // The browser gets a file that forwards to the one-time address, so the token is never on a command line.
  if (open) await openWithSystem(writeLaunchPage(dataDir, bridge.url));
  log(`Monitor running in browser mode: ${open ? bridge.launchUrl() : bridge.url} (opens once, in one browser)`);
  return { url: bridge.url, close };
}

const USAGE = 'usage: npm run web -- [--port N] [--data DIR] [--aggregator URL] [--no-open]';

/** Reads `npm run web` arguments; throws with the usage on anything unknown. */
export function parseWebArgs(argv: readonly string[]): BrowserModeOptions {
  const opts: BrowserModeOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[(i += 1)];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--no-open') opts.open = false;
    else if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535\n${USAGE}`);
      opts.port = port;
    } else if (arg === '--data') opts.dataDir = value();
    else if (arg === '--aggregator') opts.aggregatorUrl = value();
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: BrowserModeOptions;
  try {
    opts = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const mode = await startBrowserMode({ ...opts, onQuit: () => process.exit(0) });
  const stop = (): void => void mode.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`browser mode could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
