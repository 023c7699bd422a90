// Per-network sliding-window limit on report submissions: the previous minute's count, weighted by how much of it still
// overlaps the window, plus this minute's. Counts live in two fixed count-min sketches (this minute, the previous one),
// allocated once: memory is the same for ten networks or ten million, and no network ever goes unlimited because a map
// is full. A sketch can only over-count (a hash collision), never under-count; with 4 rows of 2^18 counters a benign
// network is wrongly limited only when ~30 others share every one of its 4 cells in one minute.

export interface RateDecision {
  allowed: boolean;
  /** Seconds until a request from this key would be allowed again, for Retry-After. */
  retryAfterSec: number;
}

const ROWS = 4;

/** 4 rows of `width` 16-bit counters (saturating). */
class CountMinSketch {
  readonly cells: Uint16Array;
  constructor(private readonly width: number) {
    // fill() touches every page now, so the resident size is fixed from the start.
    this.cells = new Uint16Array(ROWS * width).fill(0);
  }

  estimate(slots: Uint32Array): number {
    let min = 0xffff;
    for (let r = 0; r < ROWS; r += 1) min = Math.min(min, this.cells[r * this.width + (slots[r] as number)] as number);
    return min;
  }

  add(slots: Uint32Array): void {
    for (let r = 0; r < ROWS; r += 1) {
      const i = r * this.width + (slots[r] as number);
      if ((this.cells[i] as number) < 0xffff) this.cells[i] = (this.cells[i] as number) + 1;
    }
  }
}

/** Counts allowed requests per key (a network id) over a sliding window (a minute). */
export class RateLimiter {
  private windowStart = 0;
  private previous: CountMinSketch;
  private current: CountMinSketch;
  private readonly slots = new Uint32Array(ROWS);
  private readonly mask: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly windowMs = 60_000,
    /** Counters per row, a power of two (2^18: 2 MB for both windows). */
    width = 1 << 18,
  ) {
    if (width & (width - 1)) throw new Error('rate limiter width must be a power of two');
    this.mask = width - 1;
    this.previous = new CountMinSketch(width);
    this.current = new CountMinSketch(width);
  }

  /** Counts one request from `key` if it is allowed. */
  take(key: string): RateDecision {
    const now = this.now();
    const start = now - (now % this.windowMs);
    if (start !== this.windowStart) {
      // The two sketches swap roles and the stale one is cleared: nothing is allocated per minute.
      if (start - this.windowStart === this.windowMs) {
        const stale = this.previous;
        this.previous = this.current;
        this.current = stale;
      } else this.previous.cells.fill(0);
      this.current.cells.fill(0);
      this.windowStart = start;
    }
    this.hash(key);
    const overlap = 1 - (now - start) / this.windowMs;
    const prev = this.previous.estimate(this.slots);
    const cur = this.current.estimate(this.slots);
    if (prev * overlap + cur < this.perMinute) {
      this.current.add(this.slots);
      return { allowed: true, retryAfterSec: 0 };
    }
    // When enough of the previous minute has slid out, or else at the next minute (then the previous weighs less).
    const freeAt = prev > 0 && cur < this.perMinute ? start + this.windowMs * (1 - (this.perMinute - cur) / prev) : start + this.windowMs;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((Math.max(freeAt, now) - now) / 1000)) };
  }

  /** Four independent slots from two 32-bit FNV-1a hashes (double hashing: h1 + r·h2). */
  private hash(key: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ key.length;
    for (let i = 0; i < key.length; i += 1) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 = (h2 ^ (h2 >>> 15)) | 1;
    for (let r = 0; r < ROWS; r += 1) this.slots[r] = (h1 + Math.imul(r, h2)) & this.mask;
  }
}
