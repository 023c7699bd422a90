// The owning node's write path against the shared batch statement: the same reports, in the same batches, into two
// PGlite databases, must leave the same stored counts (aggregates, provider rows, raw reports, overflow) and report the
// same opened claims, across claim windows, hours, caps, both kinds, two services and midnight; the same stored
// idempotency answers (the owned statement stores them itself), and the same replays of keys sent again later, whether
// the filter of stored keys is sharp or answers "maybe" to everything.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import { OwnedClaims } from '../../aggregator/intake/owned-claims.ts';
import { OwnedWriter } from '../../aggregator/intake/owned-writer.ts';
import { StoredKeys } from '../../aggregator/intake/stored-keys.ts';
import { migrate } from '../../aggregator/storage/migrations.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';
import { encodeBatch } from '../../aggregator/storage/report-batch.ts';
import { ReportStore, type BatchOptions, type PendingReport, type Store } from '../../aggregator/storage/store.ts';
import { seededRandom } from '../support/seeded-random.ts';

const OPTS: BatchOptions = { dedupWindowMs: 900_000, bucketMs: 300_000, networkCap: 3, claimWindowMs: 600_000, hourMs: 3_600_000 };
// Starts 50 minutes before midnight UTC, so batches cross hours, claim windows and the day's change of network ids.
const START = Date.UTC(2026, 11, 2, 23, 10, 0);
const MIDNIGHT = Date.UTC(2026, 11, 3);

/** Network i's id on each day: 16 hex characters, as the aggregator makes them. */
const idOf = (i: number, day: 'y' | 't') => (day === 'y' ? 0xa000 + i : 0xb000 + i).toString(16).padStart(16, '0');

function batches(seed: number): PendingReport[][] {
  const rnd = seededRandom(seed);
  const out: PendingReport[][] = [];
  let at = START;
  let n = 0;
  const sentBefore: string[] = [];
  for (let b = 0; b < 45; b += 1) {
    // Mostly a minute or two apart, sometimes a claim window's length: windows, buckets and hours all turn over.
    at += rnd() < 0.15 ? 600_000 + Math.floor(rnd() * 60_000) : 30_000 + Math.floor(rnd() * 90_000);
    const batch: PendingReport[] = [];
    const size = 1 + Math.floor(rnd() * 40);
    for (let k = 0; k < size; k += 1) {
      const i = Math.floor(rnd() * 25);
      const t = at + k;
      const afterMidnight = t >= MIDNIGHT;
      const kind = rnd() < 0.75 ? 'problem' : 'working';
      n += 1;
      batch.push({
        id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        service: rnd() < 0.7 ? 'imessage' : 'facetime',
        kind,
        problem: kind === 'problem' ? (['not-delivered', 'cannot-sign-in', 'activation', 'other'] as const)[Math.floor(rnd() * 4)]! : null,
        clientId: `client-${n}`,
        network: idOf(i, afterMidnight ? 't' : 'y'),
        origin: {
          provider: `as${1 + (i % 7)}`,
          group: '',
          country: ['US', 'DE', 'JP'][i % 3]!,
          previousId: afterMidnight && t < MIDNIGHT + OPTS.claimWindowMs ? idOf(i, 'y') : null,
        },
        at: t,
        // Evidence as the route stores it (compact JSON), with characters JSON and array literals escape.
        evidence: n % 5 === 0 ? JSON.stringify({ local: `captive "portal" \\ ${n}`, failedProbes: ['dns', 'ü'] }) : null,
        // Now and then a key sent in an earlier batch again (a client's retry after this node forgot the answer).
        idempotencyKey:
          rnd() < 0.3 ? (sentBefore.length > 0 && rnd() < 0.2 ? sentBefore[Math.floor(rnd() * sentBefore.length)]! : `key-${n}`) : null,
      });
    }
    for (const r of batch) if (r.idempotencyKey) sentBefore.push(r.idempotencyKey);
    out.push(batch);
  }
  return out;
}

const COUNTS = 'reports, clients, working, networks, not_delivered, cannot_sign_in, activation, calls_fail, other';
async function stored(store: ReportStore) {
  return {
    aggregates: await store.db.query(`SELECT service, bucket_start, ${COUNTS} FROM aggregates ORDER BY 1, 2`),
    providers: (await store.loadProviders(0))
      .filter((r) => r.networks > 0 || r.hourNetworks > 0)
      .map((r) => JSON.stringify(r))
      .sort(),
    reports: await store.db.query('SELECT id, service, kind, problem, client_id, at, evidence, network FROM counted_reports ORDER BY id'),
    overflow: await store.db.query('SELECT service, network, window_start, problems, working FROM network_overflow ORDER BY 1, 2, 3'),
    answers: await store.db.query('SELECT key, status, body, at FROM idempotency ORDER BY key'),
  };
}

/**
 * The shared statement appends provider rows, and compaction folds them into one row per key and bucket without changing
 * a total: in two passes, the first ending inside the batches, the second after them all. The owning node's deltas were
 * folded by loadProviders already (provider-fold.ts): one row per key and bucket from the start, and compaction keeps it.
 */
async function compactsAlike(shared: ReportStore, owned: ReportStore) {
  const totals = async (s: ReportStore) => (await s.loadProviders(0)).map((r) => JSON.stringify(r)).sort();
  const rows = async (s: ReportStore) => Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM provider_counts'))[0]?.n);
  const keys = async (s: ReportStore) =>
    Number(
      (
        await s.db.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM (SELECT DISTINCT service, bucket_start, kind, provider, grp, country FROM provider_counts) k',
        )
      )[0]?.n,
    );
  const before = await totals(shared);
  expect(await totals(owned)).toEqual(before);
  expect(before.length).toBeGreaterThan(20);
  const appended = await rows(shared);
  expect(appended).toBeGreaterThan(await keys(shared)); // some keys were appended by more than one batch
  expect(await rows(owned)).toBe(await keys(owned));
  const middle = START + 3_600_000 - ((START + 3_600_000) % OPTS.bucketMs);
  for (const s of [shared, owned]) await s.compactProviders(0, middle);
  for (const s of [shared, owned]) expect(await totals(s)).toEqual(before);
  expect(await rows(shared)).toBeLessThan(appended);
  for (const s of [shared, owned]) await s.compactProviders(middle, START + 86_400_000);
  for (const s of [shared, owned]) {
    expect(await totals(s)).toEqual(before);
    expect(await rows(s)).toBe(await keys(s)); // one row per key and bucket
  }
}

/** Two fresh copies of a migrated database (no initdb here); no WAL sync: the statements are what is compared. */
async function twoStores(dirs: string[]): Promise<[ReportStore, ReportStore]> {
  const opened: ReportStore[] = [];
  for (let i = 0; i < 2; i += 1) {
    const dir = await freshAggregatorDataDir('owned-batch-');
    dirs.push(dir);
    const db = await openPglite(dir);
    await migrate(db);
    opened.push(new ReportStore(db));
  }
  return opened as [ReportStore, ReportStore];
}

describe('owned write path', () => {
  const dirs: string[] = [];
  const open: ReportStore[] = [];
  afterAll(async () => {
    for (const s of open) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  // 2^24 bits: nearly every fresh key is known not stored. 32 bits: after a few keys every key is a "maybe".
  it.each([
    ['a sharp filter', 1 << 24],
    ['a filter that answers maybe', 32],
  ])(
    'stores and replays what the shared statement does, with %s of stored keys',
    async (_name, bits) => {
      const [shared, owned] = await twoStores(dirs);
      open.push(shared, owned);
      const looked: string[] = [];
      const counting = new Proxy(owned, {
        get(target, prop, receiver) {
          if (prop === 'findAnswers')
            return (keys: string[]) => {
              looked.push(...keys);
              return target.findAnswers(keys);
            };
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
      const writer = new OwnedWriter(
        counting as unknown as Store,
        new OwnedClaims({ services: ['imessage', 'facetime'], ...OPTS, maxSlots: 1 << 12 }),
        OPTS.dedupWindowMs,
        new StoredKeys(86_400_000, START, bits),
      );
      let reports = 0;
      let replays = 0;
      const keyed = new Set<string>();
      for (const [i, batch] of batches(20261202).entries()) {
        // Now and then an answer given meanwhile (a duplicate's) rides with the batch, as the queue sends them.
        const extra = i % 3 === 0 ? [{ key: `extra-${i}`, status: 200, body: `{"n":${i}}`, at: (batch[0] as PendingReport).at }] : [];
        const a = await shared.writeBatch(encodeBatch(batch), extra, OPTS);
        const b = await writer.write(batch, extra, OPTS);
        expect(b.rejected).toEqual(a.rejected);
        expect([...b.opened].sort((x, y) => x - y)).toEqual([...a.opened].sort((x, y) => x - y));
        const ids = (r: typeof a) => (r.replayed ?? []).map((x) => `${x.id} ${x.status} ${x.body}`).sort();
        expect(ids(b)).toEqual(ids(a));
        replays += a.replayed.length;
        reports += batch.length;
        for (const r of batch) if (r.idempotencyKey) keyed.add(r.idempotencyKey);
      }
      // The owning node's provider deltas wait as one row per batch and bucket until a reader or the timer folds them.
      const count = async (table: string) =>
        Number((await owned.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]?.n);
      expect(await count('provider_counts')).toBe(0);
      expect(await count('provider_batches')).toBeGreaterThan(30);
      const [x, y] = [await stored(shared), await stored(owned)];
      expect(await count('provider_batches')).toBe(0);
      expect(y).toEqual(x);
      await compactsAlike(shared, owned);
      // The sequence did what it is for: reports past caps, claims reopened, both kinds, across midnight, keys sent again.
      expect(reports).toBeGreaterThan(500);
      expect(x.overflow.length).toBeGreaterThan(10);
      expect(x.reports.length).toBeLessThan(reports);
      expect(x.answers.length).toBeGreaterThan(150);
      expect(replays).toBeGreaterThan(10);
      expect(new Set(x.reports.map((r) => (r as { network: string }).network)).size).toBeGreaterThan(25);
      // A sharp filter asks storage only about keys it has stored (each again); the other asks about nearly every key.
      if (bits === 32) expect(looked.length).toBeGreaterThan(keyed.size * 0.9);
      else expect(looked.length).toBeLessThanOrEqual(replays + 2);
      // What a restarting node replays, and what retention leaves: the same from rows and from batch rows.
      const since = (batches(20261202)[20]?.[0] as PendingReport).at;
      const replayed = await owned.recentCounted(since, 100_000);
      expect(replayed).toEqual(await shared.recentCounted(since, 100_000));
      expect(replayed.length).toBeGreaterThan(100);
      expect(replayed.length).toBeLessThan(x.reports.length);
      expect(await owned.recentCounted(since, 7)).toEqual(replayed.slice(0, 7));
      const keep = { incidentsBefore: 0, rawBefore: since, dedupBefore: 0, answersBefore: 0, claimsBefore: 0, saltsBefore: 0 };
      await shared.prune(keep);
      await owned.prune(keep);
      const [px, py] = [await stored(shared), await stored(owned)];
      expect(py.reports).toEqual(px.reports);
      expect(px.reports.length).toBe(replayed.length);
      expect(await owned.countReports()).toBe(replayed.length);
    },
    60_000,
  );
});
