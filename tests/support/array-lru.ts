// The bounded LRU's rules (a total capacity, a quota per group, least recently used out first), written for clarity
// instead of speed: the model that BoundedLru and DedupTable are checked against.

export interface Entry {
  key: string;
  group: string;
  value: number;
}

/** The same rules, written for clarity instead of speed. */
export class ArrayLru {
  entries: Entry[] = [];
  constructor(
    private readonly capacity: number,
    private readonly perGroup: number,
  ) {}
  get(key: string): number | undefined {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1) as [Entry];
    this.entries.push(e);
    return e.value;
  }
  set(group: string, key: string, value: number): void {
    this.delete(key);
    const own = this.entries.filter((e) => e.group === group);
    if (own.length >= this.perGroup) this.delete((own[0] as Entry).key);
    if (this.entries.length >= this.capacity) this.entries.shift();
    this.entries.push({ key, group, value });
  }
  delete(key: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
  }
  pruneOldest(expired: (v: number) => boolean): void {
    while (this.entries.length > 0 && expired((this.entries[0] as Entry).value)) this.entries.shift();
  }
}
