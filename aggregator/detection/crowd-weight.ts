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
  const groups = new Map<string, { provider: string; grouped: boolean; n: number }>();
  let networks = ownNetworks;
  for (const r of rows) {
    if (r.networks <= 0) continue;
    networks += r.networks;
    const key = `${r.provider}|${r.group}`;
    const g = groups.get(key);
    if (g) g.n += r.networks;
    else groups.set(key, { provider: r.provider, grouped: r.group !== '', n: r.networks });
  }
  const perProvider = new Map<string, number>();
  for (const g of groups.values()) {
    const w = g.grouped ? Math.min(g.n, caps.ipv6GroupCap) : g.n;
    perProvider.set(g.provider, (perProvider.get(g.provider) ?? 0) + w);
  }
  const weights = [...perProvider.values()].sort((a, b) => b - a);
  return {
    networks,
    counted: cappedTotal(weights, caps.providerShare, caps.providerFloorNetworks, ownNetworks),
    providers: weights.length + ownNetworks,
  };
}

/**
 * Σ min(w, T) for the cap T = max(floor, share × Σ min(w, T)): the largest providers are cut to T so that none
 * carries more than `share` of what counts (exactly, not by repeated trimming). `weights` sorted descending, followed
 * by `ones` providers of weight 1 (kept as a count: there may be one per network).
 */
export function cappedTotal(weights: readonly number[], share: number, floor: number, ones = 0): number {
  const n = weights.length;
  const withOnes = () => [...weights, ...new Array<number>(ones).fill(1)].sort((a, b) => b - a);
  if (ones > 0 && n > 0 && (weights[n - 1] as number) < 1) return cappedTotal(withOnes(), share, floor);
  const rest = new Array<number>(n + 1).fill(0);
  rest[n] = ones;
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
  if (ones > 0) return cappedTotal(withOnes(), share, floor);
  return weights.reduce((sum, w) => sum + Math.min(w, floor), 0);
}
