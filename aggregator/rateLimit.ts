// Per-address fixed-window limit on report submissions; the map is dropped every window so memory stays bounded.

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets, for Retry-After. */
  retryAfterSec: number;
}

/** Counts requests per address per minute. */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request from `address`. */
  take(address: string): RateDecision {
    const now = this.now();
    const start = now - (now % this.windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts = new Map();
    }
    const n = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, n);
    return { allowed: n <= this.perMinute, retryAfterSec: Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)) };
  }
}
