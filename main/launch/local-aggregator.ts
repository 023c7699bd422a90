// `npm start` on a fresh machine: the aggregator runs as a child process of its own (PGlite costs hundreds of MB;
// the app must not), on a free loopback port that only this run knows, and stops when the run ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGGREGATOR_NODE_FLAGS } from '../../aggregator/node-flags.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LocalAggregator {
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `aggregator/cli.ts` on 127.0.0.1 port 0 with storage in `dataDir`; resolves with the URL it printed. */
export function startLocalAggregator(
  dataDir: string,
  opts: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<LocalAggregator> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const child = spawn(
    process.execPath,
    [
      ...AGGREGATOR_NODE_FLAGS,
      '--import',
      'tsx',
      join(ROOT, 'aggregator', 'cli.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data',
      dataDir,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`the local aggregator did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('error', (error) => fail(error));
    child.once('exit', (code, signal) =>
      fail(new Error(`the local aggregator exited (${signal ?? `code ${code}`}): ${stderr.trim() || 'no message'}`)),
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out = (out + chunk).slice(-8_000);
      const line = /^listening (http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out);
      if (!line?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data').resume();
      opts.log?.(`started a local aggregator at ${line[1]} (pid ${child.pid}, data in ${dataDir}); only this computer reports to it`);
      resolvePromise({ url: line[1], pid: child.pid ?? -1, stop: (graceMs) => stopChild(child, graceMs) });
    });
  });
}

function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
