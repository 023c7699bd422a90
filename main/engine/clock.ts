// The real clock: wall time and Node timers, behind the Clock seam so tests and the lab can replace it.
import type { Clock, TimerHandle } from './ports.ts';

/** Wall-clock time and plain Node timers (not unref'd: a started engine keeps its process alive until stop()). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return setTimeout(fn, Math.max(0, ms));
  },
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
