// How long this process could not run while a probe round was waiting on the network.
// A timer set for a probe's timeout fires in the event loop's timers phase, before the poll phase reads the answers
// that arrived meanwhile; so after a stall (a busy main thread, a starved CPU, a paused VM) a probe can "time out"
// on an answer that was already there. Rounds measured this way can be set aside instead of blamed on Apple.

export interface LoopWatch {
  /** Stops watching; the summed lateness of the watch's ticks, in ms. */
  stop(): number;
}

/** Ticks every `resolutionMs` and adds up how late each tick ran. Unref'd: it never keeps the process alive. */
export function watchLoop(resolutionMs = 20, now: () => number = () => performance.now()): LoopWatch {
  let expected = now() + resolutionMs;
  let late = 0;
  const tick = () => {
    const t = now();
    late += Math.max(0, t - expected);
    expected = t + resolutionMs;
  };
  const timer = setInterval(tick, resolutionMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick(); // the stretch since the last tick counts too: a stall at the end is the one that decides a timeout
      return Math.round(late);
    },
  };
}
