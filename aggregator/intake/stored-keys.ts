// Which idempotency keys storage may hold an answer for, on the node that is storage's only writer (PGlite): a Bloom
// filter per answers' lifetime, so a batch of fresh keys (nearly every batch) needs no lookup before its claims are
// decided. It never says "not stored" of a key that was stored; a false "maybe" only costs the lookup it would save.
import type { Store } from '../storage/store.ts';
import { HASH, hashStrings } from './string-hash.ts';

/** 2^24 bits (2 MB) a generation: 0.1 % false "maybe" at 600,000 keys a day, 1 % at 1.35 million. */
export const STORED_KEYS_BITS = 1 << 24;
const PROBES = 3;

export class StoredKeys {
  private current: Uint32Array;
  private previous: Uint32Array | null = null;
  private currentFrom: number;
  /** Until then every key is a "maybe": a restart read only part of the keys storage holds. */
  private unknownUntil = 0;
  private readonly mask: number;

  /**
   * @param ttlMs how long a stored answer is replayed: a key added at t is held until at least t + ttlMs
   * @param bits a power of two
   */
  constructor(
    private readonly ttlMs: number,
    now: number,
    private readonly bits = STORED_KEYS_BITS,
  ) {
    if (bits < 32 || (bits & (bits - 1)) !== 0) throw new Error('StoredKeys: bits must be a power of two ≥ 32');
    this.mask = bits - 1;
    this.current = new Uint32Array(bits >>> 5);
    this.currentFrom = now;
  }

  /** Remembers that storage may now hold an answer for `key` (called before the write, so a failed write is a "maybe"). */
  add(key: string, now: number): void {
    this.rotate(now);
    const bits = this.current;
    hashStrings(key);
    const step = (HASH[1] as number) | 1;
    let h = HASH[0] as number;
    for (let i = 0; i < PROBES; i += 1) {
      const at = h & this.mask;
      bits[at >>> 5] = (bits[at >>> 5] as number) | (1 << (at & 31));
      h = (h + step) | 0;
    }
  }

  /** False only when storage holds no answer for `key` written in the last `ttlMs`. */
  mightHold(key: string, now: number): boolean {
    this.rotate(now);
    if (now < this.unknownUntil) return true;
    hashStrings(key);
    const h = HASH[0] as number;
    const step = (HASH[1] as number) | 1;
    return this.has(this.current, h, step) || (this.previous !== null && this.has(this.previous, h, step));
  }

  /** A restart left some of the keys storage holds unread: every key is a "maybe" until they have expired. */
  markUnread(now: number): void {
    this.unknownUntil = now + this.ttlMs;
  }

  private has(bits: Uint32Array, first: number, step: number): boolean {
    let h = first;
    for (let i = 0; i < PROBES; i += 1) {
      const at = h & this.mask;
      if (((bits[at >>> 5] as number) & (1 << (at & 31))) === 0) return false;
      h = (h + step) | 0;
    }
    return true;
  }

  /** A generation takes keys for `ttlMs`, then is kept (read only) for `ttlMs` more: every key is held ≥ `ttlMs`. */
  private rotate(now: number): void {
    if (now - this.currentFrom < this.ttlMs) return;
    const stale = now - this.currentFrom >= 2 * this.ttlMs;
    this.previous = stale ? null : this.current;
    this.current = new Uint32Array(this.bits >>> 5);
    this.currentFrom = now;
  }
}

/**
 * At start: the keys storage answered since `since`, page by page into the filter. Past `max` keys (a restart in a
 * flood) the rest stay unread, and every key is a "maybe" until they have expired.
 */
export async function restoreStoredKeys(
  store: Pick<Store, 'answeredKeys'>,
  keys: StoredKeys,
  since: number,
  now: number,
  page = 50_000,
  max = 2_000_000,
): Promise<number> {
  let after: { at: number; key: string } | null = null;
  let read = 0;
  while (read < max) {
    const asked = Math.min(page, max - read);
    const rows: { key: string; at: number }[] = await store.answeredKeys(since, after, asked);
    for (const row of rows) keys.add(row.key, now);
    read += rows.length;
    if (rows.length < asked) return read;
    after = rows[rows.length - 1] ?? null;
  }
  // Exactly `max` read: whether more are left is unknown, so assume they are.
  keys.markUnread(now);
  return read;
}
