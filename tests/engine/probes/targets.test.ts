// Default targets and timings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS, DEFAULT_TIMINGS, timingsForInterval } from '../../../main/engine/probes/targets.ts';

describe('timingsForInterval', () => {
  it('keeps the timeout strictly shorter than the interval, and slow below the timeout', () => {
    for (const interval of [1_000, 1_500, 5_000, 12_000, 60_000, 3_600_000]) {
      const t = timingsForInterval(interval);
      expect(t.timeoutMs).toBeLessThan(interval);
      expect(t.timeoutMs).toBeLessThanOrEqual(10_000);
      expect(t.slowMs).toBeLessThan(t.timeoutMs);
    }
    expect(timingsForInterval(1_000)).toEqual({ timeoutMs: 800, slowMs: 400 });
  });

  it('defaults to a 10 s timeout at the one-minute interval', () => {
    expect(DEFAULT_TIMINGS).toEqual({ timeoutMs: 10_000, slowMs: 2_000 });
  });
});

describe('DEFAULT_TARGETS', () => {
  it("points at Apple's hosts and neutral references", () => {
    expect(DEFAULT_TARGETS.dnsHosts).toEqual(expect.arrayContaining(['init.ess.apple.com', 'identity.ess.apple.com']));
    expect(DEFAULT_TARGETS.apns.host).toMatch(/^\d+-courier\.push\.apple\.com$/);
    expect(DEFAULT_TARGETS.apns).toMatchObject({ port5223: 5223, port443: 443 });
    expect(DEFAULT_TARGETS.idsUrl).toBe('https://init.ess.apple.com/WebObjects/VCInit.woa/wa/getBag?ix=3');
    expect(DEFAULT_TARGETS.captiveUrl).toBe('http://captive.apple.com/hotspot-detect.html');
    for (const url of DEFAULT_TARGETS.referenceUrls) expect(new URL(url).hostname).not.toMatch(/apple\.com$/);
    expect(DEFAULT_TARGETS.appleIssuers).toContain('Apple Inc.');
  });
});
