// The real engine at default intervals against a healthy loopback world, for a while: memory and CPU (targets < 60 MB, < 0.5 %).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { StatusResponse } from '../contracts/aggregator-api.ts';
import type { ProbeTargets } from '../main/engine/ports.ts';
import { startAppleWorld } from '../lab/net/apple-world.ts';
import { AppleFeed } from '../lab/world/apple-feed.ts';

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
// Apple's consumer feed with nothing happening, as the lab writes it (the bench reads nothing from tests/).
const FEED = new AppleFeed().consumer();

/** A tiny loopback stand-in for Apple's feed and the aggregator's status (no stream: the engine falls back to polling). */
async function startFeeds(): Promise<{ url: string; close: () => Promise<void> }> {
  const status: StatusResponse = {
    services: {
      imessage: { status: 'operational', since: new Date().toISOString(), reportsLastHour: 1, baselinePerHour: 2, topProblems: [] },
      facetime: { status: 'operational', since: new Date().toISOString(), reportsLastHour: 0, baselinePerHour: 1, topProblems: [] },
    },
    updatedAt: new Date().toISOString(),
  };
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/feed')) res.writeHead(200, { 'content-type': 'application/json' }).end(FEED);
    else if (req.url === '/v1/status')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...status, updatedAt: new Date().toISOString() }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('feed server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

// The child: only the engine, bundled, so its figures are the engine's own.
const CHILD_SOURCE = `
import { createDefaultEngine } from '../main/launch/create-engine.ts';
import { CONNECTED_STATE, fixedNetworkState } from '../main/engine/probes/network-state.ts';
const config = JSON.parse(process.argv[2]);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const engine = createDefaultEngine({
  dataDir: config.dataDir,
  targets: config.targets,
  network: fixedNetworkState(CONNECTED_STATE),
  officialUrls: config.officialUrls,
  aggregatorUrl: config.aggregatorUrl,
});
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5000);
engine.start();
// Let the first round and polls settle before measuring steady state.
await new Promise((r) => setTimeout(r, 2000));
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
await new Promise((r) => setTimeout(r, config.durationMs));
const cpu = process.cpuUsage(cpuStart);
const wallMs = performance.now() - wallStart;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sampler);
const snapshot = engine.snapshot();
await engine.stop();
const result = {
  rssMb: mb(peakRss),
  cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100 * 1000) / 1000,
  rounds: snapshot.round,
  heapUsedMb: mb(process.memoryUsage().heapUsed),
  state: snapshot.services.imessage.state,
  reason: snapshot.services.imessage.reason,
};
process.stdout.write(JSON.stringify(result) + '\\n', () => process.exit(0));
`;

interface SoakConfig {
  durationMs: number;
  dataDir: string;
  targets: ProbeTargets;
  officialUrls: { consumerUrl: string; developerUrl: string };
  aggregatorUrl: string;
}

export interface EngineSoakResult {
  /** Peak RSS of the engine's own process (plain node, bundled like the app ships), MB. */
  rssMb: number;
  /** CPU time of that process over the measured window, as a share of one core, %. */
  cpuPercentOfOneCore: number;
  rounds: number;
  /** RSS of an idle plain node process on this machine, for scale, MB. */
  bareNodeRssMb: number;
  heapUsedMb: number;
}

/** Runs `node` on a JS file with arguments; resolves with its stdout. */
function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1_000_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/**
 * Runs the real engine at default intervals for `durationMs` against a healthy loopback world, in its own plain-node
 * process (bundled with esbuild, as the app ships), so the figures are the engine's, not the test world's or tsx's.
 */
export async function benchEngineSoak(durationMs = 300_000): Promise<EngineSoakResult> {
  const world = await startAppleWorld();
  const feeds = await startFeeds();
  const dir = mkdtempSync(join(tmpdir(), 'engine-soak-'));
  try {
    const bundle = join(dir, 'engine-soak.mjs');
    await build({
      stdin: { contents: CHILD_SOURCE, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const config: SoakConfig = {
      durationMs,
      dataDir: join(dir, 'data'),
      targets: world.targets,
      officialUrls: { consumerUrl: `${feeds.url}/feed/consumer`, developerUrl: `${feeds.url}/feed/developer` },
      aggregatorUrl: feeds.url,
    };
    const bare = JSON.parse(await runNode(['-e', 'process.stdout.write(JSON.stringify(process.memoryUsage().rss))'])) as number;
    const out = await runNode([bundle, JSON.stringify(config)]);
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Omit<EngineSoakResult, 'bareNodeRssMb'> & {
      state: string;
      reason: string;
    };
    if (result.state !== 'operational') throw new Error(`the healthy world was judged ${result.state}: ${result.reason}`);
    return {
      rssMb: result.rssMb,
      cpuPercentOfOneCore: result.cpuPercentOfOneCore,
      rounds: result.rounds,
      bareNodeRssMb: mb(bare),
      heapUsedMb: result.heapUsedMb,
    };
  } finally {
    await feeds.close();
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchEngineSoak(Number(process.argv[2] ?? 300_000))));
}
