// Per-network sliding-window limit on report submissions (the previous minute's count, weighted by how much of it still
// overlaps the window, plus this minute's). Two maps, swapped every minute, so memory stays bounded.

export interface RateDecision {
  allowed: boolean;
  /** Seconds until a request from this key would be allowed again, for Retry-After. */
  retryAfterSec: number;
}

/** Keys tracked per minute; past this, new keys go unlimited until the next minute (memory stays bounded). */
const MAX_KEYS = 200_000;

/** Counts allowed requests per key (a network id) over a sliding minute. */
export class RateLimiter {
  private windowStart = 0;
  private previous = new Map<string, number>();
  private current = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request from `key` if it is allowed. */
  take(key: string): RateDecision {
    const now = this.now();
    const start = now - (now % this.windowMs);
    if (start !== this.windowStart) {
      this.previous = start - this.windowStart === this.windowMs ? this.current : new Map();
      this.current = new Map();
      this.windowStart = start;
    }
    const overlap = 1 - (now - start) / this.windowMs;
    const prev = this.previous.get(key) ?? 0;
    const cur = this.current.get(key) ?? 0;
    if (prev * overlap + cur < this.perMinute) {
      if (cur > 0 || this.current.size < MAX_KEYS) this.current.set(key, cur + 1);
      return { allowed: true, retryAfterSec: 0 };
    }
    // When enough of the previous minute has slid out, or else at the next minute (then the previous weighs less).
    const freeAt = prev > 0 && cur < this.perMinute ? start + this.windowMs * (1 - (this.perMinute - cur) / prev) : start + this.windowMs;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((Math.max(freeAt, now) - now) / 1000)) };
  }
}
