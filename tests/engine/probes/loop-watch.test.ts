// The loop watch adds up how late this process ran its timers: a stall shows, including one at the very end.
import { describe, expect, it } from 'vitest';
import { watchLoop } from '../../../main/engine/probes/loop-watch.ts';

function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('loop watch', () => {
  it('counts a stall between ticks', async () => {
    const watch = watchLoop(20);
    await new Promise((r) => setTimeout(r, 50));
    stall(400);
    await new Promise((r) => setTimeout(r, 50));
    expect(watch.stop()).toBeGreaterThanOrEqual(350);
  });

  it('counts a stall right before it is stopped', () => {
    const watch = watchLoop(20);
    stall(300);
    expect(watch.stop()).toBeGreaterThanOrEqual(250);
  });

  it('counts lateness on the injected clock, never time spent on schedule', async () => {
    let t = 0;
    const watch = watchLoop(10, () => t);
    t = 10; // exactly on time at stop: no lateness
    expect(watch.stop()).toBe(0);
    const late = watchLoop(10, () => t);
    t += 110; // 100 ms later than the first tick was due
    expect(late.stop()).toBe(100);
  });
});
