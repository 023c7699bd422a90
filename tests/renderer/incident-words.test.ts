// The incident history in words: each incident's lead over Apple, its length, the 90-day summary; the list's data.
import { describe, expect, it } from 'vitest';
import { INCIDENTS_LIMIT_MAX, type IncidentDto, type IncidentSummaryResponse } from '../../contracts/aggregator-api.ts';
import { knownIncidents, serverHasOlder } from '../../renderer/src/view/incident-pages.ts';
import { durationWords, howOftenWords, leadWords, medianLeadWords } from '../../renderer/src/view/incident-words.ts';
import { LEAD_SAME_TIME_MS, leadOf } from '../../contracts/status.ts';
import { NOW } from './fixtures.ts';

const MIN = 60_000;

function incident(over: Partial<IncidentDto> = {}): IncidentDto {
  const start = new Date(NOW - 60 * MIN).toISOString();
  return { id: 'i', start, end: new Date(NOW - 20 * MIN).toISOString(), peakReportsPerHour: 90, source: 'reports', ...over };
}

const summary = (over: Partial<IncidentSummaryResponse>): IncidentSummaryResponse => ({
  days: 90,
  incidents: 0,
  outages: 0,
  confirmed: 0,
  medianLeadMs: null,
  ...over,
});

describe('incident words', () => {
  it('says who knew first, by how much, and when Apple never said it', () => {
    expect(leadWords(incident({ leadMs: 42 * MIN, appleShownAt: new Date(NOW).toISOString() }))).toEqual({
      words: 'seen 42 min before Apple',
      ahead: true,
    });
    expect(leadWords(incident({ leadMs: -3 * MIN }))).toEqual({ words: 'Apple was first by 3 min', ahead: false });
    expect(leadWords(incident({ leadMs: 400 }))?.words).toBe('Apple showed it at the same time');
    expect(leadWords(incident({ leadMs: null }))?.words).toBe('Apple never showed it');
    expect(leadWords(incident({ leadMs: null, end: null }))?.words).toBe("Apple hasn't shown it yet");
    // Apple's own incidents, and servers that mirror no Apple feed, have nothing to compare.
    expect(leadWords(incident({ source: 'official', leadMs: null }))).toBeNull();
    expect(leadWords(incident())).toBeNull();
  });

  it('gives an ended incident its length and an open one "ongoing" with its length so far', () => {
    expect(durationWords(NOW - 65 * MIN, NOW, NOW)).toBe('1 h 5 min');
    expect(durationWords(NOW - 12 * MIN, null, NOW)).toBe('ongoing (12 min)');
  });

  it('counts outages over the days, the smaller disruptions apart, and gives the median lead only when Apple confirmed some', () => {
    expect(howOftenWords(summary({}))).toBe('No outages in 90 days.');
    expect(howOftenWords(summary({ incidents: 3, outages: 3 }))).toBe('3 outages in 90 days.');
    expect(howOftenWords(summary({ incidents: 1, outages: 1 }))).toBe('1 outage in 90 days.');
    expect(howOftenWords(summary({ incidents: 1 }))).toBe('No outages in 90 days, 1 partial disruption.');
    expect(howOftenWords(summary({ incidents: 5, outages: 3 }))).toBe('3 outages in 90 days, 2 partial disruptions.');
    expect(medianLeadWords(summary({ incidents: 3, outages: 3 }))).toBeNull();
    expect(medianLeadWords(summary({ confirmed: 5, medianLeadMs: 38 * MIN }))).toBe(
      "Median: 38 min before Apple's status page (5 confirmed)",
    );
    expect(medianLeadWords(summary({ confirmed: 1, medianLeadMs: -4 * MIN }))).toBe(
      "Median: 4 min after Apple's status page (1 confirmed)",
    );
  });
});

describe('incident pages', () => {
  const at = (i: number): IncidentDto => incident({ id: `i${i}`, start: new Date(NOW - i * 60 * MIN).toISOString() });

  it('keeps every incident once, newest first, the latest answer winning', () => {
    const latest = [at(0), { ...at(1), end: null }, at(2)];
    const all = knownIncidents(latest, [at(4), at(1), at(3)]);
    expect(all.map((i) => i.id)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
    expect(all[1]?.end).toBeNull();
  });

  it('expects older incidents on the server only while every answer came back full', () => {
    const full = Array.from({ length: INCIDENTS_LIMIT_MAX }, (_, i) => at(i));
    expect(serverHasOlder(full.slice(1), null)).toBe(false);
    expect(serverHasOlder(full, null)).toBe(true);
    expect(serverHasOlder(full, true)).toBe(true);
    expect(serverHasOlder(full, false)).toBe(false);
  });
});

describe('leadOf (one rule for the alert words, the open incident and the history)', () => {
  it('is the same time inside a second either way, ahead or Apple first beyond it, unconfirmed without Apple', () => {
    expect(leadOf(null)).toEqual({ kind: 'unconfirmed' });
    expect(leadOf(LEAD_SAME_TIME_MS - 1)).toEqual({ kind: 'same-time' });
    expect(leadOf(-(LEAD_SAME_TIME_MS - 1))).toEqual({ kind: 'same-time' });
    expect(leadOf(LEAD_SAME_TIME_MS)).toEqual({ kind: 'ahead', ms: LEAD_SAME_TIME_MS });
    expect(leadOf(-42 * MIN)).toEqual({ kind: 'apple-first', ms: 42 * MIN });
  });
});
