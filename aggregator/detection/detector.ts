// Turns each service's recent report volume into operational / degraded / outage, with hysteresis on the way back.
import type { CommunityState, ProblemKind, ServiceId } from '../../contracts/status.ts';
import { BucketSeries } from './baseline.ts';
import type { DetectionConfig } from './config.ts';
import type { BucketCounts } from '../storage/store.ts';

const RANK: Record<CommunityState, number> = { operational: 0, degraded: 1, outage: 2 };

/** What one evaluation says about one service. */
export interface ServiceReading {
  status: CommunityState;
  since: number;
  /** Problem reports counted in the last hour. */
  reportsLastHour: number;
  baselinePerHour: number;
  /** Recent rate (per hour, after "working" tempering) the status was judged on. */
  ratePerHour: number;
  /** Distinct networks reporting a problem in the recent window. */
  recentNetworks: number;
  /** Counted problem reports in the recent window. */
  recentReports: number;
  /** What the window shows right now, before the recovery hold: `outage` while the crowd is still reporting. */
  current: CommunityState;
  topProblems: { problem: ProblemKind; count: number }[];
}

export interface Transition {
  service: ServiceId;
  from: CommunityState;
  to: CommunityState;
  at: number;
  ratePerHour: number;
}

interface ServiceState {
  series: BucketSeries;
  status: CommunityState;
  since: number;
  /** When the signal first indicated a lower status (for the recovery hold). */
  lowerSince: number | null;
}

/** In-memory detection over per-bucket counters; evaluation is synchronous and cheap. */
export class Detector {
  private readonly states = new Map<ServiceId, ServiceState>();

  constructor(
    private readonly cfg: DetectionConfig,
    services: readonly ServiceId[],
    start: number,
  ) {
    for (const s of services) this.states.set(s, { series: new BucketSeries(cfg), status: 'operational', since: start, lowerSince: null });
  }

  /** Restores a persisted status (at start). */
  restore(service: ServiceId, status: CommunityState, since: number): void {
    const st = this.states.get(service);
    if (st) Object.assign(st, { status, since, lowerSince: null });
  }

  /** Takes per-bucket stored totals: from a commit of this node, or read from the database (other nodes write too). */
  record(buckets: BucketCounts[]): void {
    for (const b of buckets) this.states.get(b.service as ServiceId)?.series.raise(b);
  }

  /** Expected problem reports per hour for a service at time t. */
  baselineAt(service: ServiceId, t: number): number {
    return Math.round((this.states.get(service)?.series.baselineAt(t) ?? 0) * 10) / 10;
  }

  setFirst(service: string, bucketStart: number): void {
    this.states.get(service as ServiceId)?.series.setFirst(bucketStart);
  }

  /** Re-judges every service at `now`; returns the readings and the status changes. */
  evaluate(now: number): { readings: Record<ServiceId, ServiceReading>; transitions: Transition[] } {
    const readings = {} as Record<ServiceId, ServiceReading>;
    const transitions: Transition[] = [];
    for (const [service, st] of this.states) {
      const r = this.read(st, now);
      const target = this.level(r.ratePerHour, r.recentNetworks, r.baselinePerHour, 1);
      const relaxed = this.level(r.ratePerHour, r.recentNetworks, r.baselinePerHour, this.cfg.recoverRatio);
      let next: CommunityState | null = null;
      if (RANK[target] > RANK[st.status]) {
        next = target;
      } else if (RANK[relaxed] < RANK[st.status]) {
        st.lowerSince ??= now;
        if (now - st.lowerSince >= this.cfg.recoverMs) next = relaxed;
      } else {
        st.lowerSince = null;
      }
      if (next && next !== st.status) {
        transitions.push({ service, from: st.status, to: next, at: now, ratePerHour: r.ratePerHour });
        Object.assign(st, { status: next, since: now, lowerSince: null });
      }
      readings[service] = { ...r, status: st.status, since: st.since, current: target };
      st.series.prune(now);
    }
    return { readings, transitions };
  }

  private level(rate: number, networks: number, baseline: number, scale: number): CommunityState {
    const c = this.cfg;
    if (rate >= c.outageFactor * baseline * scale && networks >= c.outageMinNetworks * scale) return 'outage';
    if (rate >= c.degradedFactor * baseline * scale && networks >= c.degradedMinNetworks * scale) return 'degraded';
    return 'operational';
  }

  private read(st: ServiceState, now: number): Omit<ServiceReading, 'status' | 'since' | 'current'> {
    const { bucketMs, windowBuckets, hourMs, workingWeight } = this.cfg;
    const current = now - (now % bucketMs);
    const windowStart = current - (windowBuckets - 1) * bucketMs;
    const recent = st.series.sum(windowStart, current + bucketMs);
    const covered = Math.max(now - windowStart, bucketMs);
    const effective = Math.max(0, recent.reports - workingWeight * recent.working);
    const lastHour = st.series.sum(current + bucketMs - hourMs, current + bucketMs);
    const topProblems = (Object.entries(lastHour.problems) as [ProblemKind, number][])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([problem, count]) => ({ problem, count }));
    return {
      reportsLastHour: lastHour.reports,
      baselinePerHour: Math.round(st.series.baselineAt(now) * 10) / 10,
      ratePerHour: Math.round((effective * hourMs) / covered),
      recentNetworks: recent.networks,
      recentReports: recent.reports,
      topProblems,
    };
  }
}
