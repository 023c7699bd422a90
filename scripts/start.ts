// `npm start`: builds the popover and the Electron bundles, then runs the desktop app, or browser mode when this
// machine has no Electron runtime (the electron package's binary was never downloaded).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectElectronRuntime } from '../main/shell/runtime.ts';
import { startBrowserMode } from '../main/web/serve.ts';
import { ensureRendererBuilt } from '../main/web/renderer-build.ts';
import { buildElectron } from './build-electron.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function runBrowserMode(): Promise<void> {
  const mode = await startBrowserMode({ onQuit: () => process.exit(0) });
  const stop = (): void => void mode.close().then(() => process.exit(0));
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
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  await ensureRendererBuilt(ROOT, (line) => console.log(line));
  const bundles = await buildElectron();
  const runtime = detectElectronRuntime({ env: process.env, electronPackageDir: join(ROOT, 'node_modules', 'electron') });
  if (runtime.available) {
    runElectron(runtime.executable, bundles.appDir);
    return;
  }
  console.log(`Electron runtime not available here (${runtime.reason}); starting browser mode instead`);
  await runBrowserMode();
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
