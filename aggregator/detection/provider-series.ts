// Per-bucket counted networks by provider, group and country, in memory for the recent window and the hour the next
// baseline sample is taken from. Stored totals only grow, so each row keeps the larger of memory and storage; a batch's
// own delta is added.
import type { ProviderCounts } from '../storage/provider-rows.ts';
import type { DetectionConfig } from './config.ts';
import type { CrowdWeight } from './crowd-weight.ts';
import { crowdWeight } from './crowd-weight.ts';

export interface CountryCount {
  country: string;
  networks: number;
}

export class ProviderSeries {
  private readonly buckets = new Map<number, Map<string, ProviderCounts>>();

  constructor(private readonly cfg: DetectionConfig) {}

  raise(row: ProviderCounts): void {
    let rows = this.buckets.get(row.bucketStart);
    if (!rows) this.buckets.set(row.bucketStart, (rows = new Map()));
    const key = `${row.kind}|${row.provider}|${row.group}|${row.country}`;
    const known = rows.get(key);
    if (!known) rows.set(key, { ...row, delta: false });
    else if (row.delta) {
      // This node's own commit: memory was ≤ the stored sum before it, so adding keeps it ≤ the sum after.
      known.networks += row.networks;
      known.hourNetworks += row.hourNetworks;
    } else {
      known.networks = Math.max(known.networks, row.networks);
      known.hourNetworks = Math.max(known.hourNetworks, row.hourNetworks);
    }
  }

  /** The crowd of `kind` in buckets starting in [from, to); `perHour` weighs each network once per hour instead of per window. */
  crowd(kind: ProviderCounts['kind'], from: number, to: number, perHour = false): CrowdWeight {
    const rows: { provider: string; group: string; networks: number }[] = [];
    this.each(from, to, (r) => {
      if (r.kind === kind) rows.push({ provider: r.provider, group: r.group, networks: perHour ? r.hourNetworks : r.networks });
    });
    return crowdWeight(rows, this.cfg);
  }

  /** Problem networks per country in [from, to), most first (unknown countries left out). */
  topCountries(from: number, to: number, limit: number): CountryCount[] {
    const per = new Map<string, number>();
    this.each(from, to, (r) => {
      if (r.kind === 'problem' && r.country !== '') per.set(r.country, (per.get(r.country) ?? 0) + r.networks);
    });
    return [...per]
      .map(([country, networks]) => ({ country, networks }))
      .sort((a, b) => b.networks - a.networks || a.country.localeCompare(b.country))
      .slice(0, limit);
  }

  /** Forgets buckets before `before`. */
  prune(before: number): void {
    for (const s of this.buckets.keys()) if (s < before) this.buckets.delete(s);
  }

  private each(from: number, to: number, fn: (r: ProviderCounts) => void): void {
    for (const [start, rows] of this.buckets) if (start >= from && start < to) for (const r of rows.values()) fn(r);
  }
}
