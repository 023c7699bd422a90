// The chart over a day or a week: hourly slots, ticks and their words, the summary's span.
import { describe, expect, it } from 'vitest';
import type { TrendBucket } from '../../contracts/aggregator-api.ts';
import { chartGeometry, spanWords } from '../../renderer/src/view/chart-geometry.ts';
import { NOW } from './fixtures.ts';

const HOUR = 3_600_000;

function hourly(hours: number): TrendBucket[] {
  const first = Math.floor(NOW / HOUR) * HOUR - (hours - 1) * HOUR;
  return Array.from({ length: hours }, (_, i) => ({ start: new Date(first + i * HOUR).toISOString(), reports: 1, baseline: 1 }));
}

const box = { width: 336, height: 50, now: NOW, baselineFromHistory: true };

describe('chart span', () => {
  it('lays a week as 168 hourly bars, names each whole day under its middle and today as today', () => {
    const g = chartGeometry(hourly(168), [], { ...box, hours: 168 });
    expect(g.bars).toHaveLength(168);
    expect(g.bars[167]?.x).toBeLessThan(336);
    expect(g.bars[1]!.x - g.bars[0]!.x).toBeCloseTo(2);
    // NOW is Monday 14:30: the window opens on the Monday before at 15:00 (9 hours: too short to name).
    expect(g.ticks.map((t) => t.label)).toEqual(['', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'today']);
    const sunday = g.ticks[6]!;
    const midnight = new Date(NOW);
    midnight.setHours(0, 0, 0, 0);
    expect(g.ticks[7]!.x).toBeCloseTo(((midnight.getTime() - g.windowStart) / HOUR) * 2);
    expect(sunday.labelX).toBeCloseTo(sunday.x + 24);
    expect(g.summary).toContain('168 reports in the last 7 days');
  });

  it('says "now" at the end of a week while today is too young to be named', () => {
    const early = new Date(NOW);
    early.setHours(4, 10, 0, 0);
    const g = chartGeometry([], [], { ...box, hours: 168, now: early.getTime() });
    expect(g.ticks.at(-2)?.label).toBe('Sun');
    expect(g.ticks.at(-1)).toMatchObject({ label: 'now', anchor: 'end', labelX: 336 });
  });

  it('marks a day every 6 hours, leaving the ends to "24 h ago" and "now"', () => {
    const g = chartGeometry(hourly(24), [], { ...box, hours: 24 });
    // Window 15:00 → 15:00: 18:00 and 12:00 are 3 hours from an end.
    expect(g.ticks.map((t) => t.label)).toEqual(['', '00:00', '06:00', '']);
    expect(g.ticks[1]!.x).toBeCloseTo(9 * 14);
    expect(g.summary).toContain('in the last 24 hours');
  });

  it('says a week in days and other spans in hours', () => {
    expect(spanWords(168)).toBe('7 days');
    expect(spanWords(24)).toBe('24 hours');
    expect(spanWords(36)).toBe('36 hours');
    expect(chartGeometry([], [], { ...box, hours: 168 }).summary).toBe('No report data for the last 7 days.');
  });
});
