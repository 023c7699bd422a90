// The offline report queue empties by itself: as soon as the aggregator answers again (a good poll or a stream
// event), when a 429's Retry-After has passed, and otherwise on a doubling backoff while it stays unreachable.
// Sending goes through the report sender's flush, which never sends one report twice at once; idempotency keys make a
// resend after a lost answer harmless.
import type { CommunitySnapshot } from '../../../contracts/status.ts';
import type { Clock, TimerHandle } from '../ports.ts';

export interface QueueDrainParts {
  flush: () => Promise<number>;
  pending: () => number;
  /** The earliest time a queued report may be sent (its Retry-After), or null when the queue is empty. */
  nextDueAt: () => number | null;
  clock: Clock;
  /** Called after every attempt (the queue may have changed). */
  onSettled: () => void;
  /** First and longest wait between attempts while the aggregator does not answer. Default 5 s and 5 min. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export class QueueDrain {
  private timer: TimerHandle | null = null;
  private running = false;
  private runAgain = false;
  private stopped = false;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private backoffMs: number;

  constructor(private readonly parts: QueueDrainParts) {
    this.minDelayMs = parts.minDelayMs ?? 5_000;
    this.maxDelayMs = Math.max(this.minDelayMs, parts.maxDelayMs ?? 5 * 60_000);
    this.backoffMs = this.minDelayMs;
  }

  /** The aggregator answered: send what waits now, and start the backoff over. */
  aggregatorAnswered(): void {
    if (this.stopped || this.parts.pending() === 0) return;
    this.backoffMs = this.minDelayMs;
    this.runNow();
  }

  /** A report stayed in the queue: try again later, unless an attempt is already planned. */
  queued(): void {
    if (this.stopped || this.running || this.timer) return;
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private runNow(): void {
    this.clearTimer();
    if (this.running) {
      this.runAgain = true; // an answer came in mid-attempt: one more pass right after it
      return;
    }
    this.running = true;
    void this.parts
      .flush()
      .catch(() => 0)
      .then(() => {
        this.running = false;
        this.parts.onSettled();
        if (this.stopped) return;
        if (this.runAgain) {
          this.runAgain = false;
          this.runNow();
        } else this.scheduleNext();
      });
  }

  private scheduleNext(): void {
    if (this.parts.pending() === 0) {
      this.backoffMs = this.minDelayMs;
      return;
    }
    const now = this.parts.clock.now();
    const due = this.parts.nextDueAt() ?? now;
    let delay: number;
    if (due > now)
      delay = due - now; // rate-limited: exactly when the aggregator said
    else {
      delay = this.backoffMs; // still unreachable: wait longer each time
      this.backoffMs = Math.min(this.backoffMs * 2, this.maxDelayMs);
    }
    this.timer = this.parts.clock.setTimeout(() => {
      this.timer = null;
      this.runNow();
    }, delay);
    // A waiting retry never keeps a CLI process alive by itself.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private clearTimer(): void {
    if (this.timer) this.parts.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The aggregator answered with this snapshot (a good poll or a stream event): the moment to send what waits. */
export function isFreshAnswer(snapshot: CommunitySnapshot): boolean {
  return snapshot.fetchedAt !== null && snapshot.error === null && !snapshot.stale;
}
