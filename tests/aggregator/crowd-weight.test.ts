// Crowd weighing: the provider cap solved exactly, and unannounced networks (one provider each) kept as one count per
// bucket, so memory follows providers, not networks, and the weights stay the same as one row per network.
import { describe, expect, it } from 'vitest';
import { detectionConfig } from '../../aggregator/detection/config.ts';
import { cappedTotal, crowdWeight } from '../../aggregator/detection/crowd-weight.ts';
import { OWN_NETWORKS, ProviderSeries } from '../../aggregator/detection/provider-series.ts';
import type { ProviderCounts } from '../../aggregator/storage/provider-rows.ts';
import type { DetectionConfig } from '../../aggregator/detection/config.ts';

type Caps = Pick<DetectionConfig, 'providerShare' | 'providerFloorNetworks' | 'ipv6GroupCap'>;
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

  it('sums a folded shared row with the networks still stored one by one (a restart after a fold)', () => {
    const series = new ProviderSeries(cfg);
    // provider-fold.ts stored 3 unannounced networks as one '*' row; 2 more sit in their own rows (another writer's).
    series.raiseAll([row(OWN_NETWORKS, 3), row('naaaa', 1), row('nbbbb', 1)]);
    expect(series.rowCount).toBe(1);
    expect(series.crowd('problem', T0, T0 + BUCKET)).toMatchObject({ networks: 5, providers: 5 });
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

describe('crowdWeight sorts only the providers above the floor', () => {
  /** Every provider's weight listed and sorted, the cap solved over all of them: the plain reading of the rules. */
  function everyProviderSorted(rows: { provider: string; group: string; networks: number }[], caps: Caps, own: number) {
    const groups = new Map<string, number>();
    for (const r of rows)
      if (r.networks > 0) groups.set(`${r.provider}|${r.group}`, (groups.get(`${r.provider}|${r.group}`) ?? 0) + r.networks);
    const per = new Map<string, number>();
    for (const [key, n] of groups) {
      const [provider = '', group = ''] = key.split('|');
      per.set(provider, (per.get(provider) ?? 0) + (group === '' ? n : Math.min(n, caps.ipv6GroupCap)));
    }
    const weights = [...per.values()].sort((a, b) => b - a);
    return { providers: weights.length + own, counted: cappedTotal(weights, caps.providerShare, caps.providerFloorNetworks, own) };
  }

  it('gives exactly the same count over random crowds (IPv4 and IPv6 rows, several floors and shares)', () => {
    const next = seededRandom(11);
    for (let trial = 0; trial < 600; trial += 1) {
      const caps = {
        providerShare: [0.1, 0.25, 0.5, 1][Math.floor(next() * 4)] as number,
        providerFloorNetworks: [1, 3, 8, 40][Math.floor(next() * 4)] as number,
        ipv6GroupCap: [1, 4][Math.floor(next() * 2)] as number,
      };
      const providers = 1 + Math.floor(next() * 60);
      const rows = Array.from({ length: Math.floor(next() * 200) }, () => ({
        provider: `as${Math.floor(next() ** 3 * providers)}`,
        group: next() < 0.3 ? `g${Math.floor(next() * 5)}` : '',
        networks: Math.floor(next() * 12) - 1,
      }));
      const own = next() < 0.5 ? Math.floor(next() * 30) : 0;
      const got = crowdWeight(rows, caps, own);
      const want = everyProviderSorted(rows, caps, own);
      expect({ providers: got.providers, counted: got.counted }, JSON.stringify({ caps, own, trial })).toEqual(want);
    }
  });
});

describe('ProviderSeries running window', () => {
  const cfg = detectionConfig();

  it('weighs the same as walking every row, as rows rise, the window slides, jumps back and old buckets are pruned', () => {
    const next = seededRandom(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const series = new ProviderSeries(cfg);
    const raised: ProviderCounts[][] = [];
    const prunedAt = new Map<number, number>();
    let from = T0;
    for (let step = 0; step < 400; step += 1) {
      const batch = Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
        const v6 = next() < 0.3;
        const own = !v6 && next() < 0.2;
        const networks = Math.floor(next() * 4);
        return row(own ? `n${Math.floor(next() * 9)}` : `as${Math.floor(next() * 12)}`, networks, {
          bucketStart: from + (Math.floor(next() * 5) - 1) * BUCKET,
          kind: next() < 0.8 ? 'problem' : 'working',
          group: v6 ? `g${Math.floor(next() * 3)}` : '',
          country: pick(['', 'DE', 'US', 'FR']),
          hourNetworks: networks,
          delta: next() < 0.6,
        });
      });
      series.raiseAll(batch);
      raised.push(batch);
      const move = next();
      if (move < 0.15) from += BUCKET;
      else if (move < 0.18) from -= 2 * BUCKET;
      else if (move < 0.2) {
        series.prune(from - BUCKET);
        prunedAt.set(step, from - BUCKET);
      }
      const to = from + 2 * BUCKET;
      for (const kind of ['problem', 'working'] as const) {
        expect(series.crowd(kind, from, to), `step ${step} ${kind}`).toEqual(series.walkedCrowd(kind, from, to));
      }
      if (step % 20 === 19) {
        // A series that never weighed before builds its window by walking the rows: the countries must match it.
        const fresh = new ProviderSeries(cfg);
        raised.forEach((b, i) => {
          fresh.raiseAll(b);
          const before = prunedAt.get(i);
          if (before !== undefined) fresh.prune(before);
        });
        expect(series.topCountries(from, to, 5), `step ${step}`).toEqual(fresh.topCountries(from, to, 5));
      }
    }
  });
});
