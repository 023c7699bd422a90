// Every scenario under lab/scenarios/ against the real engine in the lab world, three at a time (LAB_CONCURRENCY).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../lab/runner.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { summary } from '../../lab/summary.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lab', 'scenarios');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const scenarios = files.map((f) => loadScenario(join(dir, f)));

/** Runs at most `limit` tasks at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

// Runs are mostly idle waiting on timers; the aggregator start-up is the CPU-heavy part.
const CONCURRENT = Number(process.env.LAB_CONCURRENCY) || 3;
const slot = limiter(CONCURRENT);
// Longest scenarios first, so the batches finish together.
const order = new Map([...scenarios].sort((a, b) => b.durationMs - a.durationMs).map((s, i) => [s.name, i]));
const totalMs = scenarios.reduce((sum, s) => sum + s.durationMs + 5_000, 0);

describe.concurrent('lab scenarios', () => {
  for (const scenario of [...scenarios].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0))) {
    it(
      scenario.name,
      async () => {
        const result = await slot(() => runScenario(scenario));
        const failed = result.results.filter((r) => !r.passed).map((r) => `${r.expectation}: ${r.reason}`);
        expect(failed, summary(result)).toEqual([]);
        // The run ends at durationMs (t is measured from the start), and says so in its end line.
        const end = result.events.at(-1);
        expect(end).toMatchObject({ event: 'end', expectations: { passed: result.results.length, failed: 0 } });
        expect(end?.t).toBeGreaterThanOrEqual(scenario.durationMs);
      },
      // Waiting for a slot counts against the timeout: allow the whole queue.
      totalMs,
    );
  }
});
