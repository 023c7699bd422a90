// An owning node's provider deltas (provider_batches, one JSON row per batch and bucket) folded into provider_counts a
// slice at a time: every total stays exact after every slice, a late delta for a folded bucket is folded by the next
// pass, a failed write deletes nothing, and unannounced IPv4 networks end as one shared row per key.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import type { SqlDriver } from '../../aggregator/storage/driver.ts';
import { migrate } from '../../aggregator/storage/migrations.ts';
import type { ProviderDelta } from '../../aggregator/storage/owned-batch.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';
import { OWN_NETWORKS_PROVIDER } from '../../aggregator/storage/provider-rows.ts';
import { ReportStore } from '../../aggregator/storage/store.ts';
import { seededRandom } from '../support/seeded-random.ts';

const BUCKET = 300_000;
const A = Date.UTC(2026, 11, 3, 10, 0);
const B = A + BUCKET;
const C = A + 2 * BUCKET;

/** Random deltas: 20 ASes in two countries, unannounced IPv4 networks (each its own provider), IPv6 /32 groups. */
function deltas(next: () => number, n: number): ProviderDelta[] {
  return Array.from({ length: n }, () => {
    const pick = next();
    const [provider, group] =
      pick < 0.6
        ? [`as${1 + Math.floor(next() * 20)}`, '']
        : pick < 0.85
          ? [`n${Math.floor(next() * 1e9).toString(16)}`, '']
          : ['gfeed', `g${Math.floor(next() * 3)}`];
    const kind = next() < 0.8 ? 'problem' : 'working';
    return [next() < 0.7 ? 'imessage' : 'facetime', kind, provider, group, next() < 0.5 ? 'US' : 'DE', 1, kind === 'problem' ? 1 : 0];
  });
}

/** Totals per bucket and key as readers must see them (unannounced networks summed into the shared row). */
function expectedTotals(rows: { bucket: number; deltas: ProviderDelta[] }[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const { bucket, deltas: list } of rows)
    for (const [service, kind, provider, group, country, networks, hour] of list) {
      const own = group === '' && provider.startsWith('n') ? OWN_NETWORKS_PROVIDER : provider;
      const key = [service, bucket, kind, own, group, country].join('|');
      const t = out.get(key) ?? [0, 0];
      out.set(key, [t[0] + networks, t[1] + hour]);
    }
  return out;
}

/** What storage holds now: folded rows summed, plus the deltas still waiting (summed the way expectedTotals does). */
async function storedTotals(db: SqlDriver): Promise<Map<string, [number, number]>> {
  const waiting = await db.query<{ bucket_start: string; deltas: string }>('SELECT bucket_start::text, deltas FROM provider_batches');
  const out = expectedTotals(waiting.map((r) => ({ bucket: Number(r.bucket_start), deltas: JSON.parse(r.deltas) as ProviderDelta[] })));
  const folded = await db.query<Record<string, string>>(
    `SELECT service, bucket_start::text AS b, kind, provider, grp, country, networks::text AS n, hour_networks::text AS h
     FROM provider_counts`,
  );
  for (const r of folded) {
    const key = [r.service, r.b, r.kind, r.provider, r.grp, r.country].join('|');
    const t = out.get(key) ?? [0, 0];
    out.set(key, [t[0] + Number(r.n), t[1] + Number(r.h)]);
  }
  return out;
}

const count = async (db: SqlDriver, sql: string) => Number((await db.query<{ n: string }>(sql))[0]?.n);

async function insertBatches(db: SqlDriver, rows: { bucket: number; deltas: ProviderDelta[] }[]): Promise<void> {
  for (const r of rows)
    await db.query('INSERT INTO provider_batches (bucket_start, deltas) VALUES ($1::bigint, $2)', [r.bucket, JSON.stringify(r.deltas)]);
}

describe('provider fold', () => {
  const dirs: string[] = [];
  const stores: ReportStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  async function open(wrap: (db: SqlDriver) => SqlDriver = (db) => db): Promise<{ store: ReportStore; db: SqlDriver }> {
    const dir = await freshAggregatorDataDir('provider-fold-');
    dirs.push(dir);
    const db = await openPglite(dir);
    await migrate(db);
    const store = new ReportStore(wrap(db));
    stores.push(store);
    return { store, db };
  }

  it('folds slice by slice with every total exact after each, leaving one row per key and later buckets alone', async () => {
    const { store, db } = await open();
    const next = seededRandom(3);
    const written = [
      ...Array.from({ length: 300 }, () => ({ bucket: A, deltas: deltas(next, 40) })),
      ...Array.from({ length: 12 }, () => ({ bucket: B, deltas: deltas(next, 40) })),
      ...Array.from({ length: 5 }, () => ({ bucket: C, deltas: deltas(next, 40) })),
    ];
    await insertBatches(db, written);
    const expected = expectedTotals(written);
    let calls = 0;
    while (await store.foldProviders(C)) {
      calls += 1;
      expect(await storedTotals(db)).toEqual(expected);
    }
    expect(calls).toBeGreaterThan(3); // 300 rows of A are more than two slices
    // A and B folded, one row per key; C (not before C) still waiting.
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_batches')).toBe(5);
    expect(await count(db, `SELECT count(*)::text AS n FROM provider_batches WHERE bucket_start = ${C}`)).toBe(5);
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_counts')).toBe(
      await count(
        db,
        'SELECT count(*)::text AS n FROM (SELECT DISTINCT service, bucket_start, kind, provider, grp, country FROM provider_counts) k',
      ),
    );
    // Unannounced networks became the shared row; ASes and IPv6 groups kept their own.
    expect(await count(db, "SELECT count(*)::text AS n FROM provider_counts WHERE provider LIKE 'n%'")).toBe(0);
    expect(await count(db, `SELECT count(*)::text AS n FROM provider_counts WHERE provider = '${OWN_NETWORKS_PROVIDER}'`)).toBeGreaterThan(
      0,
    );
    expect(await count(db, "SELECT count(*)::text AS n FROM provider_counts WHERE grp <> ''")).toBeGreaterThan(0);
    // A reader folds everything first, C included.
    const loaded = await store.loadProviders(0);
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_batches')).toBe(0);
    const read = new Map(
      loaded.map((r) => [[r.service, r.bucketStart, r.kind, r.provider, r.group, r.country].join('|'), [r.networks, r.hourNetworks]]),
    );
    expect(read).toEqual(expected);
  });

  it('folds a delta that arrives for an already folded bucket on the next pass', async () => {
    const { store, db } = await open();
    const next = seededRandom(5);
    const first = Array.from({ length: 10 }, () => ({ bucket: A, deltas: deltas(next, 30) }));
    await insertBatches(db, first);
    while (await store.foldProviders(B));
    const late = [{ bucket: A, deltas: deltas(next, 30) }];
    await insertBatches(db, late);
    expect(await store.foldProviders(B)).toBe(true);
    expect(await store.foldProviders(B)).toBe(false);
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_batches')).toBe(0);
    expect(await storedTotals(db)).toEqual(expectedTotals([...first, ...late]));
  });

  it('deletes nothing when the write fails, and folds it all on the next pass', async () => {
    let failNext = false;
    const { store, db } = await open((inner) => ({
      ...inner,
      transaction: (fn) => {
        if (!failNext) return inner.transaction(fn);
        failNext = false;
        return Promise.reject(new Error('disk full'));
      },
    }));
    const next = seededRandom(9);
    const written = Array.from({ length: 20 }, () => ({ bucket: A, deltas: deltas(next, 30) }));
    await insertBatches(db, written);
    failNext = true;
    await expect(store.foldProviders(B)).rejects.toThrow('disk full');
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_batches')).toBe(20);
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_counts')).toBe(0);
    while (await store.foldProviders(B));
    expect(await count(db, 'SELECT count(*)::text AS n FROM provider_batches')).toBe(0);
    expect(await storedTotals(db)).toEqual(expectedTotals(written));
  });
});
