// Repeating tasks on the injected Clock: the probe round, Apple's feed and the community poll each run on one.
import type { Clock, TimerHandle } from './ports.ts';

interface Task {
  delay: () => number;
  run: () => Promise<void>;
  enabled: () => boolean;
}

// Used when a task's delay cannot be computed: never spin, never stop.
const FALLBACK_DELAY_MS = 60_000;

/** Repeating tasks on a Clock: the next run is timed from the end of the last, so runs never overlap and never throw out. */
export class RepeatingTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly inFlight = new Set<Promise<void>>();
  running = false;
  paused = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (task: string, error: unknown) => void,
  ) {}

  /** Registers a task; `enabled` is asked before every scheduling. */
  define(name: string, delay: () => number, run: () => Promise<void>, enabled: () => boolean = () => true): void {
    this.tasks.set(name, { delay, run, enabled });
  }

  /** Runs every enabled task at once, then on its interval. */
  start(): void {
    this.running = true;
    this.paused = false;
    for (const name of this.tasks.keys()) this.restart(name, 0);
  }

  /** Clears every timer and waits for running tasks to settle. */
  async stop(): Promise<void> {
    this.running = false;
    for (const name of [...this.timers.keys()]) this.clear(name);
    await Promise.all([...this.inFlight]);
  }

  pause(): void {
    this.paused = true;
    for (const name of [...this.timers.keys()]) this.clear(name);
  }

  /** Ends a pause: every enabled task runs at once. */
  resume(): void {
    this.paused = false;
    if (this.running) for (const name of this.tasks.keys()) this.restart(name, 0);
  }

  /** Re-times one task: after `ms`, or after its own delay from now. */
  restart(name: string, ms?: number): void {
    this.clear(name);
    const task = this.tasks.get(name);
    if (!task || !this.running || this.paused || !this.safe(() => task.enabled(), false)) return;
    const delay = ms ?? this.safe(task.delay, FALLBACK_DELAY_MS);
    this.timers.set(
      name,
      this.clock.setTimeout(() => void this.fire(name), delay),
    );
  }

  private clear(name: string): void {
    const handle = this.timers.get(name);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(name);
  }

  private async fire(name: string): Promise<void> {
    this.timers.delete(name);
    const task = this.tasks.get(name);
    if (!task || !this.running || this.paused) return;
    const run = Promise.resolve()
      .then(task.run)
      .catch((error: unknown) => this.onError(name, error));
    this.inFlight.add(run);
    await run;
    this.inFlight.delete(run);
    // Re-timed meanwhile (settings change, check now): that timer stands.
    if (!this.timers.has(name)) this.restart(name);
  }

  private safe<T>(fn: () => T, fallback: T): T {
    try {
      const value = fn();
      return typeof value === 'number' && !Number.isFinite(value) ? fallback : value;
    } catch (error) {
      this.onError('schedule', error);
      return fallback;
    }
  }
}
