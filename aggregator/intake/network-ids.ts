// A reporter's network as a keyed hash: HMAC(day key, prefix), 16 hex characters, with the day key derived from the
// deployment secret (nothing key-like is stored). Also where the network sits: its provider (AS), IPv6 /32, country.
import type { ParsedAddress } from '../http/ip-address.ts';
import { canonicalAddress, networkPrefix } from '../http/ip-address.ts';
import type { ProviderLookup } from '../networks/provider-lookup.ts';
import { DAY_MS } from '../privacy/day-keys.ts';
import type { DayKeys } from '../privacy/day-keys.ts';
import type { NetworkOrigin } from '../storage/provider-rows.ts';
import { ownNetworkProvider } from '../storage/provider-rows.ts';

export { DAY_MS };
/** Distinct addresses remembered per day before the cache starts over (bounded memory). */
const CACHE_LIMIT = 4_096;
/** IPv6 networks are grouped by their /32 (one allocation: a provider can hand out 65,536 /48s from it). */
const IPV6_GROUP_BITS = 32;

/** The network a report comes from: its id (for counting, limits and streams) and where it sits. */
export interface ReportNetwork extends NetworkOrigin {
  id: string;
  family: 4 | 6;
}

export interface NetworkIdOptions {
  ipv4Prefix: number;
  ipv6Prefix: number;
  now: () => number;
  /** After midnight UTC, this long (the claim window) a network also carries yesterday's id. */
  midnightMs: number;
}

/** Maps client addresses to networks; day keys are derived in memory, so a lookup never waits. */
export class NetworkIds {
  private cacheDay = -1;
  private cache = new Map<string, ReportNetwork>();

  constructor(
    private readonly keys: DayKeys,
    private readonly lookup: ProviderLookup | null,
    private readonly opts: NetworkIdOptions,
  ) {}

  /** The network already computed today for this address text (the hot path: no parsing), if any. */
  cached(addressText: string): ReportNetwork | undefined {
    const now = this.opts.now();
    if (Math.floor(now / DAY_MS) !== this.cacheDay) return undefined;
    const n = this.cache.get(addressText);
    return n && n.previousId !== null && now % DAY_MS >= this.opts.midnightMs ? undefined : n;
  }

  /** The network of an address now (remembered under `key`, e.g. the socket's address text). */
  idFor(address: ParsedAddress, key = canonicalAddress(address)): ReportNetwork {
    const now = this.opts.now();
    const day = Math.floor(now / DAY_MS);
    if (day !== this.cacheDay) {
      this.cacheDay = day;
      this.cache = new Map();
    }
    const afterMidnight = now % DAY_MS < this.opts.midnightMs;
    let n = this.cache.get(key);
    if (n === undefined || (n.previousId !== null && !afterMidnight)) {
      n = this.describe(address, day, afterMidnight);
      if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
      this.cache.set(key, n);
    }
    return n;
  }

  /** Kept for callers that wait for keys: day keys derive in memory, so there is nothing to load. */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  private describe(address: ParsedAddress, day: number, afterMidnight: boolean): ReportNetwork {
    const prefix = networkPrefix(address, this.opts.ipv4Prefix, this.opts.ipv6Prefix);
    const id = this.keys.hash(day, prefix, 16);
    const asn = this.lookup?.asnOf(address) ?? 0;
    const group = address.family === 6 ? this.keys.hash(day, networkPrefix(address, 32, IPV6_GROUP_BITS), 16) : '';
    return {
      id,
      family: address.family,
      // Unannounced space (loopback, private, unrouted) has no AS: each network (IPv6: each /32) is its own provider.
      provider: asn > 0 ? `as${asn}` : address.family === 6 ? `g${group}` : ownNetworkProvider(id),
      group,
      country: this.lookup?.countryOf(address) ?? '',
      previousId: afterMidnight ? this.keys.hash(day - 1, prefix, 16) : null,
    };
  }
}
