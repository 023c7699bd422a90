// How much a crowd of networks weighs once grouped by provider: IPv6 /32s count a few networks at most, and no
// provider (autonomous system) carries more than a fixed share of the total; the excess does not count.
import type { DetectionConfig } from './config.ts';

/** Networks of one provider (and one IPv6 /32 group, or '' for networks that are not grouped). */
export interface ProviderNetworks {
  provider: string;
  group: string;
  networks: number;
}

export interface CrowdWeight {
  /** Distinct networks, before any cap. */
  networks: number;
  /** Networks that count after the /32 and provider caps: what detection judges. */
  counted: number;
  /** Distinct providers among them. */
  providers: number;
}

type Caps = Pick<DetectionConfig, 'providerShare' | 'providerFloorNetworks' | 'ipv6GroupCap'>;

/**
 * Weighs the rows (one provider may span several rows: groups, countries, buckets), plus `ownNetworks` networks that
 * are each a provider of their own (weight 1: unannounced space).
 */
export function crowdWeight(rows: Iterable<ProviderNetworks>, caps: Caps, ownNetworks = 0): CrowdWeight {
  const tally = new CrowdTally(caps);
  for (const r of rows) if (r.networks > 0) tally.change(r.provider, r.group, r.networks);
  tally.changeOwn(ownNetworks);
  return tally.weigh();
}

/**
 * The same weighing kept up to date as counts rise and fall (rows enter and leave a window), so weighing costs the
 * providers above the floor, not every provider: the status evaluation weighs the window a few times a second, and
 * under a flood from tens of thousands of providers walking them stalled the HTTP thread ≈ 10–20 ms each time.
 */
export class CrowdTally {
  private networks = 0;
  private own = 0;
  /** Each provider's weight: its ungrouped networks plus, per IPv6 /32 group, at most `ipv6GroupCap`. */
  private readonly weights = new Map<string, number>();
  /** Networks per group, by provider then group (IPv6 rows only). */
  private readonly groups = new Map<string, Map<string, number>>();
  /** The cap is never below the floor, so providers at or under it are never cut: only their sum is kept. */
  private uncut = 0;
  private readonly large = new Set<string>();

  constructor(private readonly caps: Caps) {}

  /** Adds `delta` networks (negative: removes them) to a provider's row of `group` ('' when not grouped). */
  change(provider: string, group: string, delta: number): void {
    if (delta === 0) return;
    this.networks += delta;
    const before = this.weights.get(provider) ?? 0;
    let after = before + delta;
    if (group !== '') {
      let groups = this.groups.get(provider);
      if (!groups) this.groups.set(provider, (groups = new Map()));
      const was = groups.get(group) ?? 0;
      const now = was + delta;
      if (now === 0) groups.delete(group);
      else groups.set(group, now);
      if (groups.size === 0) this.groups.delete(provider);
      const cap = this.caps.ipv6GroupCap;
      after = before + Math.min(Math.max(now, 0), cap) - Math.min(Math.max(was, 0), cap);
    }
    this.place(provider, before, -1);
    if (after === 0) this.weights.delete(provider);
    else this.weights.set(provider, after);
    this.place(provider, after, 1);
  }

  /** Adds (or removes) networks that are each a provider of their own. */
  changeOwn(delta: number): void {
    this.networks += delta;
    this.own += delta;
  }

  weigh(): CrowdWeight {
    const large: number[] = [];
    for (const p of this.large) large.push(this.weights.get(p) ?? 0);
    large.sort((a, b) => b - a);
    const { providerShare, providerFloorNetworks } = this.caps;
    return {
      networks: this.networks,
      counted: cappedTotal(large, providerShare, providerFloorNetworks, this.own, this.uncut),
      providers: this.weights.size + this.own,
    };
  }

  private place(provider: string, weight: number, sign: 1 | -1): void {
    if (weight <= 0) return;
    const floor = this.caps.providerFloorNetworks;
    if (floor >= 1 && weight <= floor) this.uncut += sign * weight;
    else if (sign > 0) this.large.add(provider);
    else this.large.delete(provider);
  }
}

/**
 * Σ min(w, T) for the cap T = max(floor, share × Σ min(w, T)): the largest providers are cut to T so that none
 * carries more than `share` of what counts (exactly, not by repeated trimming). `weights` sorted descending, followed
 * by `ones` providers of weight 1 (kept as a count: there may be one per network) and providers of weight at most
 * `floor` (≥ 1), summed in `uncut`: T ≥ floor, so they are never cut.
 */
export function cappedTotal(weights: readonly number[], share: number, floor: number, ones = 0, uncut = 0): number {
  if (uncut > 0 && floor < 1) throw new Error('uncut weights need a floor of at least 1');
  const n = weights.length;
  const withOnes = () => [...weights, ...new Array<number>(ones).fill(1)].sort((a, b) => b - a);
  if (ones > 0 && n > 0 && (weights[n - 1] as number) < 1) return cappedTotal(withOnes(), share, floor, 0, uncut);
  const rest = new Array<number>(n + 1).fill(0);
  rest[n] = ones + uncut;
  for (let i = n - 1; i >= 0; i -= 1) rest[i] = (rest[i + 1] as number) + (weights[i] as number);
  // k = how many providers are cut to T; for each k the fixed point is solved directly, and the k that fits is it.
  for (let k = 0; k <= n; k += 1) {
    const r = rest[k] as number;
    const t = share * k < 1 ? Math.max(floor, (share * r) / (1 - share * k)) : floor;
    const topFits = k === 0 || (weights[k - 1] as number) >= t;
    const restFits = k === n ? ones === 0 || t >= 1 : (weights[k] as number) <= t;
    if (topFits && restFits) return k * t + r;
  }
  // A cap below 1 (a tiny crowd with no floor) cuts the ones too: weigh them one by one.
  if (ones > 0) return cappedTotal(withOnes(), share, floor, 0, uncut);
  return weights.reduce((sum, w) => sum + Math.min(w, floor), uncut);
}
