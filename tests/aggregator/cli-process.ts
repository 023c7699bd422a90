// Starts `aggregator/cli.ts` as a child process (as `npm run aggregator` would) and stops it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import type { Backend } from './backends.ts';
import { AGGREGATOR_NODE_FLAGS } from '../../aggregator/node-flags.ts';

export interface CliProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Added to the node flags of every CLI a test starts: V8's baseline WebAssembly compiler only. Tiering PGlite up with
 * TurboFan costs ≈ 1.7 s of CPU per process, more than a test's short run wins back (see vitest.config.ts); it changes
 * no behaviour.
 */
export const TEST_NODE_FLAGS = ['--liftoff-only'];

/**
 * The node arguments that run the aggregator's CLI: aggregator/cli.ts bundled once per run (cli-bundle-setup.ts), the
 * same code `npm run aggregator` runs under tsx (tests/launch starts it that way).
 */
export function aggregatorCli(): string[] {
  return [inject('aggregatorCli')];
}

/** Runs the CLI with `args` on the given storage; resolves once it prints its listening line. */
export async function startCliOn(storage: Awaited<ReturnType<Backend['storage']>>, args: string[] = []): Promise<CliProcess> {
  const dataArgs = storage.options.dataDir ? ['--data', storage.options.dataDir] : [];
  const child = spawn(
    process.execPath,
    [...AGGREGATOR_NODE_FLAGS, ...TEST_NODE_FLAGS, ...aggregatorCli(), '--port', '0', ...dataArgs, ...args],
    {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: storage.options.databaseUrl ?? '', TRUST_PROXY: '', CORS_ORIGIN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`cli exited with ${code}: ${out}`)));
  });
  return {
    child,
    url,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
