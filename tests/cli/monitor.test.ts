import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contracts/status.ts';
import { parseMonitorArgs } from '../../main/cli/args.ts';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'main/cli/monitor.ts');

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A loopback port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('monitor CLI arguments', () => {
  it('parses the options', () => {
    expect(parseMonitorArgs(['--once', '--json', '--interval', '5000', '--aggregator', 'http://127.0.0.1:9/'])).toMatchObject({
      once: true,
      json: true,
      intervalMs: 5000,
      aggregatorUrl: 'http://127.0.0.1:9',
    });
  });
  it.each([
    [['--bogus']],
    [['--interval']],
    [['--interval', 'fast']],
    [['--interval', '10']],
    [['--aggregator', 'ftp://x']],
    [['--aggregator', 'nope']],
  ])('rejects %j', (argv) => {
    expect(() => parseMonitorArgs(argv)).toThrow(/--/);
  });
});

describe('monitor CLI process', () => {
  let dir: string;
  let targetsFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'monitor-cli-'));
    const p = await closedPort();
    targetsFile = join(dir, 'targets.json');
    writeFileSync(
      targetsFile,
      JSON.stringify({
        dnsHosts: ['courier.test'],
        dnsServers: [`127.0.0.1:${p}`],
        apns: { host: '127.0.0.1', port5223: p, port443: p },
        idsUrl: `https://127.0.0.1:${p}/bag`,
        facetimeUrl: `https://127.0.0.1:${p}/ft`,
        captiveUrl: `http://127.0.0.1:${p}/hotspot-detect.html`,
        referenceUrls: [`http://127.0.0.1:${p}/generate_204`],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help exits 0 with usage', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--once');
  });

  it('bad arguments exit 2 with a message', async () => {
    const r = await runCli(['--interval', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--interval must be');
  });

  it('a bad targets file exits 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"apns": 1, "nonsense": true}');
    const r = await runCli(['--once', '--targets', bad, '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key nonsense');
  });

  it('--once --json with nothing reachable: honest about the network, never claims Apple is down', async () => {
    const agg = await closedPort();
    const r = await runCli([
      '--once',
      '--json',
      '--interval',
      '2000',
      '--targets',
      targetsFile,
      '--data',
      dir,
      '--aggregator',
      `http://127.0.0.1:${agg}`,
    ]);
    expect(r.stderr).not.toContain('monitor failed');
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.stdout) as Snapshot;
    expect(snapshot.round).toBe(1);
    expect(['offline', 'limited', 'dns']).toContain(snapshot.local.verdict);
    expect(snapshot.services.imessage.state).not.toBe('outage');
    expect(snapshot.services.facetime.state).not.toBe('outage');
    expect(snapshot.overall.level).not.toBe('outage');
    expect(snapshot.probes.map((p) => p.id).sort()).toEqual(['apns443', 'apns5223', 'captive', 'dns', 'facetime', 'ids', 'internet']);
    expect(snapshot.probes.every((p) => !p.ok)).toBe(true);
  });
});
