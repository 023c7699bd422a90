// Per-bucket counted networks by provider, group and country, in memory for the recent window and the hour the next
// baseline sample is taken from. Stored totals only grow, so each row keeps the larger of memory and storage; a batch's
// own delta is added. IPv4 networks no AS announces are each their own provider: they share one row per bucket and
// kind (a count of one-network providers), so memory grows with providers and countries, never with networks.
import type { ProviderCounts } from '../storage/provider-rows.ts';
import { OWN_NETWORKS_PROVIDER, isOwnNetworkRow } from '../storage/provider-rows.ts';
import type { DetectionConfig } from './config.ts';
import type { CrowdWeight } from './crowd-weight.ts';
import { CrowdTally } from './crowd-weight.ts';

export interface CountryCount {
  country: string;
  networks: number;
}

/** The provider of the shared row that counts unannounced IPv4 networks (each one a provider of its own). */
export const OWN_NETWORKS = OWN_NETWORKS_PROVIDER;

/** A row as memory holds it: six fields (its bucket is the map it sits in; one such row per provider and country). */
type HeldRow = Pick<ProviderCounts, 'kind' | 'provider' | 'group' | 'country' | 'networks' | 'hourNetworks'>;

/** The crowd of both kinds and the problem networks per country over one range of buckets, kept as rows change. */
interface RunningWindow {
  from: number;
  to: number;
  problem: CrowdTally;
  working: CrowdTally;
  countries: Map<string, number>;
}

export class ProviderSeries {
  private readonly buckets = new Map<number, Map<string, HeldRow>>();
  /** The range the status evaluation last weighed: it slides a bucket at a time, so rows are added and removed, not walked. */
  private running: RunningWindow | null = null;

  constructor(private readonly cfg: DetectionConfig) {}

  /**
   * Takes rows: stored totals (memory rises to each) and a batch's deltas (added). Stored rows of unannounced networks
   * are summed per bucket and kind first, so the shared row rises to the stored sum, not to one network's count.
   */
  raiseAll(rows: readonly ProviderCounts[]): void {
    let own: Map<string, ProviderCounts> | null = null;
    for (const r of rows) {
      if (r.delta || !isOwnNetworkRow(r)) {
        this.raise(r);
        continue;
      }
      own ??= new Map();
      const key = `${r.bucketStart}|${r.kind}|${r.country}`;
      const sum = own.get(key);
      if (sum) {
        sum.networks += r.networks;
        sum.hourNetworks += r.hourNetworks;
      } else own.set(key, { ...r, provider: OWN_NETWORKS });
    }
    for (const r of own?.values() ?? []) this.raise(r);
  }

  private raise(row: ProviderCounts): void {
    let rows = this.buckets.get(row.bucketStart);
    if (!rows) this.buckets.set(row.bucketStart, (rows = new Map()));
    const provider = isOwnNetworkRow(row) ? OWN_NETWORKS : row.provider;
    // join, not a template: a flat string (a concatenation would keep its rope beside the flattened key).
    const key = [row.kind, provider, row.group, row.country].join('|');
    let known = rows.get(key);
    const before = known?.networks ?? 0;
    if (!known) {
      const { kind, group, country, networks, hourNetworks } = row;
      rows.set(key, (known = { kind, provider, group, country, networks, hourNetworks }));
    } else if (row.delta) {
      // This node's own commit: memory was ≤ the stored sum before it, so adding keeps it ≤ the sum after.
      known.networks += row.networks;
      known.hourNetworks += row.hourNetworks;
    } else {
      known.networks = Math.max(known.networks, row.networks);
      known.hourNetworks = Math.max(known.hourNetworks, row.hourNetworks);
    }
    const w = this.running;
    if (w && row.bucketStart >= w.from && row.bucketStart < w.to) count(w, known, known.networks - before);
  }

  /**
   * The crowd of `kind` in buckets starting in [from, to), weighed from the running window: moved to this range by
   * adding and removing whole buckets when it slides forward, rebuilt otherwise.
   */
  crowd(kind: ProviderCounts['kind'], from: number, to: number): CrowdWeight {
    return this.window(from, to)[kind].weigh();
  }

  /** The same crowd by walking every row in range; `perHour` weighs each network once per hour instead of per window. */
  walkedCrowd(kind: ProviderCounts['kind'], from: number, to: number, perHour = false): CrowdWeight {
    const tally = new CrowdTally(this.cfg);
    this.each(from, to, (r) => {
      if (r.kind !== kind) return;
      const networks = perHour ? r.hourNetworks : r.networks;
      if (r.provider === OWN_NETWORKS) tally.changeOwn(networks);
      else if (networks > 0) tally.change(r.provider, r.group, networks);
    });
    return tally.weigh();
  }

  /** Problem networks per country in [from, to), most first (unknown countries left out). */
  topCountries(from: number, to: number, limit: number): CountryCount[] {
    return [...this.window(from, to).countries]
      .filter(([, networks]) => networks > 0)
      .map(([country, networks]) => ({ country, networks }))
      .sort((a, b) => b.networks - a.networks || a.country.localeCompare(b.country))
      .slice(0, limit);
  }

  /** Rows held in memory (every bucket): what the flood tests bound. */
  get rowCount(): number {
    let n = 0;
    for (const rows of this.buckets.values()) n += rows.size;
    return n;
  }

  /** Forgets buckets before `before`. */
  prune(before: number): void {
    for (const s of this.buckets.keys()) {
      if (s >= before) continue;
      this.buckets.delete(s);
      if (this.running && s >= this.running.from && s < this.running.to) this.running = null; // rebuilt when next weighed
    }
  }

  /** The running window moved to [from, to). */
  private window(from: number, to: number): RunningWindow {
    let w = this.running;
    if (w && w.from === from && w.to === to) return w;
    if (w && from >= w.from && to >= w.to && from < w.to) {
      for (const [start, rows] of this.buckets) {
        const leaves = start >= w.from && start < from;
        const enters = start >= w.to && start < to;
        if (leaves || enters) for (const r of rows.values()) count(w, r, leaves ? -r.networks : r.networks);
      }
      w.from = from;
      w.to = to;
      return w;
    }
    w = { from, to, problem: new CrowdTally(this.cfg), working: new CrowdTally(this.cfg), countries: new Map() };
    this.each(from, to, (r) => count(w as RunningWindow, r, r.networks));
    this.running = w;
    return w;
  }

  private each(from: number, to: number, fn: (r: HeldRow) => void): void {
    for (const [start, rows] of this.buckets) if (start >= from && start < to) for (const r of rows.values()) fn(r);
  }
}

/** Adds `delta` networks of a held row to a running window (its crowd, and its country for problems). */
function count(w: RunningWindow, r: HeldRow, delta: number): void {
  if (delta === 0) return;
  if (r.provider === OWN_NETWORKS) w[r.kind].changeOwn(delta);
  else w[r.kind].change(r.provider, r.group, delta);
  if (r.kind === 'problem' && r.country !== '') w.countries.set(r.country, (w.countries.get(r.country) ?? 0) + delta);
}
