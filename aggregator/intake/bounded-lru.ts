// A least-recently-used map with a total capacity and a quota per group (a network), so memory stays bounded under any
// load and one network's flood evicts only its own entries. What falls out is still in storage, which answers instead.

/** An LRU keyed by string; each entry belongs to a group that may hold at most `perGroup` entries. */
export class BoundedLru<V> {
  /** Insertion order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, { group: string; value: V }>();
  /** Per group, its keys in recency order (deleted when empty, so groups never outnumber entries). */
  private readonly groups = new Map<string, Set<string>>();

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
    this.entries.delete(key);
    this.entries.set(key, e);
    const keys = this.groups.get(e.group) as Set<string>;
    keys.delete(key);
    keys.add(key);
    return e.value;
  }

  /** Stores a value; evicts the group's oldest past its quota, then the oldest overall past the capacity. */
  set(group: string, key: string, value: V): void {
    this.delete(key);
    let keys = this.groups.get(group);
    if (!keys) this.groups.set(group, (keys = new Set()));
    if (keys.size >= this.perGroup) this.delete(keys.values().next().value as string);
    if (this.entries.size >= this.capacity) this.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { group, value });
    // The group may have been emptied (and dropped) by the evictions above.
    let now = this.groups.get(group);
    if (!now) this.groups.set(group, (now = new Set()));
    now.add(key);
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    const keys = this.groups.get(e.group);
    if (keys) {
      keys.delete(key);
      if (keys.size === 0) this.groups.delete(e.group);
    }
    return true;
  }

  /** Drops entries the predicate rejects (expired ones), oldest first, stopping at the first one it keeps. */
  pruneOldest(expired: (value: V) => boolean): void {
    for (const [key, e] of this.entries) {
      if (!expired(e.value)) return;
      this.delete(key);
    }
  }
}
