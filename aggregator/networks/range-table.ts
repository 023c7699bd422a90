// Address ranges → a small number (an AS number, a country index), in typed arrays sorted by start: a lookup is one
// binary search, with no allocation. IPv6 ranges keep the top 64 bits of each bound (routing never goes finer).

/** Sorted, non-overlapping IPv4 ranges [start, end] with a value each. */
export class Ipv4Ranges {
  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly values: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length;
  }

  get bytes(): number {
    return this.starts.byteLength + this.ends.byteLength + this.values.byteLength;
  }

  /** The value of the range holding `address` (an unsigned 32-bit number), or 0 when none does. */
  find(address: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= address) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && address <= (this.ends[hi] as number) ? (this.values[hi] as number) : 0;
  }
}

/** Sorted IPv6 ranges on their top 64 bits, as (high, low) 32-bit word pairs. */
export class Ipv6Ranges {
  constructor(
    /** [startHigh, startLow, endHigh, endLow] per range. */
    readonly bounds: Uint32Array,
    readonly values: Uint32Array,
  ) {}

  get size(): number {
    return this.values.length;
  }

  get bytes(): number {
    return this.bounds.byteLength + this.values.byteLength;
  }

  /** The value of the range holding the address whose top 64 bits are (high, low), or 0. */
  find(high: number, low: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const sh = b[mid * 4] as number;
      if (sh < high || (sh === high && (b[mid * 4 + 1] as number) <= low)) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return 0;
    const eh = b[hi * 4 + 2] as number;
    const inside = high < eh || (high === eh && low <= (b[hi * 4 + 3] as number));
    return inside ? (this.values[hi] as number) : 0;
  }
}

/** Collects ranges in file order (the datasets are sorted by start; an unsorted file is refused), then packs them. */
export class RangeBuilder {
  private starts: number[] = [];
  private ends: number[] = [];
  private values: number[] = [];

  /** `start`/`end` are 32-bit words: one per IPv4 bound, two (high, low) per IPv6 bound. */
  add(start: readonly number[], end: readonly number[], value: number): void {
    const width = start.length;
    const n = this.values.length;
    if (n > 0) {
      const order = compare(this.starts, (n - 1) * width, start);
      if (order > 0) throw new Error(`range starts out of order at entry ${n + 1}`);
      if (order === 0) return; // two IPv6 ranges inside one /64: the first wins
    }
    const prev = n - 1;
    // Adjacent ranges of the same value merge (fewer entries to search and hold).
    if (n > 0 && this.values[prev] === value && adjacent(this.ends, prev * width, start)) {
      for (let i = 0; i < width; i += 1) this.ends[prev * width + i] = end[i] as number;
      return;
    }
    this.starts.push(...start);
    this.ends.push(...end);
    this.values.push(value);
  }

  ipv4(): Ipv4Ranges {
    return new Ipv4Ranges(Uint32Array.from(this.starts), Uint32Array.from(this.ends), Uint32Array.from(this.values));
  }

  ipv6(): Ipv6Ranges {
    const n = this.values.length;
    const bounds = new Uint32Array(n * 4);
    for (let i = 0; i < n; i += 1) {
      bounds[i * 4] = this.starts[i * 2] as number;
      bounds[i * 4 + 1] = this.starts[i * 2 + 1] as number;
      bounds[i * 4 + 2] = this.ends[i * 2] as number;
      bounds[i * 4 + 3] = this.ends[i * 2 + 1] as number;
    }
    return new Ipv6Ranges(bounds, Uint32Array.from(this.values));
  }
}

function compare(words: number[], at: number, other: readonly number[]): number {
  for (let i = 0; i < other.length; i += 1) {
    const d = (words[at + i] as number) - (other[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `next` is the word sequence right after the one at `at` (end + 1 = next start). */
function adjacent(words: number[], at: number, next: readonly number[]): boolean {
  let carry = 1;
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const sum = (words[at + i] as number) + carry;
    carry = sum > 0xffffffff ? 1 : 0;
    if (sum % 0x100000000 !== next[i]) return false;
  }
  return carry === 0;
}
