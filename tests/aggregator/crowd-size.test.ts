// How big the crowd behind a status really is: networksLast24h and baselineFromHistory, on a Detector with an injected clock.
import { describe, expect, it } from 'vitest';
import { detectionConfig } from '../../aggregator/detection/config.ts';
import { Detector } from '../../aggregator/detection/detector.ts';

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
