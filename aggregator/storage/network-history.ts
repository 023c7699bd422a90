// Storage of what detection needs beyond the bucket aggregates: counted networks per provider (kept two hours),
// baseline samples per hour (kept for the baseline's weeks), and the deployment secret's check value.
import type { Queryable } from './driver.ts';
import type { BaselineSample, ProviderCounts } from './provider-rows.ts';
import { PROVIDER_TOTALS, providerCounts } from './provider-rows.ts';

export async function loadProviders(db: Queryable, since: number): Promise<ProviderCounts[]> {
  const rows = await db.query<Record<string, unknown>>(PROVIDER_TOTALS, [since]);
  return rows.map(providerCounts);
}

export async function loadBaselineSamples(db: Queryable, since: number): Promise<BaselineSample[]> {
  const rows = await db.query<{ service: string; hour_start: unknown; networks: unknown; elevated: boolean }>(
    'SELECT service, hour_start, networks, elevated FROM baseline_samples WHERE hour_start >= $1::bigint',
    [since],
  );
  return rows.map((r) => ({ service: r.service, hourStart: Number(r.hour_start), networks: Number(r.networks), elevated: r.elevated }));
}

/**
 * Folds the appended provider rows of buckets in [from, before) into one row per key (sums kept exactly), so a resync
 * reads about one row per key and bucket, not one per batch. Only keys with more than one row are rewritten: an owning
 * node's folded buckets are one row per key already. Safe on two nodes at once: a row is deleted (and its count
 * re-inserted) by one of them only.
 */
export async function compactProviders(db: Queryable, from: number, before: number): Promise<void> {
  await db.query(
    `WITH twice AS (SELECT service, bucket_start, kind, provider, grp, country FROM provider_counts
       WHERE bucket_start >= $1::bigint AND bucket_start < $2::bigint GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1
     ), gone AS (DELETE FROM provider_counts p USING twice t
       WHERE p.bucket_start >= $1::bigint AND p.bucket_start < $2::bigint AND p.service = t.service
         AND p.bucket_start = t.bucket_start AND p.kind = t.kind AND p.provider = t.provider AND p.grp = t.grp
         AND p.country = t.country
       RETURNING p.service, p.bucket_start, p.kind, p.provider, p.grp, p.country, p.networks, p.hour_networks)
     INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
     SELECT service, bucket_start, kind, provider, grp, country, sum(networks)::int, sum(hour_networks)::int FROM gone
     GROUP BY 1, 2, 3, 4, 5, 6`,
    [from, before],
  );
  // The block-range index skips only summarized ranges: summarize what was appended since (once per bucket).
  await db.query("SELECT brin_summarize_new_values('provider_counts_bucket'::regclass)");
}

/**
 * A timer tick that folds the completed buckets' provider deltas (a slice a call, so batches run between them) and then
 * compacts each completed bucket once (from `from` on), one pass at a time.
 */
export function providerCompactor(
  store: { foldProviders(before: number): Promise<boolean>; compactProviders(from: number, before: number): Promise<void> },
  bucketMs: number,
  now: () => number,
  from: number,
  log: (line: string) => void,
): () => void {
  let done = from;
  let running = false;
  return () => {
    const before = now() - (now() % bucketMs);
    if (running || before <= done) return;
    running = true;
    const fold = async (): Promise<void> => {
      while (await store.foldProviders(before));
      await store.compactProviders(done, before);
    };
    fold()
      .then(
        () => void (done = before),
        (error: unknown) => log(`provider compaction failed: ${String(error)}`),
      )
      .finally(() => void (running = false));
  };
}

/** Stores a sample (the larger count wins, elevated sticks: nodes may compute it a little apart) and drops old history. */
export async function saveBaselineSample(
  db: Queryable,
  s: BaselineSample,
  keepFrom: { providers: number; samples: number },
): Promise<void> {
  await db.query(
    `INSERT INTO baseline_samples (service, hour_start, networks, elevated) VALUES ($1, $2::bigint, $3::int, $4::boolean)
     ON CONFLICT (service, hour_start) DO UPDATE SET networks = GREATEST(baseline_samples.networks, EXCLUDED.networks),
       elevated = baseline_samples.elevated OR EXCLUDED.elevated`,
    [s.service, s.hourStart, s.networks, s.elevated],
  );
  await db.query('DELETE FROM provider_counts WHERE service = $1 AND bucket_start < $2::bigint', [s.service, keepFrom.providers]);
  await db.query('DELETE FROM baseline_samples WHERE service = $1 AND hour_start < $2::bigint', [s.service, keepFrom.samples]);
}

/** The deployment secret's check value: stores `candidate` on first use and returns the one stored. */
export async function secretCheck(db: Queryable, candidate: string): Promise<string> {
  await db.query('INSERT INTO deployment_secret (id, check_value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [candidate]);
  const rows = await db.query<{ check_value: string }>('SELECT check_value FROM deployment_secret WHERE id = 1');
  if (!rows[0]) throw new Error('deployment secret check value missing after insert');
  return rows[0].check_value;
}

/**
 * Schema for the above (one migration). Salts leave the database (day keys derive from the secret, kept outside it);
 * client ids stored before this version are blanked and the tables keyed by them emptied (they held raw clientIds).
 */
export const NETWORK_HISTORY_MIGRATION = `DROP TABLE salts;
   UPDATE reports SET client_id = '';
   DELETE FROM dedup;
   DELETE FROM idempotency;
   CREATE TABLE deployment_secret (
     id INTEGER PRIMARY KEY,
     check_value TEXT NOT NULL
   );
   ALTER TABLE network_claims ADD COLUMN hour_until BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE network_claims ADD COLUMN hour_problems INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE provider_counts (
     service TEXT NOT NULL,
     bucket_start BIGINT NOT NULL,
     kind TEXT NOT NULL,
     provider TEXT NOT NULL,
     grp TEXT NOT NULL,
     country TEXT NOT NULL,
     networks INTEGER NOT NULL DEFAULT 0,
     hour_networks INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (service, bucket_start, kind, provider, grp, country)
   );
   CREATE TABLE baseline_samples (
     service TEXT NOT NULL,
     hour_start BIGINT NOT NULL,
     networks INTEGER NOT NULL,
     elevated BOOLEAN NOT NULL,
     PRIMARY KEY (service, hour_start)
   )`;
