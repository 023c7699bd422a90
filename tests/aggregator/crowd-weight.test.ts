// Crowd weighing: the provider cap solved exactly, and unannounced networks (one provider each) kept as one count per
// bucket, so memory follows providers, not networks, and the weights stay the same as one row per network.
import { describe, expect, it } from 'vitest';
import { detectionConfig } from '../../aggregator/detection/config.ts';
import { cappedTotal, crowdWeight } from '../../aggregator/detection/crowd-weight.ts';
import { OWN_NETWORKS, ProviderSeries } from '../../aggregator/detection/provider-series.ts';
import type { ProviderCounts } from '../../aggregator/storage/provider-rows.ts';
import { seededRandom } from '../support/seeded-random.ts';

const BUCKET = 300_000;
const T0 = Date.UTC(2026, 10, 19, 10);

function row(provider: string, networks: number, over: Partial<ProviderCounts> = {}): ProviderCounts {
  return {
    service: 'imessage',
    bucketStart: T0,
    kind: 'problem',
    provider,
    group: '',
    country: '',
    networks,
    hourNetworks: networks,
    ...over,
  };
}

describe('cappedTotal with providers of weight 1 kept as a count', () => {
  it('equals the same weights listed one by one, for caps above and below 1', () => {
    const next = seededRandom(7);
    for (let trial = 0; trial < 400; trial += 1) {
      const named = Array.from({ length: Math.floor(next() * 8) }, () => 1 + Math.floor(next() * 60)).sort((a, b) => b - a);
      const ones = Math.floor(next() * 12);
      const share = [0.1, 0.25, 0.5, 1][Math.floor(next() * 4)] as number;
      const floor = [0, 1, 3][Math.floor(next() * 3)] as number;
      const listed = [...named, ...new Array<number>(ones).fill(1)].sort((a, b) => b - a);
      expect(cappedTotal(named, share, floor, ones), JSON.stringify({ named, ones, share, floor })).toBeCloseTo(
        cappedTotal(listed, share, floor),
        9,
      );
    }
  });

  it('one big provider is still cut to its share beside many one-network providers', () => {
    const caps = detectionConfig();
    const w = crowdWeight([{ provider: 'as16509', group: '', networks: 150 }], caps, 60);
    expect(w).toMatchObject({ networks: 210, providers: 61 });
    // 60 ones and the big one cut to T = 0.25 × (60 + T): T = 20.
    expect(w.counted).toBeCloseTo(80, 9);
  });
});

describe('ProviderSeries with unannounced networks', () => {
  const cfg = detectionConfig();

  it('weighs n unannounced networks as n providers, in one row per bucket and kind', () => {
    const series = new ProviderSeries(cfg);
    series.raiseAll(Array.from({ length: 500 }, (_, i) => row(`n${i.toString(16).padStart(16, '0')}`, 1, { delta: true })));
    series.raiseAll([row('as3320', 40, { delta: true, country: 'DE' })]);
    expect(series.rowCount).toBe(2);
    const crowd = series.crowd('problem', T0, T0 + BUCKET);
    expect(crowd).toMatchObject({ networks: 540, providers: 501 });
    const listed = crowdWeight(
      [
        { provider: 'as3320', group: '', networks: 40 },
        ...Array.from({ length: 500 }, (_, i) => ({ provider: `n${i}`, group: '', networks: 1 })),
      ],
      cfg,
    );
    expect(crowd.counted).toBeCloseTo(listed.counted, 9);
  });

  it('rises to the stored sum of unannounced networks (other nodes), never below its own count', () => {
    const series = new ProviderSeries(cfg);
    series.raiseAll([row('naaaa', 1, { delta: true }), row('nbbbb', 1, { delta: true }), row('ncccc', 1, { delta: true })]);
    // A resync reads each network's stored row: this node's three and two more from another node.
    series.raiseAll(['naaaa', 'nbbbb', 'ncccc', 'ndddd', 'neeee'].map((p) => row(p, 1)));
    expect(series.crowd('problem', T0, T0 + BUCKET).providers).toBe(5);
    // An older read (fewer rows) never lowers it.
    series.raiseAll(['naaaa', 'nbbbb'].map((p) => row(p, 1)));
    expect(series.crowd('problem', T0, T0 + BUCKET).providers).toBe(5);
    // Its own later commit adds.
    series.raiseAll([row('nffff', 1, { delta: true })]);
    expect(series.crowd('problem', T0, T0 + BUCKET)).toMatchObject({ networks: 6, providers: 6 });
  });

  it('keeps IPv6 groups and named providers apart from the shared row', () => {
    const series = new ProviderSeries(cfg);
    series.raiseAll([row('gabc', 9, { group: 'gabc', delta: true }), row('nfeed', 1, { delta: true })]);
    expect(series.rowCount).toBe(2);
    // The /32 counts at most ipv6GroupCap networks; the unannounced IPv4 network counts one.
    expect(series.crowd('problem', T0, T0 + BUCKET)).toMatchObject({ networks: 10, providers: 2 });
    expect(OWN_NETWORKS).not.toMatch(/^(as|n|g)/);
  });
});
