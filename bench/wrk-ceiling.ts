// Reports and status reads under wrk beside the ceiling: the plainest node:http server (reads the body, answers a fixed
// 202), measured in the same run on the same machine, so each figure is a ratio that survives the machine's load.
// Also the aggregator's idle resident size (its process, PGlite worker included). Needs wrk (apt-get install wrk).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_WRK_SECONDS ?? 10);

interface WrkRun {
  perSec: number;
  p99Ms: number;
  non2xx: number;
}

function wrk(url: string, connections: number, script?: string): WrkRun {
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

async function ceiling(): Promise<{ url: string; close: () => void }> {
  const child = spawn(process.execPath, ['-e', CEILING], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      const m = /listening (http:\/\/\S+)/.exec(c.toString());
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { url, close: () => child.kill() };
}

function rssMb(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agg-wrk-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'aggregator/cli.ts', '--port', '0', '--data', dataDir, '--trust-proxy', '127.0.0.1/32'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
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
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idleRssMb = rssMb(child.pid as number);
    const plain = await ceiling();
    const ceilingRun = wrk(`${plain.url}/v1/reports`, 128, 'wrk-reports.lua');
    plain.close();
    const reports = wrk(url, 128, 'wrk-reports.lua');
    const status = wrk(`${url}/v1/status`, 32);
    const ratio = (x: number) => Math.round((x / ceilingRun.perSec) * 100) / 100;
    console.log(
      JSON.stringify(
        {
          seconds,
          ceilingPerSec: ceilingRun.perSec,
          reports: { ...reports, ofCeiling: ratio(reports.perSec) },
          status: { ...status, ofCeiling: ratio(status.perSec) },
          idleRssMb,
          rssAfterMb: rssMb(child.pid as number),
        },
        null,
        2,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
