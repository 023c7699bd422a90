// Aggregator throughput on loopback: POST /v1/reports (distinct clients on distinct networks) and GET /v1/status, with
// autocannon. The aggregator runs as its own process (the CLI, default rate limit on), the load generator in this one.
// autocannon can't bind source addresses, so it plays a trusted proxy: the CLI trusts 127.0.0.1 and every request names
// a random client in its own /24 by X-Forwarded-For (the full per-network path: header walk, HMAC, claims, caps).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGGREGATOR_NODE_FLAGS } from '../aggregator/node-flags.ts';
import { freshSchema, postgresForTests } from '../scripts/postgres.ts';

interface CannonResult {
  duration: number;
  latency: { p99: number; average: number };
  requests: { average: number; total: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;
const REPORT_CONNECTIONS = 128;
const STATUS_CONNECTIONS = 32;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface AggregatorBenchResult {
  backend: 'pglite' | 'postgres';
  reportsPerSec: number;
  reportsP99Ms: number;
  statusPerSec: number;
  statusP99Ms: number;
  /** Extra detail: connections, duration, answers by status code. */
  detail: Record<string, unknown>;
}

/** A random public-looking IPv4 address: one of ~14 million /24 networks, so networks rarely repeat in a run. */
function randomClient(): string {
  const r = Math.floor(Math.random() * 0xdf_ff_ff);
  return `${1 + (r >>> 16)}.${(r >>> 8) & 0xff}.${r & 0xff}.${1 + Math.floor(Math.random() * 254)}`;
}

/** Starts the CLI on a free port; resolves its URL and a stop function. */
async function startCli(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...AGGREGATOR_NODE_FLAGS, '--import', 'tsx', 'aggregator/cli.ts', '--port', '0', '--data', dataDir, '--trust-proxy', '127.0.0.1/32'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`aggregator exited with ${code}: ${out}`)));
  });
  child.stdout.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs both measurements against one backend. */
export async function benchAggregator(opts: { backend: 'pglite' | 'postgres' } = { backend: 'pglite' }): Promise<AggregatorBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agg-bench-'));
  let dropSchema: () => Promise<void> = async () => undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  if (opts.backend === 'postgres') {
    const pg = await postgresForTests();
    if (!pg.url) throw new Error(`no PostgreSQL: ${pg.skipReason}`);
    const schema = await freshSchema(pg.url, 'bench');
    env.DATABASE_URL = schema.url;
    dropSchema = schema.drop;
  }
  const server = await startCli(env, dataDir);
  try {
    const durationSec = Number(process.env.BENCH_AGG_SECONDS ?? 10);
    const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
    const services = ['imessage', 'facetime'];
    const reportRun = (duration: number) =>
      autocannon({
        url: server.url,
        connections: REPORT_CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/v1/reports',
            headers: { 'content-type': 'application/json' },
            // A fresh client per request; the request object is autocannon's own per-request copy, so it is filled in
            // place (copying its ~40 options per request made the load generator take CPU the server needs).
            setupRequest: (req: Record<string, unknown>) => {
              req.body = `{"service":"${services[Math.random() < 0.7 ? 0 : 1]}","kind":"problem","problem":"not-delivered","clientId":"${randomUUID()}"}`;
              req.headers = { 'content-type': 'application/json', 'x-forwarded-for': randomClient() };
              return req;
            },
          },
        ],
      });
    // Warm-up (JIT, WebAssembly tier-up, first pages of the tables) is not measured.
    await reportRun(2);
    const reports = await reportRun(durationSec);
    const status = await autocannon({ url: `${server.url}/v1/status`, connections: STATUS_CONNECTIONS, duration: durationSec });
    const accepted = reports.statusCodeStats['202']?.count ?? 0;
    return {
      backend: opts.backend,
      reportsPerSec: Math.round(Number(accepted) / reports.duration),
      reportsP99Ms: reports.latency.p99,
      statusPerSec: Math.round(Number(status.statusCodeStats['200']?.count ?? 0) / status.duration),
      statusP99Ms: status.latency.p99,
      detail: {
        durationSec,
        // Other jobs on the machine change these figures more than anything here: say how busy it was.
        loadAverageAtStart: loadAtStart,
        clients: 'fresh clientId per report, each from a random /24 named by X-Forwarded-For through a trusted proxy (127.0.0.1)',
        rateLimit: 'default: 30 reports a minute per network',
        reportConnections: REPORT_CONNECTIONS,
        statusConnections: STATUS_CONNECTIONS,
        reportCodes: reports.statusCodeStats,
        statusCodes: status.statusCodeStats,
        reportLatencyAvgMs: reports.latency.average,
        statusLatencyAvgMs: status.latency.average,
        errors: reports.errors + status.errors,
      },
    };
  } finally {
    await server.stop();
    await dropSchema();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = (process.argv[2] ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
  for (const backend of which) console.log(JSON.stringify(await benchAggregator({ backend }), null, 2));
}
