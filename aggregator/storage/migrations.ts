// The one schema, as ordered migrations applied at start (under an advisory lock so several nodes can start at once).
import type { SqlDriver } from './driver.ts';
import { INCIDENT_LEAD_MIGRATION } from './incident-rows.ts';
import { NETWORK_HISTORY_MIGRATION } from './network-history.ts';

const MIGRATIONS: string[] = [
  `CREATE TABLE reports (
     -- No index on id: nothing looks a report up by id, and a random-key index costs every insert.
     id TEXT NOT NULL,
     service TEXT NOT NULL,
     kind TEXT NOT NULL,
     problem TEXT,
     client_id TEXT NOT NULL,
     at BIGINT NOT NULL,
     evidence TEXT
   );
   CREATE INDEX reports_at ON reports (at);
   CREATE TABLE aggregates (
     service TEXT NOT NULL,
     bucket_start BIGINT NOT NULL,
     reports INTEGER NOT NULL DEFAULT 0,
     clients INTEGER NOT NULL DEFAULT 0,
     working INTEGER NOT NULL DEFAULT 0,
     not_delivered INTEGER NOT NULL DEFAULT 0,
     cannot_sign_in INTEGER NOT NULL DEFAULT 0,
     activation INTEGER NOT NULL DEFAULT 0,
     calls_fail INTEGER NOT NULL DEFAULT 0,
     other INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (service, bucket_start)
   );
   CREATE TABLE dedup (
     service TEXT NOT NULL,
     client_id TEXT NOT NULL,
     at BIGINT NOT NULL,
     report_id TEXT NOT NULL,
     PRIMARY KEY (service, client_id)
   );
   CREATE TABLE idempotency (
     key TEXT PRIMARY KEY,
     status INTEGER NOT NULL,
     body TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX idempotency_at ON idempotency (at);
   CREATE TABLE incidents (
     id BIGSERIAL PRIMARY KEY,
     service TEXT NOT NULL,
     source TEXT NOT NULL,
     start_at BIGINT NOT NULL,
     end_at BIGINT,
     peak INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX incidents_service ON incidents (service, start_at DESC);
   CREATE TABLE service_state (
     service TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     since BIGINT NOT NULL
   );`,
  // A reporter is a network (keyed hash of its prefix, never the address): claims cap what one network counts.
  `ALTER TABLE reports ADD COLUMN network TEXT;
   ALTER TABLE aggregates ADD COLUMN networks INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE network_claims (
     service TEXT NOT NULL,
     network TEXT NOT NULL,
     problems_at BIGINT NOT NULL,
     problems INTEGER NOT NULL,
     working_at BIGINT NOT NULL,
     working INTEGER NOT NULL,
     PRIMARY KEY (service, network)
   );
   CREATE TABLE salts (
     day BIGINT PRIMARY KEY,
     secret TEXT NOT NULL
   );`,
  // Reports past a network's cap are counted here per claim window (for operators), not stored one row each.
  `CREATE TABLE network_overflow (
     service TEXT NOT NULL,
     network TEXT NOT NULL,
     window_start BIGINT NOT NULL,
     problems INTEGER NOT NULL,
     working INTEGER NOT NULL,
     PRIMARY KEY (service, network, window_start)
   );
   CREATE INDEX network_overflow_window ON network_overflow (window_start)`,
  NETWORK_HISTORY_MIGRATION,
  // provider_counts becomes append-only (a row per batch and key, readers sum): the batch's upsert on a six-column key
  // was a quarter of the batch statement when every report brings a new provider row.
  `ALTER TABLE provider_counts DROP CONSTRAINT provider_counts_pkey;
   CREATE INDEX provider_counts_bucket ON provider_counts (service, bucket_start)`,
  // Incidents record their worst status and when Apple showed them; one open row per service and source.
  INCIDENT_LEAD_MIGRATION,
  // Both append-only tables are written in time order, so a block-range index finds a time range as well as a B-tree
  // and costs an insert almost nothing (a B-tree entry per row was ≈ a fifth of the batch statement under a flood).
  // Ranges written since the last summary are always scanned; compactProviders and prune summarize them.
  `DROP INDEX reports_at;
   CREATE INDEX reports_at ON reports USING brin (at);
   DROP INDEX provider_counts_bucket;
   CREATE INDEX provider_counts_bucket ON provider_counts USING brin (bucket_start)`,
  // The counted reports of a batch written by an owning node (storage/owned-batch.ts) are one row: a JSON array of
  // [id, service, kind, problem, client_id, at, evidence, network] rows. Stored uncompressed and, up to a page, inline:
  // pglz and a TOAST table would cost the batch what the single row saves. counted_reports reads both tables as one.
  `CREATE TABLE report_batches (first_at BIGINT NOT NULL, last_at BIGINT NOT NULL, reports TEXT NOT NULL);
   ALTER TABLE report_batches ALTER COLUMN reports SET STORAGE EXTERNAL;
   ALTER TABLE report_batches SET (toast_tuple_target = 8160);
   CREATE INDEX report_batches_at ON report_batches USING brin (last_at);
   CREATE VIEW counted_reports AS
     SELECT id, service, kind, problem, client_id, at, evidence, network FROM reports
     UNION ALL SELECT r->>0, r->>1, r->>2, r->>3, r->>4, (r->>5)::bigint, r->>6, r->>7
       FROM report_batches b, json_array_elements(b.reports::json) r`,
  // An owning node's provider deltas: one JSON row per batch and bucket (storage/provider-fold.ts), not a heap tuple per
  // key. Folded into provider_counts (one row per key and bucket) off the batch path, a slice at a time. Uncompressed and
  // inline up to a page, as report_batches.
  `CREATE TABLE provider_batches (
     id BIGINT GENERATED ALWAYS AS IDENTITY,
     bucket_start BIGINT NOT NULL,
     deltas TEXT NOT NULL
   );
   ALTER TABLE provider_batches ALTER COLUMN deltas SET STORAGE EXTERNAL;
   ALTER TABLE provider_batches SET (toast_tuple_target = 8160);
   CREATE INDEX provider_batches_bucket ON provider_batches (bucket_start, id)`,
];

/** Brings the schema up to date. */
export async function migrate(db: SqlDriver): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7461)');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (done.has(i + 1)) continue;
      for (const statement of sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, Date.now()]);
    }
  });
}
