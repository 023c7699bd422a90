// Storage of what detection needs beyond the bucket aggregates: counted networks per provider (kept two hours),
// baseline samples per hour (kept for the baseline's weeks), and the deployment secret's check value.
import type { Queryable, SqlDriver } from './driver.ts';
import type { BaselineSample, ProviderCounts } from './provider-rows.ts';
import { PROVIDER_TOTALS, providerCounts } from './provider-rows.ts';

/** Stored totals per key from `since` on: provider_counts' rows summed in SQL, an owning node's batch rows here. */
export async function loadProviders(db: Queryable, since: number): Promise<ProviderCounts[]> {
  const rows = (await db.query<Record<string, unknown>>(PROVIDER_TOTALS, [since])).map(providerCounts);
  const batches = await db.query<{ rows: string }>('SELECT rows FROM provider_batches WHERE last_bucket >= $1::bigint', [since]);
  if (batches.length === 0) return rows;
  // One total per key: memory rises to a stored total, so a key must not come back twice.
  const sums = new Map<string, ProviderEntry>();
  for (const b of batches) sumInto(sums, b.rows, since);
  for (const r of rows) add(sums, [r.service, r.bucketStart, r.kind, r.provider, r.group, r.country, r.networks, r.hourNetworks]);
  return [...sums.values()].map(([service, bucketStart, kind, provider, group, country, networks, hourNetworks]) => ({
    service,
    bucketStart,
    kind: kind === 'working' ? 'working' : 'problem',
    provider,
    group,
    country,
    networks,
    hourNetworks,
  }));
}

export async function loadBaselineSamples(db: Queryable, since: number): Promise<BaselineSample[]> {
  const rows = await db.query<{ service: string; hour_start: unknown; networks: unknown; elevated: boolean }>(
    'SELECT service, hour_start, networks, elevated FROM baseline_samples WHERE hour_start >= $1::bigint',
    [since],
  );
  return rows.map((r) => ({ service: r.service, hourStart: Number(r.hour_start), networks: Number(r.networks), elevated: r.elevated }));
}

/** Batch rows taken per statement while folding: a flood's minute of them never sits in memory at once. */
const FOLD_CHUNK = 256;

/**
 * Folds the appended provider rows of buckets in [from, before) into one row per key (sums kept exactly), so a resync
 * reads about one row per key and bucket, not one per batch. Safe on two nodes at once: a row is deleted (and its
 * count re-inserted) by one of them only. An owning node's batch rows that end in [from, before) become one summed
 * row per bucket, in the same transaction (a batch that straddles `before` waits for the next pass). Parsed and summed
 * here: expanding the JSON in SQL, or a heap row per key, cost the storage worker more than the batch rows saved.
 */
export async function compactProviders(db: SqlDriver, from: number, before: number, chunk = FOLD_CHUNK): Promise<void> {
  await db.query(
    `WITH gone AS (DELETE FROM provider_counts WHERE bucket_start >= $1::bigint AND bucket_start < $2::bigint
       RETURNING service, bucket_start, kind, provider, grp, country, networks, hour_networks)
     INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
     SELECT service, bucket_start, kind, provider, grp, country, sum(networks)::int, sum(hour_networks)::int FROM gone
     GROUP BY 1, 2, 3, 4, 5, 6`,
    [from, before],
  );
  // Batch rows exist only where a node owns its claims (PGlite); elsewhere this is the only extra query.
  const pending = await db.query('SELECT 1 FROM provider_batches WHERE last_bucket >= $1::bigint AND last_bucket < $2::bigint LIMIT 1', [
    from,
    before,
  ]);
  if (pending.length > 0) await db.transaction((tx) => foldProviderBatches(tx, from, before, chunk));
  // The block-range index skips only summarized ranges: summarize what was appended since (once per bucket).
  await db.query("SELECT brin_summarize_new_values('provider_counts_bucket'::regclass)");
}

/** An owning node's batch rows that end in [from, before), summed into one row per bucket (call inside a transaction). */
async function foldProviderBatches(tx: Queryable, from: number, before: number, chunk: number): Promise<void> {
  // The sums hold one entry per key and bucket (as the detector's memory does); the rows' text is read a chunk at a time.
  const sums = new Map<string, ProviderEntry>();
  for (;;) {
    const rows = await tx.query<{ rows: string }>(
      `DELETE FROM provider_batches WHERE ctid = ANY(ARRAY(SELECT ctid FROM provider_batches
         WHERE last_bucket >= $1::bigint AND last_bucket < $2::bigint LIMIT $3::int)) RETURNING rows`,
      [from, before, chunk],
    );
    for (const b of rows) sumInto(sums, b.rows, -Infinity);
    if (rows.length < chunk) break;
  }
  const byBucket = new Map<number, ProviderEntry[]>();
  for (const e of sums.values()) {
    const list = byBucket.get(e[1]);
    if (list) list.push(e);
    else byBucket.set(e[1], [e]);
  }
  // A text parameter per bucket (there are a few): as an array literal, PostgreSQL's parser walked megabytes of JSON.
  for (const [bucket, entries] of byBucket)
    await tx.query('INSERT INTO provider_batches (first_bucket, last_bucket, rows) VALUES ($1::bigint, $1::bigint, $2::text)', [
      bucket,
      JSON.stringify(entries),
    ]);
}

/** A provider_batches entry: [service, bucket_start, kind, provider, grp, country, networks, hour_networks]. */
type ProviderEntry = [string, number, string, string, string, string, number, number];

/** Adds the entries of one provider_batches row from bucket `since` on to the sums per key. */
function sumInto(sums: Map<string, ProviderEntry>, text: string, since: number): void {
  for (const e of JSON.parse(text) as ProviderEntry[]) if (e[1] >= since) add(sums, e);
}

function add(sums: Map<string, ProviderEntry>, e: ProviderEntry): void {
  const key = `${e[0]}\u0000${e[1]}\u0000${e[2]}\u0000${e[3]}\u0000${e[4]}\u0000${e[5]}`;
  const sum = sums.get(key);
  if (!sum) sums.set(key, [...e]);
  else {
    sum[6] += e[6];
    sum[7] += e[7];
  }
}

/** A timer tick that compacts each completed bucket once (from `from` on), one pass at a time. */
export function providerCompactor(
  store: { compactProviders(from: number, before: number): Promise<void> },
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
    store
      .compactProviders(done, before)
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
  // A batch row holds both services: it goes once everything in it is older than the kept history.
  await db.query('DELETE FROM provider_batches WHERE last_bucket < $1::bigint', [keepFrom.providers]);
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
