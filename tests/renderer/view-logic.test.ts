// Pure view logic: time words, staleness, chart geometry, report flow, settings checks.
import { describe, expect, it } from 'vitest';
import type { IncidentDto, TrendBucket } from '../../contracts/aggregator-api.ts';
import { chartGeometry } from '../../renderer/src/view/chart-geometry.ts';
import { describeFeed, describeFreshness } from '../../renderer/src/view/freshness.ts';
import { IDLE, reportFlow, reportView } from '../../renderer/src/view/report-flow.ts';
import { aggregatorUrlError, checkIntervalSeconds, clockTimeError, mergeSettings } from '../../renderer/src/view/settings-form.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { formatAgo, formatDuration } from '../../renderer/src/view/time.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-23T14:30:00Z');

describe('time words', () => {
  it('says durations the short way', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(51 * HOUR)).toBe('2 days 3 h');
    expect(formatAgo(NOW - 2_000, NOW)).toBe('just now');
    expect(formatAgo(NOW - 6 * 60_000, NOW)).toBe('6 min ago');
  });
});

describe('freshness', () => {
  it('is current within two rounds and stale after', () => {
    expect(describeFreshness(NOW - 30_000, false, NOW, 60_000)).toEqual({ stale: false, text: 'Last checked 30 s ago' });
    expect(describeFreshness(NOW - 6 * 60_000, false, NOW, 60_000)).toEqual({
      stale: true,
      text: 'Last updated 6 min ago — may be out of date',
    });
    expect(describeFreshness(null, true, NOW, 60_000).text).toBe('Checking for the first time…');
  });

  it('names a feed failure in words', () => {
    expect(describeFeed("Apple's status", null, true, 'connection refused', NOW)).toBe("Apple's status unavailable: connection refused");
    expect(describeFeed("Apple's status", NOW - 600_000, true, 'timeout', NOW)).toBe(
      "Apple's status updated 10 min ago, may be out of date (timeout)",
    );
  });
});

describe('chart geometry', () => {
  const windowStart = Math.floor(NOW / HOUR) * HOUR - 23 * HOUR;
  const buckets: TrendBucket[] = Array.from({ length: 24 }, (_, i) => ({
    start: new Date(windowStart + i * HOUR).toISOString(),
    reports: i === 20 ? 40 : 2,
    baseline: 4,
  }));
  const box = { width: 240, height: 50, hours: 24, now: NOW, baselineFromHistory: true };

  it('scales bars to the largest value and places them by hour', () => {
    const g = chartGeometry(buckets, [], box);
    expect(g.bars).toHaveLength(24);
    expect(g.maxValue).toBe(40);
    const peak = g.bars[20];
    expect(peak?.height).toBe(50);
    expect(peak?.y).toBe(0);
    expect(g.bars[0]?.height).toBeCloseTo(2.5);
    expect(g.bars[1]?.x).toBeGreaterThan(g.bars[0]?.x ?? Infinity);
    expect(g.bars[23]?.x).toBeLessThan(240);
    // Baseline 4 of 40 sits at 90 % of the height.
    expect(g.baseline.split(' ')[0]).toBe('5,45');
    expect(g.summary).toContain('86 reports in the last 24 hours');
    expect(g.summary).toContain('no outage windows');
    expect(g.summary).toContain('usually about 4 an hour');
  });

  it('gives no "usually" figure while the baseline is a cold-start default', () => {
    const g = chartGeometry(buckets, [], { ...box, baselineFromHistory: false });
    expect(g.summary).toContain('no history yet');
    expect(g.summary).not.toMatch(/usually/);
  });

  it('shades incidents clipped to the window, ongoing ones up to now', () => {
    const incidents: IncidentDto[] = [
      {
        id: 'a',
        start: new Date(windowStart - 5 * HOUR).toISOString(),
        end: new Date(windowStart + 2 * HOUR).toISOString(),
        peakReportsPerHour: 9,
        source: 'reports',
      },
      { id: 'b', start: new Date(windowStart + 20 * HOUR).toISOString(), end: null, peakReportsPerHour: 40, source: 'official' },
      {
        id: 'c',
        start: new Date(windowStart - 9 * HOUR).toISOString(),
        end: new Date(windowStart - 8 * HOUR).toISOString(),
        peakReportsPerHour: 9,
        source: 'reports',
      },
    ];
    const g = chartGeometry(buckets, incidents, box);
    expect(g.shades).toHaveLength(2);
    expect(g.shades[0]).toEqual({ x: 0, width: 20, ongoing: false });
    expect(g.shades[1]?.x).toBe(200);
    expect(g.shades[1]?.width).toBeCloseTo(((NOW - (windowStart + 20 * HOUR)) / HOUR) * 10);
    expect(g.summary).toContain('2 outage windows');
  });

  it('says so when there is no data, and ignores buckets outside the window', () => {
    const old = [{ start: new Date(windowStart - 2 * HOUR).toISOString(), reports: 99, baseline: 1 }];
    const g = chartGeometry(old, [], box);
    expect(g.bars).toEqual([]);
    expect(g.baseline).toBe('');
    expect(g.summary).toBe('No report data for the last 24 hours.');
  });
});

describe('report flow', () => {
  it('goes idle → sending → sent, and a duplicate disables the buttons until retryAt', () => {
    let s = reportFlow(IDLE, { type: 'send' });
    expect(reportView(s, NOW)).toMatchObject({ disabled: true, note: 'Sending…' });
    s = reportFlow(s, { type: 'outcome', outcome: { result: 'sent', message: 'Thanks — report sent.' } });
    expect(reportView(s, NOW)).toMatchObject({ disabled: false, note: 'Thanks — report sent.', tone: 'ok' });
    s = reportFlow(s, { type: 'outcome', outcome: { result: 'duplicate', message: 'Already counted.', retryAt: NOW + 20 * 60_000 } });
    const view = reportView(s, NOW);
    expect(view.disabled).toBe(true);
    expect(view.note).toMatch(/^Already counted\. You can report again after \d\d:\d\d\.$/);
    expect(reportView(s, NOW + 21 * 60_000).disabled).toBe(false);
  });

  it('keeps a queued report waiting until delivered', () => {
    let s = reportFlow(IDLE, { type: 'outcome', outcome: { result: 'queued', message: 'Queued.' } });
    expect(reportView(s, NOW)).toMatchObject({ disabled: true, note: 'Queued.' });
    const limited = reportFlow(IDLE, {
      type: 'outcome',
      outcome: { result: 'queued', message: 'Rate-limited.', retryAt: NOW + 5 * 60_000 },
    });
    expect(reportView(limited, NOW).note).toMatch(/^Rate-limited, will retry at \d\d:\d\d\.$/);
    s = reportFlow(s, { type: 'delivered' });
    expect(reportView(s, NOW)).toMatchObject({ disabled: false, note: 'Your queued report has been sent.' });
    expect(reportFlow(IDLE, { type: 'delivered' })).toBe(IDLE);
  });

  it('shows a failure in words and lets the user try again', () => {
    const s = reportFlow(IDLE, { type: 'error', message: 'Lost contact with the monitor.' });
    expect(reportView(s, NOW)).toEqual({ disabled: false, note: 'Could not send: Lost contact with the monitor.', tone: 'bad' });
  });
});

describe('settings checks', () => {
  it('checks the interval in whole seconds within the limits', () => {
    expect(checkIntervalSeconds('60')).toEqual({ ms: 60_000 });
    expect(checkIntervalSeconds('0')).toEqual({ error: 'Between 1 and 3600 seconds.' });
    expect(checkIntervalSeconds('1.5')).toEqual({ error: 'Use whole seconds.' });
    expect(checkIntervalSeconds('abc')).toEqual({ error: 'Enter a number of seconds.' });
  });

  it('accepts only http(s) aggregator addresses without credentials', () => {
    expect(aggregatorUrlError('http://127.0.0.1:8787')).toBeNull();
    expect(aggregatorUrlError('https://status.example.org/')).toBeNull();
    expect(aggregatorUrlError('ftp://x')).toMatch(/http/);
    expect(aggregatorUrlError('not a url')).toMatch(/full address/);
    expect(aggregatorUrlError('https://u:p@example.org')).toMatch(/password/);
  });

  it('merges a patch one level deep, as the engine does', () => {
    const next = mergeSettings(DEFAULT_SETTINGS, { quietHours: { enabled: true }, officialFeed: false });
    expect(next.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(next.officialFeed).toBe(false);
    expect(next.notifications).toBe(DEFAULT_SETTINGS.notifications);
  });

  it('checks quiet-hour times', () => {
    expect(clockTimeError('22:00')).toBeNull();
    expect(clockTimeError('24:00')).not.toBeNull();
    expect(clockTimeError('7:00')).not.toBeNull();
  });
});
