// Reports and status reads under wrk beside the ceiling: the plainest node:http server (reads the body, answers a fixed
// 202), measured in the same run on the same machine, so each figure is a ratio that survives the machine's load.
// Optionally the same for older checkouts (`BENCH_PREVIOUS_ROOT=/tmp/agg-old[,/tmp/other]`, git worktrees with node_modules).
// Also the aggregator's idle resident size and its CPU per report per thread. Needs wrk (apt-get install wrk).
// `npm run bench -- --only aggregator` runs it; `npx tsx bench/wrk-ceiling.ts` alone.
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuByThread, perReport, rssMb } from './thread-cpu.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface WrkRun {
  perSec: number;
  p99Ms: number;
  non2xx: number;
}

export function wrk(url: string, connections: number, seconds: number, script?: string): WrkRun {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', join(root, 'bench', script)] : []), url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const json = /\{"requests".*\}/.exec(out);
  if (json) {
    const r = JSON.parse(json[0]) as { requests: number; durationUs: number; non2xx: number; p99Us: number };
    return { perSec: Math.round((r.requests - r.non2xx) / (r.durationUs / 1e6)), p99Ms: r.p99Us / 1000, non2xx: r.non2xx };
  }
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
  return { perSec: Math.round(rps), p99Ms, non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) };
}

/** The ceiling: node:http with nothing behind it, in its own process (wrk runs synchronously in this one). */
const CEILING = `const body = '{"id":"00000000-0000-4000-8000-000000000000","accepted":true}';
const server = require('node:http').createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => res.writeHead(202, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length }).end(body));
});
server.listen(0, '127.0.0.1', () => console.log('listening http://127.0.0.1:' + server.address().port));`;

export interface Running {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function started(child: ChildProcess, cleanup: () => void): Promise<Running> {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  child.stdout?.resume();
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    cleanup();
  };
  return { url, pid: child.pid as number, stop };
}

export function ceiling(): Promise<Running> {
  return started(spawn(process.execPath, ['-e', CEILING], { stdio: ['ignore', 'pipe', 'inherit'] }), () => undefined);
}

/** The options a checkout's `npm run aggregator` gives node (package.json), so each checkout runs as it ships. */
export function nodeFlagsOf(checkout: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts;
  const words = (scripts?.['aggregator'] ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  return words
    .slice(1, words.indexOf('aggregator/cli.ts'))
    .filter((w, i, all) => w !== 'tsx' && !(w === '--import' && all[i + 1] === 'tsx'));
}

/** The aggregator CLI of a checkout, PGlite in a fresh folder, trusting 127.0.0.1 as a proxy (wrk names each client). */
export function aggregator(checkout: string, extraArgs: string[] = []): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agg-wrk-'));
  const child = spawn(
    process.execPath,
    [
      ...nodeFlagsOf(checkout),
      '--import',
      'tsx',
      'aggregator/cli.ts',
      '--port',
      '0',
      '--data',
      dataDir,
      '--trust-proxy',
      '127.0.0.1/32',
      ...extraArgs,
    ],
    { cwd: checkout, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return started(child, () => rmSync(dataDir, { recursive: true, force: true }));
}

const ratio = (x: number, of: number) => Math.round((x / of) * 100) / 100;

/** Reports (with CPU per report per thread), then status reads, against one checkout. */
async function measure(checkout: string, seconds: number) {
  const server = await aggregator(checkout);
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idleRssMb = rssMb(server.pid);
    wrk(server.url, 128, 3, 'wrk-reports.lua'); // warm-up: JIT, WebAssembly tier-up, first pages
    const before = cpuByThread(server.pid);
    const reports = wrk(server.url, 128, seconds, 'wrk-reports.lua');
    const cpu = perReport(server.pid, before, cpuByThread(server.pid), reports.perSec * seconds);
    const status = wrk(`${server.url}/v1/status`, 32, seconds);
    return { idleRssMb, rssAfterMb: rssMb(server.pid), reports, status, cpuUsPerReport: cpu };
  } finally {
    await server.stop();
  }
}

export interface WrkCeilingResult {
  seconds: number;
  loadAverage: number[];
  /** The plain node:http server, measured before and after the aggregators; ratios use their mean. */
  ceilingPerSec: { before: number; after: number; mean: number };
  current: Record<string, unknown>;
  previous?: Record<string, unknown>;
  /** Further checkouts (BENCH_PREVIOUS_ROOT=a,b: the first is `previous`). */
  earlier?: Record<string, unknown>[];
}

/** The whole run: ceiling, this checkout, the previous one (if any), ceiling again. */
export async function benchWrkCeiling(opts: { seconds?: number; previousRoot?: string } = {}): Promise<WrkCeilingResult> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_WRK_SECONDS ?? 10);
  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  const ceilingRun = async () => {
    const plain = await ceiling();
    try {
      return wrk(`${plain.url}/v1/reports`, 128, seconds, 'wrk-reports.lua').perSec;
    } finally {
      await plain.stop();
    }
  };
  const before = await ceilingRun();
  const current = await measure(root, seconds);
  const roots = (opts.previousRoot ?? '').split(',').filter(Boolean);
  const olds: { root: string; m: Awaited<ReturnType<typeof measure>> }[] = [];
  for (const r of roots) olds.push({ root: r, m: await measure(r, seconds) });
  const after = await ceilingRun();
  const mean = Math.round((before + after) / 2);
  const beside = (m: Awaited<ReturnType<typeof measure>>) => ({
    reports: { ...m.reports, ofCeiling: ratio(m.reports.perSec, mean) },
    status: { ...m.status, ofCeiling: ratio(m.status.perSec, mean) },
    cpuUsPerReport: m.cpuUsPerReport,
    idleRssMb: m.idleRssMb,
    rssAfterMb: m.rssAfterMb,
  });
  return {
    seconds,
    loadAverage: loadAtStart,
    ceilingPerSec: { before, after, mean },
    current: beside(current),
    ...(olds[0] ? { previous: { root: olds[0].root, ...beside(olds[0].m) } } : {}),
    ...(olds.length > 1 ? { earlier: olds.slice(1).map((o) => ({ root: o.root, ...beside(o.m) })) } : {}),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchWrkCeiling({ previousRoot: process.env.BENCH_PREVIOUS_ROOT }), null, 2));
}
