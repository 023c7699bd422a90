// Per-client dedup claims in typed arrays. They are the report path's most numerous live entries (one per report taken,
// up to the bound), and as strings, nodes and objects each one outlived the young generation, so the GC moved and
// marked every one: with them the HTTP thread spent ≈ 10 µs more a report (aggregator/README.md → Scale, round 10).
// The rules are BoundedLru's: least recently used out first, and a quota per network, so one network's flood evicts
// only its own. An entry is known by a 64-bit hash of (service, network, client) (string-hash.ts).
import { HASH, hashStrings } from './string-hash.ts';

const NONE = -1;

/** A client's claim: when its report was taken, and that report's id (a UUID). */
export interface DedupClaim {
  at: number;
  id: string;
}

export class DedupTable {
  private readonly keyLo: Uint32Array;
  private readonly keyHi: Uint32Array;
  private readonly at: Float64Array;
  /** The report id's 128 bits, 4 words an entry. */
  private readonly ids: Uint32Array;
  /** The entry's network record. */
  private readonly network: Int32Array;
  /** Recency, oldest at `head`; a free entry's `newer` links the free list. */
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  /** Recency within the entry's network. */
  private readonly netOlder: Int32Array;
  private readonly netNewer: Int32Array;
  private head = NONE;
  private tail = NONE;
  private freeEntry = 0;
  private entries = 0;

  private readonly netLo: Uint32Array;
  private readonly netHi: Uint32Array;
  private readonly netCount: Int32Array;
  private readonly netHead: Int32Array;
  private readonly netTail: Int32Array;
  /** A free record's `netHead` links the free list. */
  private freeNetwork = 0;
  private networks = 0;

  private readonly byKey: HashIndex;
  private readonly byNetwork: HashIndex;

  constructor(
    readonly capacity: number,
    private readonly perNetwork: number,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1 && perNetwork >= 1))
      throw new Error('DedupTable needs a capacity and a network quota of at least 1');
    this.keyLo = new Uint32Array(capacity);
    this.keyHi = new Uint32Array(capacity);
    this.at = new Float64Array(capacity);
    this.ids = new Uint32Array(capacity * 4);
    this.network = new Int32Array(capacity);
    this.older = new Int32Array(capacity);
    this.newer = new Int32Array(capacity);
    this.netOlder = new Int32Array(capacity);
    this.netNewer = new Int32Array(capacity);
    this.netLo = new Uint32Array(capacity);
    this.netHi = new Uint32Array(capacity);
    this.netCount = new Int32Array(capacity);
    this.netHead = new Int32Array(capacity);
    this.netTail = new Int32Array(capacity);
    for (let i = 0; i < capacity; i += 1) {
      this.newer[i] = i + 1 < capacity ? i + 1 : NONE;
      this.netHead[i] = i + 1 < capacity ? i + 1 : NONE;
    }
    this.byKey = new HashIndex(capacity);
    this.byNetwork = new HashIndex(capacity);
  }

  get size(): number {
    return this.entries;
  }

  get networkCount(): number {
    return this.networks;
  }

  /** The claim, marked as just used. */
  get(service: string, network: string, client: string): DedupClaim | undefined {
    hashStrings(service, network, client);
    const e = this.byKey.find(HASH[0] as number, HASH[1] as number);
    if (e === NONE) return undefined;
    this.touch(e);
    return { at: this.at[e] as number, id: uuidText(this.ids, e * 4) };
  }

  /** Stores a claim; evicts the network's oldest past its quota, then the oldest overall past the capacity. */
  set(service: string, network: string, client: string, claim: DedupClaim): void {
    uuidWords(claim.id, SCRATCH_ID, 0); // first: a bad id throws before anything changes
    hashStrings(service, network, client);
    const lo = HASH[0] as number;
    const hi = HASH[1] as number;
    const old = this.byKey.find(lo, hi);
    if (old !== NONE) this.remove(old);
    hashStrings(network);
    const netLo = HASH[0] as number;
    const netHi = HASH[1] as number;
    let n = this.byNetwork.find(netLo, netHi);
    if (n !== NONE && (this.netCount[n] as number) >= this.perNetwork) this.remove(this.netHead[n] as number);
    if (this.entries >= this.capacity) this.remove(this.head);
    // The evictions may have emptied (and freed) the network's record.
    n = this.byNetwork.find(netLo, netHi);
    if (n === NONE) n = this.addNetwork(netLo, netHi);
    const e = this.freeEntry;
    this.freeEntry = this.newer[e] as number;
    this.entries += 1;
    this.keyLo[e] = lo;
    this.keyHi[e] = hi;
    this.at[e] = claim.at;
    this.ids.set(SCRATCH_ID, e * 4);
    this.network[e] = n;
    this.byKey.insert(lo, hi, e);
    this.append(e);
    this.appendInNetwork(e, n);
    this.netCount[n] = (this.netCount[n] as number) + 1;
  }

  /** Drops the claim if it is still the one made by report `id` (a report that was not stored gives its claim back). */
  deleteIf(service: string, network: string, client: string, id: string): void {
    hashStrings(service, network, client);
    const e = this.byKey.find(HASH[0] as number, HASH[1] as number);
    if (e === NONE) return;
    uuidWords(id, SCRATCH_ID, 0);
    const w = e * 4;
    const ids = this.ids;
    if (ids[w] === SCRATCH_ID[0] && ids[w + 1] === SCRATCH_ID[1] && ids[w + 2] === SCRATCH_ID[2] && ids[w + 3] === SCRATCH_ID[3])
      this.remove(e);
  }

  /** Drops claims the predicate rejects (expired ones), oldest first, stopping at the first one it keeps. */
  pruneOldest(expired: (at: number) => boolean): void {
    while (this.head !== NONE && expired(this.at[this.head] as number)) this.remove(this.head);
  }

  private remove(e: number): void {
    this.byKey.remove(this.keyLo[e] as number, this.keyHi[e] as number);
    this.unlink(e);
    const n = this.network[e] as number;
    this.unlinkInNetwork(e, n);
    this.netCount[n] = (this.netCount[n] as number) - 1;
    if (this.netCount[n] === 0) {
      this.byNetwork.remove(this.netLo[n] as number, this.netHi[n] as number);
      this.netHead[n] = this.freeNetwork;
      this.freeNetwork = n;
      this.networks -= 1;
    }
    this.newer[e] = this.freeEntry;
    this.freeEntry = e;
    this.entries -= 1;
  }

  private addNetwork(lo: number, hi: number): number {
    const n = this.freeNetwork;
    this.freeNetwork = this.netHead[n] as number;
    this.networks += 1;
    this.netLo[n] = lo;
    this.netHi[n] = hi;
    this.netCount[n] = 0;
    this.netHead[n] = NONE;
    this.netTail[n] = NONE;
    this.byNetwork.insert(lo, hi, n);
    return n;
  }

  private touch(e: number): void {
    if (e !== this.tail) {
      this.unlink(e);
      this.append(e);
    }
    const n = this.network[e] as number;
    if (e !== this.netTail[n]) {
      this.unlinkInNetwork(e, n);
      this.appendInNetwork(e, n);
    }
  }

  private append(e: number): void {
    this.older[e] = this.tail;
    this.newer[e] = NONE;
    if (this.tail !== NONE) this.newer[this.tail] = e;
    else this.head = e;
    this.tail = e;
  }

  private unlink(e: number): void {
    const o = this.older[e] as number;
    const n = this.newer[e] as number;
    if (o !== NONE) this.newer[o] = n;
    else this.head = n;
    if (n !== NONE) this.older[n] = o;
    else this.tail = o;
  }

  private appendInNetwork(e: number, n: number): void {
    const last = this.netTail[n] as number;
    this.netOlder[e] = last;
    this.netNewer[e] = NONE;
    if (last !== NONE) this.netNewer[last] = e;
    else this.netHead[n] = e;
    this.netTail[n] = e;
  }

  /** Links and unlinks only: the network's count is the caller's. */
  private unlinkInNetwork(e: number, n: number): void {
    const o = this.netOlder[e] as number;
    const x = this.netNewer[e] as number;
    if (o !== NONE) this.netNewer[o] = x;
    else this.netHead[n] = x;
    if (x !== NONE) this.netOlder[x] = o;
    else this.netTail[n] = o;
  }
}

/** 64-bit keys to slots: open addressing, linear probing, at most half full, deletion by shifting back (no tombstones). */
class HashIndex {
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  /** The value + 1; 0 = empty. */
  private readonly value: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let slots = 2;
    while (slots < entries * 2) slots *= 2;
    this.lo = new Uint32Array(slots);
    this.hi = new Uint32Array(slots);
    this.value = new Int32Array(slots);
    this.mask = slots - 1;
  }

  find(lo: number, hi: number): number {
    for (let i = home(lo, hi) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.value[i] as number;
      if (v === 0) return NONE;
      if (this.lo[i] === lo && this.hi[i] === hi) return v - 1;
    }
  }

  /** `lo:hi` must not be present. */
  insert(lo: number, hi: number, value: number): void {
    let i = home(lo, hi) & this.mask;
    while (this.value[i] !== 0) i = (i + 1) & this.mask;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.value[i] = value + 1;
  }

  remove(lo: number, hi: number): void {
    const mask = this.mask;
    let i = home(lo, hi) & mask;
    for (; ; i = (i + 1) & mask) {
      if (this.value[i] === 0) return;
      if (this.lo[i] === lo && this.hi[i] === hi) break;
    }
    // Move later entries of the probe run back into the hole unless their home lies cyclically in (hole, here].
    for (let j = (i + 1) & mask; this.value[j] !== 0; j = (j + 1) & mask) {
      const k = home(this.lo[j] as number, this.hi[j] as number) & mask;
      const stays = i <= j ? i < k && k <= j : i < k || k <= j;
      if (stays) continue;
      this.lo[i] = this.lo[j] as number;
      this.hi[i] = this.hi[j] as number;
      this.value[i] = this.value[j] as number;
      i = j;
    }
    this.value[i] = 0;
  }
}

function home(lo: number, hi: number): number {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

const SCRATCH_ID = new Uint32Array(4);

/** A lowercase UUID's 128 bits into 4 words at `at` (checked by hand: a regular expression was 2 % of the HTTP thread). */
function uuidWords(id: string, out: Uint32Array, at: number): void {
  const dashes = id.charCodeAt(8) === 45 && id.charCodeAt(13) === 45 && id.charCodeAt(18) === 45 && id.charCodeAt(23) === 45;
  const a = hex(id, 0, 8);
  const b = hex(id, 9, 4);
  const c = hex(id, 14, 4);
  const d = hex(id, 19, 4);
  const e = hex(id, 24, 4);
  const f = hex(id, 28, 8);
  if (id.length !== 36 || !dashes || a < 0 || b < 0 || c < 0 || d < 0 || e < 0 || f < 0)
    throw new Error(`DedupTable: report ids are lowercase UUIDs, not ${JSON.stringify(id)}`);
  out[at] = a;
  out[at + 1] = ((b << 16) | c) >>> 0;
  out[at + 2] = ((d << 16) | e) >>> 0;
  out[at + 3] = f;
}

function uuidText(words: Uint32Array, at: number): string {
  const w = (i: number) => (words[at + i] as number).toString(16).padStart(8, '0');
  const [a, b, c, d] = [w(0), w(1), w(2), w(3)];
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** `length` (≤ 8) lowercase hex digits as an unsigned number, or -1 when one isn't. */
function hex(s: string, from: number, length: number): number {
  let v = 0;
  for (let i = from; i < from + length; i += 1) {
    const c = s.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    v = (v << 4) | digit;
  }
  return v >>> 0;
}
