// One aggregator per data folder, with real CLI processes: a second one exits 1 naming the folder and the holder's PID;
// after SIGKILL the folder is free at once.
import { spawn } from 'node:child_process';
import { realpathSync, rmSync } from 'node:fs';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderBusyError, lockDataFolder } from '../../aggregator/data-folder-lock.ts';
import { TEST_NODE_FLAGS, aggregatorCli, startCliOn, type CliProcess } from './cli-process.ts';

const running = new Set<CliProcess>();
const dirs: string[] = [];

/** A data folder holding an empty, migrated database (a template copy: no initdb per test). */
async function tempDir(): Promise<string> {
  const dir = realpathSync(await freshAggregatorDataDir('agg-lock-'));
  dirs.push(dir);
  return dir;
}

async function startOn(dataDir: string): Promise<CliProcess> {
  const cli = await startCliOn({ options: { dataDir } } as Parameters<typeof startCliOn>[0], ['--no-rate-limit']);
  running.add(cli);
  return cli;
}

/** Runs the CLI to its end; its exit code and everything it printed. */
function runToExit(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...TEST_NODE_FLAGS, ...aggregatorCli(), '--port', '0', '--data', dataDir], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

afterEach(async () => {
  for (const cli of running) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
    await cli.exited;
  }
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

// A fresh PGlite folder takes a few seconds of initdb per start; under a loaded machine, many.
describe('data folder lock', { timeout: 180_000 }, () => {
  it('refuses a second aggregator on the same folder, naming the folder and the PID that holds it', async () => {
    const dir = await tempDir();
    const first = await startOn(dir);
    const second = await runToExit(dir);
    expect(second.code).toBe(1);
    expect(second.output).toContain(dir);
    expect(second.output).toContain(`PID ${first.child.pid}`);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('lets a restart take the folder at once after the holder is SIGKILLed', async () => {
    const dir = await tempDir();
    const first = await startOn(dir);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await startOn(dir);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    expect(await second.stop(), `signal ${second.child.signalCode}`).toBe(0);
    const third = await startOn(dir); // a clean stop gives the folder back too
    expect(await third.stop(), `signal ${third.child.signalCode}`).toBe(0);
  });

  it('is held per open of the folder, so even the same process cannot take it twice', async () => {
    const dir = await tempDir();
    const lock = lockDataFolder(dir);
    expect(() => lockDataFolder(dir)).toThrow(DataFolderBusyError);
    expect(() => lockDataFolder(dir)).toThrow(`PID ${process.pid}`);
    lock.release();
    lockDataFolder(dir).release();
  });
});
