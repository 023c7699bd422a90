// Pure geometry of the report chart (24 hours or a week): hourly bars, the baseline line, shaded outage windows, time
// ticks, a text summary.
import type { IncidentDto, TrendBucket } from '../../../contracts/aggregator-api.ts';
import { formatClock } from './time.ts';

const HOUR = 3_600_000;

export interface ChartBox {
  width: number;
  height: number;
  hours: number;
  now: number;
  /** The server's baseline comes from its own past hours; until then it is a cold-start default, no one's "usual". */
  baselineFromHistory: boolean;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  reports: number;
  start: number;
}

export interface Shade {
  x: number;
  width: number;
  ongoing: boolean;
}

/** A gridline at x; its label (if any) sits at labelX, which for a week is the middle of the day. */
export interface Tick {
  x: number;
  label: string;
  labelX: number;
  /** Where the label hangs from labelX: its middle, unless it ends there. */
  anchor: 'middle' | 'end';
}

export interface ChartGeometry {
  bars: Bar[];
  ticks: Tick[];
  /** SVG points "x,y x,y" of the baseline, empty when there are no buckets. */
  baseline: string;
  shades: Shade[];
  maxValue: number;
  windowStart: number;
  summary: string;
}

/** Lays the buckets over [now - hours, now]; the vertical scale fits the larger of reports and baseline. */
export function chartGeometry(buckets: TrendBucket[], incidents: IncidentDto[], box: ChartBox): ChartGeometry {
  const windowStart = Math.floor(box.now / HOUR) * HOUR - (box.hours - 1) * HOUR;
  const windowEnd = windowStart + box.hours * HOUR;
  const slot = box.width / box.hours;
  const parsed = buckets
    .map((b) => ({ start: Date.parse(b.start), reports: Math.max(0, b.reports), baseline: Math.max(0, b.baseline) }))
    .filter((b) => Number.isFinite(b.start) && b.start >= windowStart && b.start < windowEnd);
  const maxValue = Math.max(1, ...parsed.map((b) => Math.max(b.reports, b.baseline)));
  const scaleY = (v: number): number => box.height - (v / maxValue) * box.height;
  const xOf = (t: number): number => ((t - windowStart) / HOUR) * slot;
  const gap = Math.min(2, slot * 0.2);

  const bars: Bar[] = parsed.map((b) => {
    const h = (b.reports / maxValue) * box.height;
    return { x: xOf(b.start) + gap / 2, y: box.height - h, width: slot - gap, height: h, reports: b.reports, start: b.start };
  });
  const baseline = parsed.map((b) => `${round(xOf(b.start) + slot / 2)},${round(scaleY(b.baseline))}`).join(' ');

  const shades: Shade[] = [];
  for (const incident of incidents) {
    const start = Date.parse(incident.start);
    const end = incident.end === null ? box.now : Date.parse(incident.end);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    const from = Math.max(start, windowStart);
    const to = Math.min(end, windowEnd);
    if (to <= from) continue;
    shades.push({ x: xOf(from), width: Math.max(2, xOf(to) - xOf(from)), ongoing: incident.end === null });
  }
  const ticks = timeTicks(windowStart, windowEnd, box.hours, box.now).map((t) => ({ ...t, x: xOf(t.x), labelX: xOf(t.labelX) }));
  return { bars, baseline, shades, ticks, maxValue, windowStart, summary: summarize(parsed, shades.length, box) };
}

/** "24 hours", "7 days". */
export function spanWords(hours: number): string {
  return hours > 24 && hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Ticks in times, not x: up to two days, every 6 local hours ("18:00"), the labels near the ends left out for the
 * "ago" and "now" words; longer, each local midnight, with the day's name under the day's middle ("today" for today,
 * "now" at the end while today is too short to hold it).
 */
function timeTicks(from: number, to: number, hours: number, now: number): Tick[] {
  const step = hours <= 48 ? 6 : 24;
  const ticks: Tick[] = [];
  const at = new Date(from);
  at.setHours(Math.floor(at.getHours() / step) * step, 0, 0, 0);
  for (let t = at.getTime(); t < to; at.setHours(at.getHours() + step), t = at.getTime()) {
    if (step === 6) {
      if (t < from) continue;
      const nearEnd = Math.min(t - from, to - t) < 0.18 * (to - from);
      ticks.push({ x: t, labelX: t, label: nearEnd ? '' : `${String(at.getHours()).padStart(2, '0')}:00`, anchor: 'middle' });
      continue;
    }
    const start = Math.max(t, from);
    const end = Math.min(to, new Date(at).setHours(24));
    const short = end - start < 12 * HOUR;
    // Early in the day there is no room for "today" under it: "now" ends at the right edge instead.
    if (short && end > now) ticks.push({ x: start, labelX: end, label: 'now', anchor: 'end' });
    else
      ticks.push({
        x: start,
        labelX: (start + end) / 2,
        label: short ? '' : end > now ? 'today' : (DAYS[at.getDay()] ?? ''),
        anchor: 'middle',
      });
  }
  return ticks;
}

function summarize(parsed: { start: number; reports: number; baseline: number }[], outages: number, box: ChartBox): string {
  const span = spanWords(box.hours);
  if (parsed.length === 0) return `No report data for the last ${span}.`;
  const total = parsed.reduce((sum, b) => sum + b.reports, 0);
  const usual = parsed.reduce((sum, b) => sum + b.baseline, 0) / parsed.length;
  const peak = parsed.reduce((best, b) => (b.reports > best.reports ? b : best));
  const parts = [`${total} ${total === 1 ? 'report' : 'reports'} in the last ${span}`];
  if (total > 0) parts.push(`peak ${peak.reports} at ${formatClock(peak.start, box.now)}`);
  parts.push(box.baselineFromHistory ? `usually about ${formatCount(usual)} an hour` : 'no history yet');
  parts.push(outages === 0 ? 'no outage windows' : `${outages} outage ${outages === 1 ? 'window' : 'windows'}`);
  return `${parts.join('; ')}.`;
}

function formatCount(v: number): string {
  return v >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
