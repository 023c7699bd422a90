// A least-recently-used map with a total capacity and a quota per group (a network), so memory stays bounded under any
// load and one network's flood evicts only its own entries. What falls out is still in storage, which answers instead.

/**
 * A group's keys in recency order: the key itself while it has one (most networks send one report, so no per-network
 * collection is allocated: under a flood from distinct networks a Set each was most of what the GC had to move), an
 * array once it has more (at most the quota, small, so moving a key within it is cheap).
 */
type GroupKeys = string | string[];

/** One entry, linked into the recency list (oldest at `head`). */
interface Node<V> {
  key: string;
  group: string;
  value: V;
  older: Node<V> | null;
  newer: Node<V> | null;
}

/**
 * An LRU keyed by string; each entry belongs to a group that may hold at most `perGroup` entries.
 *
 * Recency is a linked list, not a Map's insertion order: a Map keeps deleted slots until it rehashes, and
 * `keys().next()` walks past every one of them, so evicting the oldest cost ≈ 12 µs at 50,000 entries — the largest
 * single cost of a report under a flood of distinct networks. Here evicting, touching and deleting are O(1).
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, Node<V>>();
  /** Per group, its keys in recency order (deleted when empty, so groups never outnumber entries). */
  private readonly groups = new Map<string, GroupKeys>();
  private head: Node<V> | null = null;
  private tail: Node<V> | null = null;

  constructor(
    private readonly capacity: number,
    private readonly perGroup: number,
  ) {
    if (!(capacity >= 1 && perGroup >= 1)) throw new Error('BoundedLru needs a capacity and a group quota of at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** The value, marked as just used. */
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e !== this.tail) {
      this.unlink(e);
      this.append(e);
    }
    const keys = this.groups.get(e.group);
    if (Array.isArray(keys)) {
      keys.splice(keys.indexOf(key), 1);
      keys.push(key);
    }
    return e.value;
  }

  /** Stores a value; evicts the group's oldest past its quota, then the oldest overall past the capacity. */
  set(group: string, key: string, value: V): void {
    this.delete(key);
    const keys = this.groups.get(group);
    const count = keys === undefined ? 0 : typeof keys === 'string' ? 1 : keys.length;
    if (count >= this.perGroup) this.delete(typeof keys === 'string' ? keys : ((keys as string[])[0] as string));
    if (this.entries.size >= this.capacity && this.head) this.delete(this.head.key);
    const e: Node<V> = { key, group, value, older: null, newer: null };
    this.entries.set(key, e);
    this.append(e);
    // The group may have been emptied (and dropped) by the evictions above.
    const now = this.groups.get(group);
    if (now === undefined) this.groups.set(group, key);
    else if (typeof now === 'string') this.groups.set(group, [now, key]);
    else now.push(key);
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.unlink(e);
    const keys = this.groups.get(e.group);
    if (typeof keys === 'string') this.groups.delete(e.group);
    else if (keys) {
      keys.splice(keys.indexOf(key), 1);
      if (keys.length === 1) this.groups.set(e.group, keys[0] as string);
    }
    return true;
  }

  /** Drops entries the predicate rejects (expired ones), oldest first, stopping at the first one it keeps. */
  pruneOldest(expired: (value: V) => boolean): void {
    while (this.head && expired(this.head.value)) this.delete(this.head.key);
  }

  private append(e: Node<V>): void {
    e.older = this.tail;
    e.newer = null;
    if (this.tail) this.tail.newer = e;
    else this.head = e;
    this.tail = e;
  }

  private unlink(e: Node<V>): void {
    if (e.older) e.older.newer = e.newer;
    else this.head = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.tail = e.older;
    e.older = null;
    e.newer = null;
  }
}
