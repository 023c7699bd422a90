// One probe round with every endpoint healthy on loopback, repeated: median and p95 wall time (target < 200 ms).
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { CONNECTED_STATE, fixedNetworkState } from '../main/engine/probes/network-state.ts';
import { createProbeRunner } from '../main/engine/probes/round.ts';
import { DEFAULT_TIMINGS } from '../main/engine/probes/targets.ts';
import { startAppleWorld } from '../lab/net/apple-world.ts';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Runs `rounds` probe rounds (after two warm-up rounds) against the fake Apple world. */
export async function benchProbeRound(rounds = 50): Promise<{ medianMs: number; p95Ms: number; rounds: number }> {
  const world = await startAppleWorld();
  try {
    const run = createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE) });
    const times: number[] = [];
    for (let i = 0; i < rounds + 2; i++) {
      const start = performance.now();
      const round = await run(world.targets, DEFAULT_TIMINGS);
      const ms = performance.now() - start;
      const failed = round.results.filter((r) => !r.ok);
      if (failed.length > 0) throw new Error(`unhealthy round: ${failed.map((r) => `${r.id} ${r.outcome}`).join(', ')}`);
      if (i >= 2) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const round1 = (n: number): number => Math.round(n * 10) / 10;
    return { medianMs: round1(percentile(times, 50)), p95Ms: round1(percentile(times, 95)), rounds: times.length };
  } finally {
    await world.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchProbeRound();
  console.log(
    `probe round on loopback: median ${result.medianMs} ms, p95 ${result.p95Ms} ms over ${result.rounds} rounds (target < 200 ms)`,
  );
}
