// `npm run web`: the real engine in Node and the popover in the browser, over the loopback bridge.
// Also startBrowserMode(), which `npm start` calls when the Electron runtime is unavailable.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { httpUrl, parseFlags, portNumber, UsageError, usageFailure } from '../../command-line/flags.ts';
import { startMonitor, warningsTo } from '../launch/start-monitor.ts';
import { writeLaunchPage } from './launch-page.ts';
import { openWithSystem } from './open-external.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { startWebBridge } from './web-bridge.ts';
import { errorText } from '../../contracts/results.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BrowserModeOptions {
  /** Settings, client id and the offline report queue; default MONITOR_DATA_DIR or ~/.imessage-status-monitor. */
  dataDir?: string;
  /** Bridge port; default any free port. */
  port?: number;
  /** Overrides the stored aggregator address for this run (AGGREGATOR_URL). */
  aggregatorUrl?: string;
  /** A Messages database to read whatever the platform and the opt-in say. */
  messagesDbPath?: string;
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
  const staticDir = await ensureRendererBuilt(REPO_ROOT, log);
  const { engine, dataDir } = startMonitor({
    dataDir: opts.dataDir,
    aggregatorUrl: opts.aggregatorUrl,
    messagesDbPath: opts.messagesDbPath,
    log: warningsTo(log),
  });

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

export const USAGE = `usage: npm run web -- [options]

Runs the monitor in Node and shows the popover in your browser.

Options:
  --port <n>           bridge port (default: any free one)
  --data <dir>         where settings and queued reports live (default: MONITOR_DATA_DIR or ~/.imessage-status-monitor)
  --aggregator <url>   community server address (default: settings, or AGGREGATOR_URL)
  --messages-db <file> count this Mac's failed iMessages in a Messages database (chat.db format; counts only)
  --no-open            don't open the browser
  --help               show this help`;

const FLAGS = {
  port: { type: 'string' },
  data: { type: 'string' },
  aggregator: { type: 'string' },
  'messages-db': { type: 'string' },
  'no-open': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads `npm run web` arguments; throws UsageError naming the bad one. */
export function parseWebArgs(argv: readonly string[]): BrowserModeOptions & { help?: boolean } {
  const { values: v } = parseFlags(argv, FLAGS);
  return {
    ...(v.help ? { help: true } : {}),
    ...(v['no-open'] ? { open: false } : {}),
    ...(v.port !== undefined ? { port: portNumber('--port', v.port) } : {}),
    ...(v.data !== undefined ? { dataDir: v.data } : {}),
    ...(v.aggregator !== undefined ? { aggregatorUrl: httpUrl('--aggregator', v.aggregator) } : {}),
    ...(v['messages-db'] !== undefined ? { messagesDbPath: v['messages-db'] } : {}),
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseWebArgs>;
  try {
    opts = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(usageFailure('web', error.message, USAGE));
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const mode = await startBrowserMode({ ...opts, onQuit: () => process.exit(0) });
  const stop = (): void => void mode.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`browser mode could not start: ${errorText(error)}`);
    process.exit(1);
  });
}
