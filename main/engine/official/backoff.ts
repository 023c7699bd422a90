// Exponential backoff while a server is unreachable, reset by the first success.

export interface Backoff {
  /** Records a failed attempt. */
  fail(): void;
  /** Records a success: back to the normal interval. */
  succeed(): void;
  failures(): number;
  /** The delay to use instead of `defaultMs`: doubled per failure, capped. */
  delay(defaultMs: number): number;
}

/** Doubles the delay per consecutive failure, up to 2^maxDoublings times, never above capMs (unless defaultMs is larger). */
export function createBackoff(opts: { maxDoublings?: number; capMs?: number } = {}): Backoff {
  const maxDoublings = opts.maxDoublings ?? 5;
  const capMs = opts.capMs ?? 15 * 60_000;
  let failures = 0;
  return {
    fail: () => {
      failures += 1;
    },
    succeed: () => {
      failures = 0;
    },
    failures: () => failures,
    delay: (defaultMs) => {
      if (failures === 0) return defaultMs;
      const grown = defaultMs * 2 ** Math.min(failures, maxDoublings);
      return Math.max(defaultMs, Math.min(grown, capMs));
    },
  };
}
