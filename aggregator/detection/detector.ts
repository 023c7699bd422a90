// Turns each service's recent crowd into operational / degraded / outage, with hysteresis on the way back.
import type { CommunityState, ProblemKind, ServiceId } from '../../contracts/status.ts';
import type { BaselineSample, ProviderCounts } from '../storage/provider-rows.ts';
import type { BucketCounts } from '../storage/store.ts';
import { BucketSeries } from './bucket-series.ts';
import type { DetectionConfig } from './config.ts';
import type { CrowdWeight } from './crowd-weight.ts';
import { NetworkBaseline } from './network-baseline.ts';
import type { CountryCount } from './provider-series.ts';
import { ProviderSeries } from './provider-series.ts';
import type { NetworksHeard } from './networks-heard.ts';

const RANK: Record<CommunityState, number> = { operational: 0, degraded: 1, outage: 2 };
/** Hours of samples computed at most in one evaluation (after a long pause of the clock). */
const MAX_SAMPLED_HOURS = 24 * 7 * 8;

/** What one evaluation says about one service. */
export interface ServiceReading {
  status: CommunityState;
  since: number;
  /** Problem reports counted in the last hour. */
  reportsLastHour: number;
  /** Expected distinct networks reporting a problem per hour now. */
  baselinePerHour: number;
  /** Counted networks in the window, per hour: what the status was judged on. */
  ratePerHour: number;
  /** The window's problem crowd: distinct networks, counted networks (after provider caps), providers. */
  problems: CrowdWeight;
  /** The window's "working for me" crowd, counted the same way (shown; never lowers the status). */
  working: CrowdWeight;
  /** Counted problem reports in the recent window. */
  recentReports: number;
  /** What problem reports earn right now, before the recovery hold. */
  current: CommunityState;
  topProblems: { problem: ProblemKind; count: number }[];
  topCountries: CountryCount[];
  /** Problem networks in the last 24 h, hour by hour (an upper bound; exact at 0 and 1): how big the crowd really is. */
  networksLast24h: number;
  /** The baseline comes from this server's own past hours, not the cold-start figure. */
  baselineFromHistory: boolean;
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
  providers: ProviderSeries;
  baseline: NetworkBaseline;
  status: CommunityState;
  since: number;
  /** When problems first fell below the relaxed thresholds (the recovery hold). */
  lowerSince: number | null;
  /** When problems were below degraded by themselves and "working" outnumbered them (the shorter hold). */
  workingSince: number | null;
  /** The last hour a baseline sample was taken for. */
  sampledThrough: number;
}

/** In-memory detection over per-bucket counters; evaluation is synchronous and cheap. */
export class Detector {
  private readonly states = new Map<ServiceId, ServiceState>();
  /** Called with each completed hour's sample (to store it, so other nodes and restarts share it). */
  onSample: (sample: BaselineSample) => void = () => undefined;
  /** The exact "one network or more" of the last 24 h, fed by the report route (networks-heard.ts). */
  heard: NetworksHeard | null = null;

  constructor(
    private readonly cfg: DetectionConfig,
    services: readonly ServiceId[],
    private readonly start: number,
  ) {
    for (const s of services)
      this.states.set(s, {
        series: new BucketSeries(cfg),
        providers: new ProviderSeries(cfg),
        baseline: new NetworkBaseline(cfg),
        status: 'operational',
        since: start,
        lowerSince: null,
        workingSince: null,
        sampledThrough: -Infinity,
      });
  }

  /** Restores a persisted status (at start). */
  restore(service: ServiceId, status: CommunityState, since: number): void {
    const st = this.states.get(service);
    if (!st) return;
    Object.assign(st, { status, since, lowerSince: null, workingSince: null });
    if (status !== 'operational') st.baseline.markElevated(since, null);
  }

  /** A past stretch degraded or out (from stored incidents): its hours are left out of the baseline. */
  markElevated(service: string, start: number, end: number | null): void {
    this.states.get(service as ServiceId)?.baseline.markElevated(start, end);
  }

  /** Takes per-bucket stored totals: from a commit of this node, or read from the database (other nodes write too). */
  record(buckets: BucketCounts[]): void {
    for (const b of buckets) this.states.get(b.service as ServiceId)?.series.raise(b);
  }

  /** Takes per-provider stored totals of counted networks (same sources as record). */
  recordProviders(rows: ProviderCounts[]): void {
    const byService = new Map<string, ProviderCounts[]>();
    for (const r of rows) {
      const list = byService.get(r.service);
      if (list) list.push(r);
      else byService.set(r.service, [r]);
    }
    for (const [service, list] of byService) this.states.get(service as ServiceId)?.providers.raiseAll(list);
  }

  /** Takes stored baseline samples (at start, and other nodes'). */
  recordSamples(samples: BaselineSample[]): void {
    for (const s of samples) this.states.get(s.service as ServiceId)?.baseline.add(s);
  }

  /** Expected distinct problem networks per hour for a service at time t. */
  baselineAt(service: ServiceId, t: number): number {
    return Math.round((this.states.get(service)?.baseline.at(t) ?? 0) * 10) / 10;
  }

  /** Counted problem reports in [from, to), from the in-memory buckets (they cover the trend's week). */
  reportsBetween(service: ServiceId, from: number, to: number): number {
    return this.states.get(service)?.series.sum(from, to).reports ?? 0;
  }

  setFirst(service: string, bucketStart: number): void {
    this.states.get(service as ServiceId)?.series.setFirst(bucketStart);
  }

  /** Re-judges every service at `now`; returns the readings and the status changes. */
  evaluate(now: number): { readings: Record<ServiceId, ServiceReading>; transitions: Transition[] } {
    const readings = {} as Record<ServiceId, ServiceReading>;
    const transitions: Transition[] = [];
    for (const [service, st] of this.states) {
      this.sample(service, st, now);
      const r = this.read(st, now);
      const target = this.level(r, 1);
      const relaxed = this.level(r, this.cfg.recoverRatio);
      const workingBack = target === 'operational' && r.working.counted >= Math.max(r.problems.counted, this.cfg.workingRecoverMinNetworks);
      let next: CommunityState | null = null;
      if (RANK[target] > RANK[st.status]) {
        next = target;
      } else {
        st.lowerSince = RANK[relaxed] < RANK[st.status] ? (st.lowerSince ?? now) : null;
        st.workingSince = workingBack && st.status !== 'operational' ? (st.workingSince ?? now) : null;
        if (st.lowerSince !== null && now - st.lowerSince >= this.cfg.recoverMs) next = relaxed;
        if (st.workingSince !== null && now - st.workingSince >= this.cfg.workingRecoverMs) next = 'operational';
      }
      if (next && next !== st.status) {
        transitions.push({ service, from: st.status, to: next, at: now, ratePerHour: r.ratePerHour });
        if (st.status === 'operational') st.baseline.markElevated(now, null);
        if (next === 'operational') st.baseline.closeElevated(now);
        Object.assign(st, { status: next, since: now, lowerSince: null, workingSince: null });
      }
      // From the hourly samples already kept for the baseline plus the open hour's window: cheap, no new storage.
      const day = 24 * this.cfg.hourMs;
      const summed = st.baseline.networksBetween(now - day, now) + r.problems.networks;
      // Exact at 0 and 1 when this process saw every hour with networks in it (hours wholly before it started had none).
      const exact = this.heard?.atMostOne(service, now) ?? null;
      const sawAll = this.heard !== null && st.baseline.networksBetween(now - day, this.heard.startedAt - this.cfg.hourMs + 1) === 0;
      const networksLast24h = exact !== null && sawAll ? Math.min(exact, summed) : summed;
      const baselineFromHistory = st.baseline.fromHistory(now);
      readings[service] = { ...r, status: st.status, since: st.since, current: target, networksLast24h, baselineFromHistory };
      st.series.prune(now);
      st.providers.prune(now - (now % this.cfg.hourMs) - 2 * this.cfg.hourMs);
      st.baseline.prune(now);
    }
    return { readings, transitions };
  }

  /** The level a reading earns with thresholds scaled by `scale` (1 going up, recoverRatio on the way back). */
  private level(r: Pick<ServiceReading, 'ratePerHour' | 'problems' | 'baselinePerHour'>, scale: number): CommunityState {
    const c = this.cfg;
    const { counted, providers } = r.problems;
    const meets = (factor: number, minNetworks: number, minProviders: number) =>
      r.ratePerHour >= factor * r.baselinePerHour * scale &&
      counted >= minNetworks * scale &&
      providers >= Math.min(minProviders, minNetworks) * scale;
    if (meets(c.outageFactor, c.outageMinNetworks, c.outageMinProviders)) return 'outage';
    if (meets(c.degradedFactor, c.degradedMinNetworks, c.degradedMinProviders)) return 'degraded';
    return 'operational';
  }

  private read(
    st: ServiceState,
    now: number,
  ): Omit<ServiceReading, 'status' | 'since' | 'current' | 'networksLast24h' | 'baselineFromHistory'> {
    const { bucketMs, windowBuckets, hourMs } = this.cfg;
    const current = now - (now % bucketMs);
    const windowStart = current - (windowBuckets - 1) * bucketMs;
    const end = current + bucketMs;
    const recent = st.series.sum(windowStart, end);
    const covered = Math.max(now - windowStart, bucketMs);
    const problems = st.providers.crowd('problem', windowStart, end);
    const lastHour = st.series.sum(end - hourMs, end);
    const topProblems = (Object.entries(lastHour.problems) as [ProblemKind, number][])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([problem, count]) => ({ problem, count }));
    return {
      reportsLastHour: lastHour.reports,
      baselinePerHour: Math.round(st.baseline.at(now) * 10) / 10,
      ratePerHour: Math.round((Math.floor(problems.counted) * hourMs) / covered),
      problems: { ...problems, counted: Math.floor(problems.counted) },
      working: floored(st.providers.crowd('working', windowStart, end)),
      recentReports: recent.reports,
      topProblems,
      topCountries: st.providers.topCountries(windowStart, end, 5),
    };
  }

  /**
   * Takes the baseline sample of every hour completed since the last one: its distinct counted networks (each network
   * once per hour, provider caps applied). Waits two recompute periods past the hour so other nodes' counts arrived.
   */
  private sample(service: ServiceId, st: ServiceState, now: number): void {
    const { hourMs, recomputeMs } = this.cfg;
    const last = now - (now % hourMs) - hourMs;
    if (now - (last + hourMs) < 2 * recomputeMs || last <= st.sampledThrough) return;
    let hour = Number.isFinite(st.sampledThrough)
      ? st.sampledThrough + hourMs
      : Math.max(last - hourMs, this.start - (this.start % hourMs));
    hour = Math.max(hour, last - MAX_SAMPLED_HOURS * hourMs);
    for (; hour <= last; hour += hourMs) {
      const crowd = st.providers.walkedCrowd('problem', hour, hour + hourMs, true);
      const sample = {
        service,
        hourStart: hour,
        networks: Math.floor(crowd.counted),
        elevated: st.baseline.wasElevated(hour, hour + hourMs),
      };
      st.baseline.add(sample);
      this.onSample(sample);
    }
    st.sampledThrough = last;
  }
}

function floored(c: CrowdWeight): CrowdWeight {
  return { ...c, counted: Math.floor(c.counted) };
}
