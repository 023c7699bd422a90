// `npm start`: builds the popover and the Electron bundles, starts a local aggregator as a child process of its own
// (unless a community server is configured), then runs the desktop app, or browser mode when this machine has no
// Electron runtime (the electron package's binary was never downloaded). The aggregator stops when the run ends.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalAggregator, type LocalAggregator } from '../main/launch/local-aggregator.ts';
import { detectElectronRuntime } from '../main/shell/runtime.ts';
import { startBrowserMode } from '../main/web/serve.ts';
import { ensureRendererBuilt } from '../main/web/renderer-build.ts';
import { buildElectron } from './build-electron.ts';
import { errorText } from '../contracts/results.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let aggregator: LocalAggregator | null = null;
const exit = (code: number): void => void (aggregator?.stop() ?? Promise.resolve()).finally(() => process.exit(code));

/**
 * A community server the user configured wins; otherwise a local one, handed to the app as this run's default
 * (COMMUNITY_URL), so a URL saved in Settings still takes precedence inside the app.
 */
async function ensureCommunityServer(): Promise<void> {
  if (process.env.AGGREGATOR_URL || process.env.COMMUNITY_URL) return;
  const dataDir = resolve(process.env.MONITOR_DATA_DIR ?? join(homedir(), '.imessage-status-monitor'), 'aggregator');
  try {
    aggregator = await startLocalAggregator(dataDir, { log: (line) => console.log(line) });
    process.env.COMMUNITY_URL = aggregator.url;
  } catch (error) {
    console.log(`no local aggregator: ${errorText(error)}; the app runs without community data`);
  }
}

async function runBrowserMode(): Promise<void> {
  const mode = await startBrowserMode({ onQuit: () => exit(0) });
  const stop = (): void => void mode.close().then(() => exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function runElectron(executable: string, appDir: string): void {
  const env = { ...process.env };
  // Inherited by accident from some shells and CI runners; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, [appDir, ...process.argv.slice(2)], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  await ensureRendererBuilt(ROOT, (line) => console.log(line));
  const bundles = await buildElectron();
  await ensureCommunityServer();
  const runtime = detectElectronRuntime({ env: process.env, electronPackageDir: join(ROOT, 'node_modules', 'electron') });
  if (runtime.available) {
    runElectron(runtime.executable, bundles.appDir);
    return;
  }
  console.log(`Electron runtime not available here (${runtime.reason}); starting browser mode instead`);
  await runBrowserMode();
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${errorText(error)}`);
  exit(1);
});
