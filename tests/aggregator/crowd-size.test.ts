// How big the crowd behind a status really is: networksLast24h and baselineFromHistory, on a Detector with an injected clock.
import { describe, expect, it } from 'vitest';
import { detectionConfig } from '../../aggregator/detection/config.ts';
import { Detector } from '../../aggregator/detection/detector.ts';
import { NetworksHeard } from '../../aggregator/detection/networks-heard.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
// Thursday 2026-11-19 10:00 UTC.
const T0 = Date.UTC(2026, 10, 19, 10);

/** A detector that started at T0, with `networks` problem networks (one provider each) in the bucket at T0. */
function detectorWith(networks: number): Detector {
  const d = new Detector(detectionConfig(), ['imessage'], T0);
  d.recordProviders(
    Array.from({ length: networks }, (_, i) => ({
      service: 'imessage',
      bucketStart: T0,
      kind: 'problem' as const,
      provider: `AS${i}`,
      group: '',
      country: '',
      networks: 1,
      hourNetworks: 1,
    })),
  );
  return d;
}

const reading = (d: Detector, at = T0 + MIN) => d.evaluate(at).readings.imessage;

describe('crowd size in the status', () => {
  it('a fresh server that heard no one says 0 networks and has no history', () => {
    expect(reading(detectorWith(0))).toMatchObject({ networksLast24h: 0, baselineFromHistory: false });
  });

  it('one network reporting now is 1, whatever else the cold-start baseline says', () => {
    const r = reading(detectorWith(1));
    expect(r).toMatchObject({ networksLast24h: 1, baselineFromHistory: false });
    // The figure the popover must not call "usual": the cold-start default, not anything this server saw.
    expect(r.baselinePerHour).toBe(detectionConfig().coldStartPerHour);
  });

  it("adds the past 24 h's hourly samples to the open window, and leaves older hours out", () => {
    const d = detectorWith(1);
    d.recordSamples([
      { service: 'imessage', hourStart: T0 - 25 * HOUR, networks: 7, elevated: false }, // more than a day ago
      { service: 'imessage', hourStart: T0 - 23 * HOUR, networks: 4, elevated: false },
      { service: 'imessage', hourStart: T0 - 5 * HOUR, networks: 2, elevated: true }, // an outage's hour is still heard
    ]);
    expect(reading(d).networksLast24h).toBe(1 + 4 + 2);
  });

  it('the baseline comes from history once the same hour has a sample of its own, not from an outage hour', () => {
    const sampled = (elevated: boolean) => {
      const d = detectorWith(0);
      d.recordSamples([{ service: 'imessage', hourStart: T0 - 24 * HOUR, networks: 30, elevated }]);
      return reading(d);
    };
    expect(sampled(false)).toMatchObject({ baselineFromHistory: true, baselinePerHour: 30 });
    expect(sampled(true).baselineFromHistory).toBe(false);
    // Another hour's history says nothing about this hour's "usual".
    const d = detectorWith(0);
    d.recordSamples([{ service: 'imessage', hourStart: T0 - 3 * HOUR, networks: 30, elevated: false }]);
    expect(reading(d).baselineFromHistory).toBe(false);
  });
});

describe('one network, exactly', () => {
  // One network that reported an hour ago and again now: the hourly samples say 2, the prefixes say 1.
  function oneNetworkTwoHours(startedAt: number, secondPrefix = '203.0.113.0') {
    const d = detectorWith(1);
    d.heard = new NetworksHeard(HOUR, startedAt);
    d.heard.note('imessage', T0 - HOUR + MIN, '203.0.113.0');
    d.heard.note('imessage', T0 + MIN, secondPrefix);
    d.recordSamples([{ service: 'imessage', hourStart: T0 - HOUR, networks: 1, elevated: false }]);
    return d;
  }

  it('a server that heard one network in two hours says 1, not the hourly sum', () => {
    expect(reading(oneNetworkTwoHours(T0 - 2 * HOUR)).networksLast24h).toBe(1);
  });

  it('two networks stay the hourly figure', () => {
    expect(reading(oneNetworkTwoHours(T0 - 2 * HOUR, '198.51.100.0')).networksLast24h).toBe(2);
  });

  it('a process that started after an hour with networks in it cannot vouch for that hour: the hourly figure', () => {
    const d = oneNetworkTwoHours(T0 - 2 * HOUR);
    d.recordSamples([{ service: 'imessage', hourStart: T0 - 3 * HOUR, networks: 5, elevated: false }]);
    expect(reading(d).networksLast24h).toBe(1 + 1 + 5);
  });

  it('keeps at most two prefixes an hour, and stops asking once it has them', () => {
    const heard = new NetworksHeard(HOUR, T0);
    expect(heard.wants('imessage', T0)).toBe(true);
    for (const p of ['a', 'a', 'b', 'c']) heard.note('imessage', T0, p);
    expect(heard.wants('imessage', T0)).toBe(false);
    expect(heard.atMostOne('imessage', T0)).toBeNull();
    expect(heard.atMostOne('imessage', T0 + 25 * HOUR)).toBe(0); // a day later those hours are gone
  });
});
