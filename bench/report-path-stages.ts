// Where the HTTP thread's budget goes on the report path, in one run beside the ceiling (plain node:http): the same
// wrk load against servers that stop after a step of the real path (bench/stage-server.ts), then the whole aggregator.
// Each stage's ratio to the ceiling bounds what any intake and storage behind it can reach (aggregator/README.md →
// Scale). `npm run bench -- --only aggregator-stages`; needs wrk.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuByThread, perReport } from './thread-cpu.ts';
import { aggregator, ceiling, started, wrk, type Running } from './wrk-ceiling.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const STAGES: { name: string; what: string; start: () => Promise<Running> }[] = [
  { name: 'ceiling', what: 'node:http: reads the body, answers a fixed 202', start: ceiling },
  { name: 'address', what: '+ the sender from X-Forwarded-For (the trusted-proxy walk)', start: () => stage('address') },
  {
    name: 'network',
    what: '+ its network id (keyed hash), provider and country',
    start: () => stage('network'),
  },
  {
    name: 'validated',
    what: '+ rate limit, body read, JSON parse, schema check, client pseudonym (keyed hash)',
    start: () => stage('validated'),
  },
  {
    name: 'lean',
    what: 'validated, on the lean report path (no node:http objects), as the aggregator serves reports',
    start: () => stage('lean'),
  },
  {
    name: 'aggregator',
    what: 'the whole path: dedup, claims, detection, PGlite write and WAL sync before the answer',
    start: () => aggregator(root),
  },
];

function stage(name: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/stage-server.ts', name], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return started(child, () => undefined);
}

export async function benchReportPathStages(opts: { seconds?: number } = {}) {
  const seconds = opts.seconds ?? Number(process.env.BENCH_WRK_SECONDS ?? 10);
  const rows: { name: string; what: string; perSec: number; p99Ms: number; httpCpuUs: number }[] = [];
  for (const s of STAGES) {
    const server = await s.start();
    try {
      wrk(`${server.url}/v1/reports`, 128, 3, 'wrk-reports.lua'); // warm-up
      const before = cpuByThread(server.pid);
      const run = wrk(`${server.url}/v1/reports`, 128, seconds, 'wrk-reports.lua');
      const cpu = perReport(server.pid, before, cpuByThread(server.pid), run.perSec * seconds);
      if (run.non2xx > 0) throw new Error(`${s.name}: ${run.non2xx} answers were not 2xx`);
      rows.push({ name: s.name, what: s.what, perSec: run.perSec, p99Ms: run.p99Ms, httpCpuUs: cpu.http });
    } finally {
      await server.stop();
    }
  }
  const ceilingPerSec = rows[0]?.perSec ?? 0;
  return {
    seconds,
    stages: rows.map((r) => ({ ...r, ofCeiling: Math.round((r.perSec / ceilingPerSec) * 100) / 100 })),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchReportPathStages(), null, 2));
}
