// The main view's words for the crowd and the lead: problem shares, where the networks are, who was first.
import { describe, expect, it } from 'vitest';
import { whereWords, regionName } from '../../renderer/src/view/country-words.ts';
import { leadSentence } from '../../renderer/src/view/lead-words.ts';
import { percentWords, problemShares } from '../../renderer/src/view/problem-shares.ts';

const shares = (reportsLastHour: number, ...counts: [Parameters<typeof problemShares>[0]['topProblems'][number]['problem'], number][]) =>
  problemShares({ reportsLastHour, topProblems: counts.map(([problem, count]) => ({ problem, count })) }).map((s) =>
    `${s.words} ${percentWords(s.percent)}`.replace('\u00a0', ' '),
  );

describe('problem shares', () => {
  it("are shares of all the hour's problem reports, most first, at most three", () => {
    expect(shares(250, ['not-delivered', 180], ['cannot-sign-in', 45], ['other', 25])).toEqual([
      'Not delivered 72 %',
      "Can't sign in 18 %",
      'Other 10 %',
    ]);
    // The server lists three kinds; the fourth keeps its part of the whole instead of swelling the others.
    expect(shares(200, ['calls-fail', 100], ['other', 50], ['activation', 30])).toEqual([
      'Calls fail 50 %',
      'Other 25 %',
      'Activation 15 %',
    ]);
  });

  it('round to whole percents that never add up past 100, and say "<1 %" for a sliver', () => {
    expect(shares(3, ['not-delivered', 1], ['other', 1], ['cannot-sign-in', 1])).toEqual([
      'Not delivered 34 %',
      'Other 33 %',
      "Can't sign in 33 %",
    ]);
    expect(shares(1000, ['not-delivered', 996], ['other', 4])).toEqual(['Not delivered 100 %', 'Other <1 %']);
    expect(shares(0)).toEqual([]);
    expect(shares(0, ['other', 0])).toEqual([]);
  });
});

describe('where the networks are', () => {
  const name = (code: string) => ({ US: 'United States', DE: 'Germany', GB: 'United Kingdom', FR: 'France', JP: 'Japan' })[code] ?? code;
  const where = (networksInWindow: number | null, ...list: [string, number][]) =>
    whereWords({ networksInWindow, topCountries: list.map(([country, networks]) => ({ country, networks })) }, name);

  it('says "Mostly" only when one country holds more than half of all problem networks', () => {
    expect(where(100, ['US', 60], ['DE', 30], ['GB', 10])).toBe('Mostly United States · 3 countries');
    // Networks with no known country are not listed but count in the whole: 60 of 130 is no majority.
    expect(where(130, ['US', 60], ['DE', 30], ['GB', 10])).toBe('United States, Germany and 1 more');
    expect(where(100, ['US', 50], ['DE', 50])).toBe('United States and Germany');
    // An older count smaller than the list never makes a majority out of nothing.
    expect(where(null, ['US', 3], ['DE', 1])).toBe('Mostly United States · 2 countries');
  });

  it('says "at least" when the list is full, since the server sends no more than five', () => {
    const five: [string, number][] = [
      ['US', 60],
      ['DE', 10],
      ['GB', 10],
      ['FR', 10],
      ['JP', 10],
    ];
    expect(where(100, ...five)).toBe('Mostly United States · at least 5 countries');
    expect(where(300, ...five)).toBe('United States, Germany and at least 3 more');
  });

  it('names a single country, and says nothing without countries', () => {
    expect(where(40, ['JP', 12])).toBe('Japan only');
    expect(where(40)).toBeNull();
    expect(whereWords({ networksInWindow: 3 }, name)).toBeNull();
  });

  it("takes country names from the runtime's locale, and keeps a code it cannot name", () => {
    expect(regionName('DE')).toBe(new Intl.DisplayNames(undefined, { type: 'region' }).of('DE'));
    expect(regionName('not a code')).toBe('not a code');
  });
});

describe('the lead on Apple', () => {
  it('claims to have known first only when it did', () => {
    expect(leadSentence({ kind: 'ahead', ms: 42 * 60_000 })).toBe("Seen here 42 min before Apple's status page.");
    expect(leadSentence({ kind: 'ahead', ms: 8_000 })).toBe("Seen here 8 s before Apple's status page.");
    expect(leadSentence({ kind: 'apple-first', ms: 3 * 60_000 })).toBe("Apple's page showed it 3 min earlier.");
    expect(leadSentence({ kind: 'same-time' })).toBe("Apple's page showed it at the same time.");
    expect(leadSentence({ kind: 'unconfirmed' })).toBe("Apple's page doesn't show it yet.");
  });
});
