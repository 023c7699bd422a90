// The real aggregator in its own process (`aggregator/cli.ts` under tsx): its storage worker needs tsx's loader,
// which Playwright's test workers don't provide in-process. Stoppable and restartable on the same port and storage.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGGREGATOR_NODE_FLAGS } from '../../../aggregator/node-flags.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START_TIMEOUT_MS = 60_000;

export interface AggregatorProcess {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts `npm run aggregator` equivalent on 127.0.0.1 (port 0 = any) with embedded storage in `dataDir`. */
export async function spawnAggregator(dataDir: string, port = 0): Promise<AggregatorProcess> {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  const child: ChildProcess = spawn(
    process.execPath,
    // --liftoff-only: PGlite's WebAssembly stays on V8's baseline compiler (TurboFan's tier-up: ~2 s of CPU per start).
    [
      ...AGGREGATOR_NODE_FLAGS,
      '--liftoff-only',
      '--import',
      'tsx',
      'aggregator/cli.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
      '--no-rate-limit',
    ],
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`aggregator did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aggregator exited with ${code}:\n${output}`));
    });
  });
  // Keep draining so a chatty log never blocks the child.
  child.stdout?.resume();
  return {
    url,
    port: Number(new URL(url).port),
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
