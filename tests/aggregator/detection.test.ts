// Detection on synthetic streams with an injected clock: a normal week, a 15,000-report outage, one noisy client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse, StatusResponse, TrendResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { DEFAULT_DETECTION, detectionConfig } from '../../aggregator/detection/config.ts';
import { Detector } from '../../aggregator/detection/detector.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import { emptyProblems } from '../../aggregator/storage/store.ts';
import { BACKENDS, client, getJson, networkAddress, post, postFrom } from './backends.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
// Thursday 2026-11-19 00:00 UTC.
const THURSDAY = Date.UTC(2026, 10, 19);

/** Deterministic pseudo-random in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Normal traffic: quiet nights, a lunch and an evening peak, quieter weekends (problem reports per hour). */
function normalRate(t: number): number {
  const h = (t % (24 * HOUR)) / HOUR;
  const peak = Math.exp(-((h - 13) ** 2) / 4) + Math.exp(-((h - 20) ** 2) / 3);
  const day = new Date(t).getUTCDay();
  return (20 + 80 * peak) * (day === 0 || day === 6 ? 0.8 : 1);
}

function bucket(service: ServiceId, bucketStart: number, reports: number, working = 0) {
  return {
    service,
    bucketStart,
    reports,
    clients: reports,
    working,
    networks: reports,
    problems: { ...emptyProblems(), 'not-delivered': reports },
  };
}

/** Records buckets as this node's commits would: the aggregates, and each counted network as a provider of its own. */
function feed(d: Detector, buckets: ReturnType<typeof bucket>[]): void {
  d.record(buckets);
  const rows = (b: ReturnType<typeof bucket>, kind: 'problem' | 'working', n: number) =>
    Array.from({ length: n }, (_, i) => ({
      service: b.service,
      bucketStart: b.bucketStart,
      kind,
      provider: `${kind}-${b.bucketStart}-${i}`,
      group: '',
      country: '',
      networks: 1,
      hourNetworks: 1,
    }));
  d.recordProviders(buckets.flatMap((b) => [...rows(b, 'problem', b.networks), ...rows(b, 'working', b.working)]));
}

describe('detector on a synthetic week', () => {
  it('raises nothing for a normal week with daily peaks, and learns the daily shape', () => {
    const cfg = detectionConfig();
    const detector = new Detector(cfg, ['imessage', 'facetime'], THURSDAY);
    const random = rng(7);
    const transitions = [];
    for (let t = THURSDAY; t < THURSDAY + 8 * 24 * HOUR; t += cfg.bucketMs) {
      const expected = (normalRate(t) * cfg.bucketMs) / HOUR;
      const n = Math.round(expected * (0.8 + 0.4 * random()));
      feed(detector, [bucket('imessage', t, n, Math.round(n * 0.1)), bucket('facetime', t, Math.round(n / 2))]);
      for (const at of [t + MIN, t + cfg.bucketMs - 1]) transitions.push(...detector.evaluate(at).transitions);
    }
    expect(transitions).toEqual([]);
    const end = THURSDAY + 8 * 24 * HOUR;
    expect(detector.baselineAt('imessage', end + 13 * HOUR)).toBeGreaterThan(2 * detector.baselineAt('imessage', end + 4 * HOUR));
  });

  it('calls an outage on many distinct networks, not on a volume from too few', () => {
    const cfg = detectionConfig();
    const t0 = THURSDAY + 10 * HOUR;
    const many = new Detector(cfg, ['imessage'], t0);
    feed(many, [bucket('imessage', t0, 300)]);
    expect(many.evaluate(t0 + 2 * MIN).readings.imessage.status).toBe('outage');
    const few = new Detector(cfg, ['imessage'], t0);
    feed(few, [{ ...bucket('imessage', t0, 300), networks: cfg.outageMinNetworks - 1 }]);
    expect(few.evaluate(t0 + 2 * MIN).readings.imessage.status).not.toBe('outage');
  });

  it('never lets "working for me" lower what problem reports earn; they only shorten recovery once problems fell by themselves', () => {
    const cfg = detectionConfig();
    const t0 = THURSDAY + 10 * HOUR;
    const weak = 40; // 40 networks in 5 min = 480/h against a cold-start 60/h: degraded, far from outage
    const tempered = new Detector(cfg, ['imessage'], t0);
    feed(tempered, [bucket('imessage', t0, weak, 400)]);
    const r = tempered.evaluate(t0 + cfg.bucketMs - 1).readings.imessage;
    expect(r.status).toBe('degraded');
    expect(r.working.networks).toBe(400);
    // Problems stop; 30 networks say it works: back after workingRecoverMs, not the full recoverMs.
    const quiet = t0 + 3 * cfg.bucketMs;
    feed(tempered, [bucket('imessage', quiet, 0, 30)]);
    expect(tempered.evaluate(quiet).readings.imessage.status).toBe('degraded');
    expect(tempered.evaluate(quiet + cfg.workingRecoverMs).readings.imessage.status).toBe('operational');
    expect(cfg.workingRecoverMs).toBeLessThan(cfg.recoverMs);
  });

  it('steps down only after the signal stays low for recoverMs', () => {
    const cfg = detectionConfig();
    const t0 = THURSDAY + 10 * HOUR;
    const d = new Detector(cfg, ['imessage'], t0);
    feed(d, [bucket('imessage', t0, 400)]);
    expect(d.evaluate(t0 + MIN).transitions).toHaveLength(1);
    const quietFrom = t0 + 2 * cfg.bucketMs;
    expect(d.evaluate(quietFrom).readings.imessage.status).toBe('outage');
    expect(d.evaluate(quietFrom + cfg.recoverMs - 1).readings.imessage.status).toBe('outage');
    expect(d.evaluate(quietFrom + cfg.recoverMs).readings.imessage.status).toBe('operational');
  });

  it('takes stored totals: a stale resync never lowers a count, and a total read twice counts once', () => {
    const cfg = detectionConfig();
    const d = new Detector(cfg, ['imessage', 'facetime'], THURSDAY);
    const t0 = THURSDAY + 10 * HOUR;
    feed(d, [bucket('imessage', t0, 100)]); // this node's commit: the bucket now holds 100
    feed(d, [bucket('imessage', t0, 95)]); // a resync that read the database just before that commit
    feed(d, [bucket('imessage', t0, 100)]); // the next resync reads the same total again
    const r = d.evaluate(t0 + MIN).readings.imessage;
    expect([r.recentReports, r.problems.networks]).toEqual([100, 100]);
    feed(d, [bucket('imessage', t0, 120)]); // another node's reports, seen at the next resync
    expect(d.evaluate(t0 + MIN).readings.imessage.recentReports).toBe(120);
  });

  it('rejects an impossible configuration, naming the field', () => {
    expect(() => detectionConfig({ hourMs: DEFAULT_DETECTION.bucketMs * 1.5 })).toThrow(/hourMs/);
    expect(() => detectionConfig({ outageFactor: -1 })).toThrow(/outageFactor/);
  });
});

describe.each(BACKENDS)('detection over HTTP on $name', (backend) => {
  let agg: RunningAggregator;
  let storage: Awaited<ReturnType<typeof backend.storage>>;
  let clock = 0;

  beforeAll(async () => {
    if (backend.skip) return;
    storage = await backend.storage();
  });
  afterAll(async () => {
    await agg?.close();
    await storage?.cleanup();
  });

  const status = async () => (await getJson<StatusResponse>(`${agg.url}/v1/status`)).json.services;

  it.skipIf(backend.skip !== null)(
    'sees 15,000 reports from 5,000 networks as an outage within 5 minutes, and closes the incident after',
    async () => {
      const start = THURSDAY + 14 * HOUR + 7 * MIN; // 14:07, a known minute
      clock = start - 30 * MIN;
      agg = await startAggregator({ ...storage.options, rateLimit: false, now: () => clock });
      expect((await status()).imessage.status).toBe('operational');
      const step = 20_000;
      let sent = 0;
      let outageAt: number | null = null;
      const afterOutage: string[] = [];
      for (clock = start; clock < start + HOUR; clock += step) {
        const n = Math.round(((clock - start + step) / HOUR) * 15_000) - sent;
        // Three people per network (within its cap), each network its own /24 on loopback.
        const results = await Promise.all(
          Array.from({ length: n }, (_, k) =>
            postFrom(agg.url, networkAddress(Math.floor((sent + k) / 3)), {
              service: 'imessage',
              kind: 'problem',
              problem: 'not-delivered',
              clientId: client(),
            }),
          ),
        );
        expect(results.every((r) => r.status === 202)).toBe(true);
        sent += n;
        const s = (await status()).imessage.status;
        if (outageAt === null && s === 'outage') outageAt = clock;
        else if (outageAt !== null) afterOutage.push(s);
      }
      expect(sent).toBe(15_000);
      expect(outageAt).not.toBeNull();
      expect(outageAt! - start).toBeLessThanOrEqual(5 * MIN);
      expect(new Set(afterOutage)).toEqual(new Set(['outage']));
      expect((await status()).facetime.status).toBe('operational');

      const trend = await getJson<TrendResponse>(`${agg.url}/v1/services/imessage/trend?hours=3`);
      expect(trend.json.buckets.reduce((sum, b) => sum + b.reports, 0)).toBe(15_000);

      let recoveredAt: number | null = null;
      for (const end = clock; clock < end + 2 * HOUR && recoveredAt === null; clock += MIN) {
        if ((await status()).imessage.status === 'operational') recoveredAt = clock;
      }
      expect(recoveredAt).not.toBeNull();
      const incidents = await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents`);
      expect(incidents.json).toHaveLength(1);
      const [incident] = incidents.json;
      expect(incident).toMatchObject({ id: expect.any(String), source: 'reports', end: expect.any(String) });
      // The incident opens when the status first leaves operational (degraded may come a step before outage).
      expect(Date.parse(incident!.start)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(incident!.start)).toBeLessThanOrEqual(outageAt!);
      expect(Date.parse(incident!.end!)).toBe(recoveredAt);
      expect(incident!.peakReportsPerHour).toBeGreaterThanOrEqual(DEFAULT_DETECTION.outageFactor * DEFAULT_DETECTION.coldStartPerHour);
      expect((await getJson(`${agg.url}/v1/services/facetime/incidents`)).json).toEqual([]);
    },
    180_000,
  );

  it.skipIf(backend.skip !== null)(
    'does not move a status for one client sending 10,000 reports',
    async () => {
      await agg.close();
      await storage.cleanup();
      storage = await backend.storage();
      const start = THURSDAY + 9 * HOUR;
      clock = start;
      // 100 at a time through fetch, whose pool opens more sockets than that: the per-network connection cap is
      // tested in connections.test.ts, this test is about what one client's reports do to detection.
      agg = await startAggregator({ ...storage.options, rateLimit: false, maxConnectionsPerNetwork: 1_000, now: () => clock });
      const before = await getJson<StatusResponse>(`${agg.url}/v1/status`);
      const noisy = client();
      const counts = { 202: 0, 200: 0 } as Record<number, number>;
      for (let batch = 0; batch < 100; batch += 1) {
        const results = await Promise.all(
          Array.from({ length: 100 }, () =>
            post(agg.url, { service: 'facetime', kind: 'problem', problem: 'calls-fail', clientId: noisy }),
          ),
        );
        for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
        clock += 36_000; // 10,000 reports spread over an hour
        const s = (await status()).facetime.status;
        expect(s).toBe('operational');
      }
      expect(counts[202]).toBeLessThanOrEqual(5);
      expect(counts[200]).toBeGreaterThanOrEqual(9_995);
      const after = await getJson<StatusResponse>(`${agg.url}/v1/status`);
      expect(after.json.services.facetime.since).toBe(before.json.services.facetime.since);
      expect((await getJson(`${agg.url}/v1/services/facetime/incidents`)).json).toEqual([]);
    },
    120_000,
  );
});
