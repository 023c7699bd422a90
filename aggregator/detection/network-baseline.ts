// The expected number of distinct reporting networks per hour for a weekday and hour: the median of past samples of the
// same slot, leaving out hours spent degraded or out, each sample at most `baselineGrowth` × the one a week before.
// A network counts once per hour in a sample however often it posts, so a few networks can't walk the bar up.
import type { BaselineSample } from '../storage/provider-rows.ts';
import type { DetectionConfig } from './config.ts';
import { DAY_HOURS, WEEK_HOURS } from './config.ts';

interface Span {
  start: number;
  end: number | null;
}

export class NetworkBaseline {
  private readonly samples = new Map<number, { networks: number; elevated: boolean }>();
  private readonly spans: Span[] = [];

  constructor(private readonly cfg: DetectionConfig) {}

  /** Takes a sample (computed here or read back from storage): the larger count wins, elevated sticks. */
  add(s: Pick<BaselineSample, 'hourStart' | 'networks' | 'elevated'>): void {
    const known = this.samples.get(s.hourStart);
    this.samples.set(s.hourStart, {
      networks: Math.max(known?.networks ?? 0, s.networks),
      elevated: (known?.elevated ?? false) || s.elevated,
    });
  }

  /** The status was degraded or out from `start` to `end` (null: still is). */
  markElevated(start: number, end: number | null): void {
    if (!this.spans.some((s) => s.start === start)) this.spans.push({ start, end });
  }

  /** The status went back to operational at `end`: every open stretch ends there. */
  closeElevated(end: number): void {
    for (const s of this.spans) if (s.end === null) s.end = end;
  }

  /** Whether any time in [from, to) was spent degraded or out. */
  wasElevated(from: number, to: number): boolean {
    return this.spans.some((s) => s.start < to && (s.end === null || s.end > from));
  }

  /** Expected distinct networks per hour at t: same weekday and hour over past weeks, else past days, else cold start. */
  at(t: number): number {
    const { hourMs, baselineWeeks, coldStartPerHour, baselineFloorPerHour } = this.cfg;
    const slot = t - (t % hourMs);
    let values = this.slotSamples(slot, hourMs * WEEK_HOURS, baselineWeeks);
    if (values.length === 0) values = this.slotSamples(slot, hourMs * DAY_HOURS, 6);
    const value = values.length > 0 ? median(this.growthCapped(values)) : coldStartPerHour;
    return Math.max(baselineFloorPerHour, value);
  }

  /** Whether at(t) comes from this server's own samples rather than the cold-start figure. */
  fromHistory(t: number): boolean {
    const { hourMs, baselineWeeks } = this.cfg;
    const slot = t - (t % hourMs);
    return (
      this.slotSamples(slot, hourMs * WEEK_HOURS, baselineWeeks).length > 0 || this.slotSamples(slot, hourMs * DAY_HOURS, 6).length > 0
    );
  }

  /** Networks of the hourly samples in [from, to), added up: a network seen in two hours counts twice (exact at 0 and 1). */
  networksBetween(from: number, to: number): number {
    let sum = 0;
    for (const [hour, s] of this.samples) if (hour >= from && hour < to) sum += s.networks;
    return sum;
  }

  prune(now: number): void {
    const keepFrom = now - this.cfg.hourMs * WEEK_HOURS * (this.cfg.baselineWeeks + 1);
    for (const h of this.samples.keys()) if (h < keepFrom) this.samples.delete(h);
    for (let i = this.spans.length - 1; i >= 0; i -= 1) {
      const end = this.spans[i]?.end;
      if (end !== null && end !== undefined && end < keepFrom) this.spans.splice(i, 1);
    }
  }

  /** Usable samples of the slot, oldest first: missing hours (the node was down) and elevated ones left out. */
  private slotSamples(slot: number, periodMs: number, count: number): number[] {
    const out: number[] = [];
    for (let i = count; i >= 1; i -= 1) {
      const s = this.samples.get(slot - i * periodMs);
      if (s && !s.elevated) out.push(s.networks);
    }
    return out;
  }

  /** Each sample at most baselineGrowth × the previous accepted one (the floor stands in for a quiet start). */
  private growthCapped(values: number[]): number[] {
    const out: number[] = [];
    let prev: number | null = null;
    for (const v of values) {
      const capped: number = prev === null ? v : Math.min(v, this.cfg.baselineGrowth * Math.max(prev, this.cfg.baselineFloorPerHour));
      out.push(capped);
      prev = capped;
    }
    return out;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
