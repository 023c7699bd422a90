// Per-bucket report counters in memory (the persisted aggregates): recent rates, the last hour, the trend.
import type { ProblemKind } from '../../contracts/status.ts';
import type { DetectionConfig } from './config.ts';
import { WEEK_HOURS } from './config.ts';
import type { BucketCounts } from '../storage/store.ts';
import { emptyProblems } from '../storage/store.ts';

export interface Counts {
  reports: number;
  clients: number;
  working: number;
  networks: number;
  problems: Record<ProblemKind, number>;
}

/** One service's recent buckets (the persisted aggregates, mirrored in memory so evaluation never queries). */
export class BucketSeries {
  private readonly buckets = new Map<number, Counts>();
  private first: number | null = null;

  constructor(private readonly cfg: DetectionConfig) {}

  /**
   * Takes a bucket's stored totals. Stored counts only grow, so each count keeps the larger of what memory and the
   * database said: a resync read before this node's own commit can never take that commit back, and a total read
   * twice is never counted twice.
   */
  raise(b: Pick<BucketCounts, 'bucketStart' | 'reports' | 'clients' | 'working' | 'networks' | 'problems'>): void {
    let c = this.buckets.get(b.bucketStart);
    if (!c) {
      c = { reports: 0, clients: 0, working: 0, networks: 0, problems: emptyProblems() };
      this.buckets.set(b.bucketStart, c);
    }
    c.reports = Math.max(c.reports, b.reports);
    c.clients = Math.max(c.clients, b.clients);
    c.working = Math.max(c.working, b.working);
    c.networks = Math.max(c.networks, b.networks);
    for (const p of Object.keys(c.problems) as ProblemKind[]) c.problems[p] = Math.max(c.problems[p], b.problems[p]);
    if (this.first === null || b.bucketStart < this.first) this.first = b.bucketStart;
  }

  /** The earliest bucket ever counted (from the database's history, not just memory). */
  setFirst(bucketStart: number): void {
    if (this.first === null || bucketStart < this.first) this.first = bucketStart;
  }

  /** Sums buckets whose start lies in [from, to). */
  sum(from: number, to: number): Counts {
    const total: Counts = { reports: 0, clients: 0, working: 0, networks: 0, problems: emptyProblems() };
    const { bucketMs } = this.cfg;
    for (let s = from - (((from % bucketMs) + bucketMs) % bucketMs); s < to; s += bucketMs) {
      if (s < from) continue;
      const c = this.buckets.get(s);
      if (!c) continue;
      total.reports += c.reports;
      total.clients += c.clients;
      total.working += c.working;
      total.networks += c.networks;
      for (const p of Object.keys(c.problems) as ProblemKind[]) total.problems[p] += c.problems[p];
    }
    return total;
  }

  /** Forgets buckets older than the trend can show (a week, and the hour in progress). */
  prune(now: number): void {
    const keepFrom = now - this.cfg.hourMs * (WEEK_HOURS + 2);
    for (const s of this.buckets.keys()) if (s < keepFrom) this.buckets.delete(s);
  }

  get size(): number {
    return this.buckets.size;
  }
}
