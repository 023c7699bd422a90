// The aggregator's memory under a flood of keyed reports from distinct networks: its resident size after the first
// 100,000 and after 600,000 (issue 22 asks < 32 MB of growth between them), in 5-second rounds, so each figure is taken
// at the first round's end past its mark. The CLI trusts 127.0.0.1 as a proxy and every report names its own random
// /24, with a fresh clientId and idempotency key (bench/wrk-reports.lua with KEYED=1).
// `npm run bench -- --only intake-memory`; `npx tsx bench/intake-memory.ts` alone. Needs wrk.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssMb } from './thread-cpu.ts';
import { aggregator } from './wrk-ceiling.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Sends keyed reports in 5-second wrk rounds (one thread, 128 connections) until `count` were answered. */
function flood(url: string, count: number, seed: number): { sent: number; non2xx: number } {
  let sent = 0;
  let non2xx = 0;
  for (let round = 0; sent < count; round += 1) {
    const out = execFileSync('wrk', ['-t1', '-c128', '-d5s', '-s', join(root, 'bench', 'wrk-reports.lua'), url], {
      encoding: 'utf8',
      env: { ...process.env, KEYED: '1', SEED: String(seed * 1000 + round) },
    });
    const m = /\{"requests":(\d+),"durationUs":\d+,"non2xx":(\d+)/.exec(out);
    if (!m) throw new Error(`wrk said: ${out}`);
    sent += Number(m[1]);
    non2xx += Number(m[2]);
  }
  return { sent, non2xx };
}

export interface IntakeMemoryResult {
  /** Reports answered when the first figure was taken (≥ 100,000), and in all (≥ 600,000). */
  reportsAtFirst: number;
  reportsInAll: number;
  rssAt100kMb: number;
  rssAt600kMb: number;
  growthMb: number;
  targetMb: number;
  non2xx: number;
}

export async function benchIntakeMemory(): Promise<IntakeMemoryResult> {
  const server = await aggregator(root, ['--no-rate-limit']);
  try {
    const first = flood(server.url, 100_000, 1);
    const rssAt100kMb = rssMb(server.pid);
    const rest = flood(server.url, 600_000 - first.sent, 2);
    const rssAt600kMb = rssMb(server.pid);
    return {
      reportsAtFirst: first.sent,
      reportsInAll: first.sent + rest.sent,
      rssAt100kMb,
      rssAt600kMb,
      growthMb: Math.round((rssAt600kMb - rssAt100kMb) * 10) / 10,
      targetMb: 32,
      non2xx: first.non2xx + rest.non2xx,
    };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchIntakeMemory(), null, 2));
}
