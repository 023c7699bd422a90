// A reporter's network as a keyed hash: HMAC-SHA256(daily salt, prefix), 16 hex characters. The salt is random per
// UTC day and shared through storage (every node agrees); once it is deleted, stored hashes can't be linked to a prefix.
import { createHmac, randomBytes } from 'node:crypto';
import type { ParsedAddress } from '../http/ip-address.ts';
import { canonicalAddress, networkPrefix } from '../http/ip-address.ts';

export const DAY_MS = 86_400_000;
/** Distinct addresses remembered per day before the cache starts over (bounded memory). */
const CACHE_LIMIT = 50_000;

export interface SaltSource {
  /** The day's secret: stores `candidate` unless a secret for that day exists, and returns the one stored. */
  salt(day: number, candidate: string): Promise<string>;
}

export interface NetworkIdOptions {
  ipv4Prefix: number;
  ipv6Prefix: number;
  now: () => number;
}

/** Maps client addresses to network ids; the salts for today and tomorrow are loaded ahead so lookups never wait. */
export class NetworkIds {
  private readonly salts = new Map<number, string>();
  private cacheDay = -1;
  private cache = new Map<string, string>();
  private preparing: Promise<void> | null = null;

  constructor(
    private readonly source: SaltSource,
    private readonly opts: NetworkIdOptions,
  ) {}

  /** The id already computed today for this address text (the hot path: no parsing), if any. */
  cached(addressText: string): string | undefined {
    return Math.floor(this.opts.now() / DAY_MS) === this.cacheDay ? this.cache.get(addressText) : undefined;
  }

  /**
   * The network id of an address now (remembered under `key`, e.g. the socket's address text); null when today's salt
   * is not loaded yet (call prepare(), then ask again).
   */
  idFor(address: ParsedAddress, key = canonicalAddress(address)): string | null {
    const day = Math.floor(this.opts.now() / DAY_MS);
    if (day !== this.cacheDay) {
      const salt = this.salts.get(day);
      if (salt === undefined) return null;
      this.cacheDay = day;
      this.cache = new Map();
    }
    let id = this.cache.get(key);
    if (id === undefined) {
      const salt = this.salts.get(day) as string;
      id = createHmac('sha256', salt)
        .update(networkPrefix(address, this.opts.ipv4Prefix, this.opts.ipv6Prefix))
        .digest('hex')
        .slice(0, 16);
      if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
      this.cache.set(key, id);
    }
    return id;
  }

  /** Loads (or creates) today's and tomorrow's salts and forgets older ones. */
  prepare(): Promise<void> {
    this.preparing ??= this.load().finally(() => (this.preparing = null));
    return this.preparing;
  }

  private async load(): Promise<void> {
    const today = Math.floor(this.opts.now() / DAY_MS);
    for (const day of [today, today + 1]) {
      if (!this.salts.has(day)) this.salts.set(day, await this.source.salt(day, randomBytes(32).toString('base64url')));
    }
    for (const day of this.salts.keys()) if (day < today) this.salts.delete(day);
  }
}
