// Network claims in typed arrays: 32 bytes a slot and no object per claim, so a flood from distinct networks gives the
// GC nothing to move. Open addressing with linear probing; slots are never deleted one by one: a sweep re-places the
// live ones (dropping the rest) into a table of the right size, never above the bound.

/** The words of a slot: key (two halves of the 64-bit network id, service + 1; 0 = empty) and the claim's counts. */
const KEY_WORDS = 3;
const COUNT_WORDS = 3;
/** Sweep (and maybe grow) when this share of the slots is taken: linear probing stays short below it. */
const MAX_LOAD = 0.75;

/** A claim's fields by slot: counts of the window's problem / working reports, the hour (index + 1) a problem opened. */
export const PROBLEMS = 0;
export const WORKING = 1;
export const HOUR = 2;
/** A count field (PROBLEMS, WORKING, HOUR); `since` takes PROBLEMS or WORKING: when that kind's claim started (epoch ms). */
export type Field = typeof PROBLEMS | typeof WORKING | typeof HOUR;

export class ClaimTable {
  private keys: Uint32Array;
  private counts: Uint32Array;
  private times: Float64Array;
  private mask: number;
  private used = 0;
  /** A sweep never shrinks the table below its first size. */
  private readonly minSlots: number;

  constructor(
    /** The most slots the table may ever take (a power of two): 32 bytes each. */
    readonly maxSlots: number,
    initialSlots = Math.min(maxSlots, 1 << 12),
  ) {
    if (!isPowerOfTwo(maxSlots) || !isPowerOfTwo(initialSlots) || initialSlots > maxSlots)
      throw new Error('ClaimTable slots must be powers of two, the initial count at most the bound');
    this.keys = new Uint32Array(initialSlots * KEY_WORDS);
    this.counts = new Uint32Array(initialSlots * COUNT_WORDS);
    this.times = new Float64Array(initialSlots * 2);
    this.mask = initialSlots - 1;
    this.minSlots = initialSlots;
  }

  /** Claims held (live or not yet swept). */
  get size(): number {
    return this.used;
  }

  get slots(): number {
    return this.mask + 1;
  }

  /** The slot holding this key, or -1. */
  find(lo: number, hi: number, service: number): number {
    const keys = this.keys;
    for (let i = slotOf(lo, hi, service) & this.mask; ; i = (i + 1) & this.mask) {
      const k = i * KEY_WORDS;
      const s = keys[k + 2] as number;
      if (s === 0) return -1;
      if (s === service + 1 && keys[k] === lo && keys[k + 1] === hi) return i;
    }
  }

  /**
   * A fresh slot for a key not in the table (all fields 0), or -1 when even after a sweep the live claims fill the
   * bounded table. `live(slot)` tells the sweep which claims must be kept.
   */
  add(lo: number, hi: number, service: number, live: (slot: number) => boolean): number {
    if (this.used + 1 > this.slots * MAX_LOAD && !this.sweep(live)) return -1;
    const keys = this.keys;
    let i = slotOf(lo, hi, service) & this.mask;
    while ((keys[i * KEY_WORDS + 2] as number) !== 0) i = (i + 1) & this.mask;
    keys[i * KEY_WORDS] = lo;
    keys[i * KEY_WORDS + 1] = hi;
    keys[i * KEY_WORDS + 2] = service + 1;
    this.used += 1;
    return i;
  }

  get(slot: number, field: Field): number {
    return this.counts[slot * COUNT_WORDS + field] as number;
  }

  set(slot: number, field: Field, value: number): void {
    this.counts[slot * COUNT_WORDS + field] = value;
  }

  since(slot: number, kind: typeof PROBLEMS | typeof WORKING): number {
    return this.times[slot * 2 + kind] as number;
  }

  setSince(slot: number, kind: typeof PROBLEMS | typeof WORKING, at: number): void {
    this.times[slot * 2 + kind] = at;
  }

  /** Drops every claim (a test's or a restart's clean slate). */
  clear(): void {
    // Nothing is ever removed but by a sweep, which re-places the rest: an empty table has no key to clear (and its
    // untouched pages stay out of the resident size).
    if (this.used > 0) this.keys.fill(0);
    this.used = 0;
  }

  /**
   * Re-places the live claims into a table sized for them (at most maxSlots). False when they alone fill the bound:
   * the caller then keeps new networks out (see OwnedClaims: storage decides for them).
   */
  private sweep(live: (slot: number) => boolean): boolean {
    const old = { keys: this.keys, counts: this.counts, times: this.times, slots: this.slots };
    const keep: number[] = [];
    for (let i = 0; i < old.slots; i += 1) if ((old.keys[i * KEY_WORDS + 2] as number) !== 0 && live(i)) keep.push(i);
    let slots = old.slots;
    while ((keep.length + 1) / slots > MAX_LOAD / 2 && slots < this.maxSlots) slots *= 2;
    while (slots > this.minSlots && (keep.length + 1) / (slots / 2) <= MAX_LOAD / 4) slots /= 2;
    if ((keep.length + 1) / slots > MAX_LOAD) return false;
    this.keys = new Uint32Array(slots * KEY_WORDS);
    this.counts = new Uint32Array(slots * COUNT_WORDS);
    this.times = new Float64Array(slots * 2);
    this.mask = slots - 1;
    this.used = 0;
    for (const from of keep) {
      const k = from * KEY_WORDS;
      const lo = old.keys[k] as number;
      const hi = old.keys[k + 1] as number;
      const service = (old.keys[k + 2] as number) - 1;
      let i = slotOf(lo, hi, service) & this.mask;
      while ((this.keys[i * KEY_WORDS + 2] as number) !== 0) i = (i + 1) & this.mask;
      this.keys.set(old.keys.subarray(k, k + KEY_WORDS), i * KEY_WORDS);
      this.counts.set(old.counts.subarray(from * COUNT_WORDS, from * COUNT_WORDS + COUNT_WORDS), i * COUNT_WORDS);
      this.times.set(old.times.subarray(from * 2, from * 2 + 2), i * 2);
      this.used += 1;
    }
    return true;
  }
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** Mixes the key's words (the id is already a keyed hash, but a test's ids need not be). */
function slotOf(lo: number, hi: number, service: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1) ^ service, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A network id as two 32-bit halves: exact for the 16-hex-character ids, a 64-bit hash for anything else. */
export function idHalves(id: string): [number, number] {
  if (id.length === 16 && HEX16.test(id)) return [parseInt(id.slice(8), 16) >>> 0, parseInt(id.slice(0, 8), 16) >>> 0];
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}
const HEX16 = /^[0-9a-f]{16}$/;
