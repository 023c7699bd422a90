// A manual clock for tests: time moves only when the test says so, timers fire in due order.
import type { Clock, TimerHandle } from '../../main/engine/ports.ts';

interface PendingTimer {
  id: number;
  due: number;
  fn: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward by ms, firing every due timer in order (sync callbacks only). */
  advance(ms: number): void;
  /** Like advance, but lets promises settle after each timer fires, so async work started by timers completes. */
  advanceAsync(ms: number): Promise<void>;
  /** Lets pending promises settle without moving time. */
  flush(): Promise<void>;
  /** Number of timers waiting. */
  pending(): number;
  set(now: number): void;
}

/** Lets queued microtasks and immediate callbacks run (a few turns, enough for chained awaits). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Creates a manual clock starting at `start` epoch ms. */
export function createFakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): FakeClock {
  let now = start;
  let nextId = 1;
  let timers: PendingTimer[] = [];

  function nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of timers) if (t.due <= limit && (!best || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    return best;
  }

  function fireOne(limit: number): boolean {
    const t = nextDue(limit);
    if (!t) return false;
    timers = timers.filter((x) => x !== t);
    now = Math.max(now, t.due);
    t.fn();
    return true;
  }

  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const timer = { id: nextId++, due: now + Math.max(0, ms), fn };
      timers.push(timer);
      return { id: timer.id };
    },
    clearTimeout(handle: TimerHandle): void {
      const id = (handle as { id?: number }).id;
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms: number): void {
      const target = now + ms;
      for (let guard = 0; guard < 100_000 && fireOne(target); guard += 1);
      now = target;
    },
    async advanceAsync(ms: number): Promise<void> {
      const target = now + ms;
      await settle();
      for (let guard = 0; guard < 100_000 && fireOne(target); guard += 1) await settle();
      now = target;
      await settle();
    },
    flush: settle,
    pending: () => timers.length,
    set(value: number): void {
      now = value;
    },
  };
}
