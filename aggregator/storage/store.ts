// Every SQL query the aggregator runs, one set for both backends (PGlite and PostgreSQL).
import type { CommunityState } from '../../contracts/status.ts';
import { answerFor } from '../http/report-answer.ts';
import type { Queryable, SqlDriver } from './driver.ts';
import {
  bucketCounts,
  type BatchOptions,
  type BatchResult,
  type BucketCounts,
  type IncidentRow,
  type IncidentStatus,
  type StoredAnswer,
} from './store-rows.ts';
import { listIncidents, openIncident, updateIncident } from './incident-rows.ts';
import {
  ANSWERED_KEYS,
  COUNT_COLUMNS,
  FIND_ANSWERS,
  INSERT_ANSWERS,
  RECENT_COUNTED,
  STORED_CLAIMS_UNTIL,
  WRITE_OWNED,
  WRITE_REPORTS,
} from './queries.ts';
import { encodeOwned, type OwnedReports } from './owned-batch.ts';
import type { ReportBatch } from './report-batch.ts';
import { compactProviders, loadBaselineSamples, loadProviders, saveBaselineSample, secretCheck } from './network-history.ts';
import type { BaselineSample, ProviderCounts } from './provider-rows.ts';
import { ProviderFold } from './provider-fold.ts';

export { emptyProblems } from './store-rows.ts';
export type { BatchOptions, BatchResult, BucketCounts, IncidentRow, IncidentStatus, PendingReport, StoredAnswer } from './store-rows.ts';

/** What the rest of the aggregator uses: the store in this thread (PostgreSQL) or behind a worker (PGlite). */
export type Store = Omit<ReportStore, 'db'> & { readonly kind: 'pglite' | 'postgres'; close(): Promise<void> };

/** The aggregator's storage: one class, the same SQL on PGlite and PostgreSQL. */
export class ReportStore {
  private readonly providerFold: ProviderFold;

  constructor(readonly db: SqlDriver) {
    this.providerFold = new ProviderFold(db);
  }

  get kind(): 'pglite' | 'postgres' {
    return this.db.kind;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * Writes a batch in one transaction: dedup claims, counted reports raw, overflow counters, bucket aggregates,
   * idempotency answers. A key that already has a stored answer (this node forgot it, or another node wrote it) is not
   * written again: its report comes back in `replayed` with that answer. Returns the ids that lost a dedup race to
   * another node (already counted); every other report is stored. `owned`: reports whose claims this node decided in
   * memory (it is the only writer), written first by a plain statement; their keys were looked up before deciding.
   */
  async writeBatch(batch: ReportBatch, extraAnswers: StoredAnswer[], opts: BatchOptions, owned?: OwnedReports): Promise<BatchResult> {
    // The statement's parameters are built here: for PGlite that is its worker, off the HTTP thread.
    const ownedBatch = owned && owned.rows.length > 0 ? encodeOwned(owned) : null;
    const write = async (q: Queryable): Promise<BatchResult> => {
      const rejected: string[] = [];
      const buckets: BucketCounts[] = [];
      let opened: number[] = [];
      if (ownedBatch) {
        for (const row of await q.query<Record<string, unknown>>(WRITE_OWNED, ownedBatch.params, 'write_owned'))
          buckets.push(bucketCounts(row));
      }
      const replayed = batch.keyed.length > 0 ? await findReplays(q, batch.keyed) : [];
      const skip = replayed.map((r) => r.id);
      if (batch.size > skip.length) {
        const rows = await q.query<Record<string, unknown>>(
          WRITE_REPORTS,
          [
            batch.ids,
            batch.services,
            batch.kinds,
            batch.problems,
            batch.clientIds,
            batch.ats,
            batch.evidence,
            batch.networks,
            opts.dedupWindowMs,
            opts.bucketMs,
            opts.networkCap,
            opts.claimWindowMs,
            skip,
            batch.providers,
            batch.groups,
            batch.countries,
            batch.previousIds,
            opts.hourMs,
          ],
          'write_reports',
        );
        for (const row of rows) {
          if (row.id !== null) rejected.push(String(row.id));
          else if (row.opened !== null && row.opened !== undefined) opened = row.opened as number[];
          else buckets.push(bucketCounts(row));
        }
      }
      // The owned statement stored its own reports' answers; these are the shared reports' and any others.
      const answers = [...extraAnswers];
      if (batch.keyed.length > skip.length) {
        const lost = new Set(rejected);
        const again = new Set(skip);
        for (const r of batch.keyed) if (!again.has(r.id)) answers.push({ key: r.key, at: r.at, ...answerFor(r, !lost.has(r.id)) });
      }
      if (answers.length > 0) {
        await q.query(
          INSERT_ANSWERS,
          [answers.map((a) => a.key), answers.map((a) => a.status), answers.map((a) => a.body), answers.map((a) => a.at)],
          'insert_answers',
        );
      }
      return { rejected, buckets, opened, replayed };
    };
    // A lone statement is atomic by itself (the owned one stores its answers too); two or more need a transaction.
    const statements = [ownedBatch !== null, batch.size > 0, extraAnswers.length > 0 || batch.keyed.length > 0];
    const needsTx = statements.filter(Boolean).length > 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await (needsTx ? this.db.transaction(write) : write(this.db));
      } catch (error) {
        // Two nodes locking the same claim rows in a different order: PostgreSQL aborts one; it is safe to run again.
        if (attempt >= 3 || !/deadlock/i.test(String(error))) throw error;
      }
    }
  }

  /** The stored answers of these idempotency keys (an owning node asks before deciding claims). */
  async findAnswers(keys: string[]): Promise<StoredAnswer[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ key: string; status: unknown; body: string }>(FIND_ANSWERS, [keys], 'find_answers');
    return rows.map((r) => ({ key: r.key, status: Number(r.status), body: r.body, at: 0 }));
  }

  /** A page of the idempotency keys answered since `since`, in (at, key) order after `after` (an owning node restores them). */
  async answeredKeys(since: number, after: { at: number; key: string } | null, limit: number): Promise<{ key: string; at: number }[]> {
    const rows = await this.db.query<{ key: string; at: unknown }>(ANSWERED_KEYS, [since, after?.at ?? since - 1, after?.key ?? '', limit]);
    return rows.map((r) => ({ key: r.key, at: Number(r.at) }));
  }

  /** Counted reports since `since`, oldest first, at most `limit` (an owning node rebuilds its claims from them). */
  async recentCounted(
    since: number,
    limit: number,
  ): Promise<{ id: string; service: string; network: string; kind: string; clientId: string; at: number }[]> {
    const rows = await this.db.query<Record<string, unknown>>(RECENT_COUNTED, [since, limit]);
    return rows.map((r) => ({
      id: String(r.id),
      service: String(r.service),
      network: String(r.network ?? ''),
      kind: String(r.kind),
      clientId: String(r.client_id),
      at: Number(r.at),
    }));
  }

  /** Until when claims kept in `network_claims` still run (0 when none). */
  async storedClaimsUntil(claimWindowMs: number): Promise<number> {
    const rows = await this.db.query<{ until: unknown }>(STORED_CLAIMS_UNTIL, [claimWindowMs]);
    return Number(rows[0]?.until ?? 0);
  }

  /** Bucket aggregates from `since` on (detection state at start). */
  async loadBuckets(since: number): Promise<BucketCounts[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT service, bucket_start, ${COUNT_COLUMNS.join(', ')} FROM aggregates WHERE bucket_start >= $1::bigint ORDER BY bucket_start`,
      [since],
    );
    return rows.map(bucketCounts);
  }

  /** Earliest bucket ever counted, per service (how much history the baseline may use). */
  async firstBuckets(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ service: string; first: unknown }>(
      'SELECT service, MIN(bucket_start) AS first FROM aggregates GROUP BY service',
    );
    return new Map(rows.map((r) => [r.service, Number(r.first)]));
  }

  /** Problem reports per hour-long slot in [from, to), from the aggregates only. */
  async hourlyReports(service: string, from: number, to: number, hourMs: number): Promise<Map<number, number>> {
    const rows = await this.db.query<{ hour: unknown; reports: unknown }>(
      `SELECT bucket_start - mod(bucket_start, $2::bigint) AS hour, SUM(reports)::float8 AS reports FROM aggregates
       WHERE service = $1 AND bucket_start >= $3::bigint AND bucket_start < $4::bigint GROUP BY 1`,
      [service, hourMs, from, to],
    );
    return new Map(rows.map((r) => [Number(r.hour), Number(r.reports)]));
  }

  openIncident(service: string, source: IncidentRow['source'], start: number, peak: number, status: IncidentStatus): Promise<string> {
    return openIncident(this.db, service, source, start, peak, status);
  }

  updateIncident(id: string, peak: number, status: IncidentStatus, end: number | null): Promise<void> {
    return updateIncident(this.db, id, peak, status, end);
  }

  listIncidents(filter: { service?: string; limit: number; openOnly?: boolean; since?: number }): Promise<IncidentRow[]> {
    return listIncidents(this.db, filter);
  }

  async saveServiceState(service: string, status: CommunityState, since: number): Promise<void> {
    await this.db.query(
      'INSERT INTO service_state (service, status, since) VALUES ($1, $2, $3::bigint) ON CONFLICT (service) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since',
      [service, status, since],
    );
  }

  async loadServiceStates(): Promise<Map<string, { status: CommunityState; since: number }>> {
    const rows = await this.db.query<{ service: string; status: CommunityState; since: unknown }>(
      'SELECT service, status, since FROM service_state',
    );
    return new Map(rows.map((r) => [r.service, { status: r.status, since: Number(r.since) }]));
  }

  /** Drops raw reports past retention, expired dedup/idempotency rows and incidents ended before `incidentsBefore`. */
  async prune(opts: {
    incidentsBefore: number;
    rawBefore: number;
    dedupBefore: number;
    answersBefore: number;
    claimsBefore: number;
    saltsBefore: number;
  }): Promise<void> {
    await this.db.query("SELECT brin_summarize_new_values('reports_at'::regclass)");
    await this.db.query("SELECT brin_summarize_new_values('report_batches_at'::regclass)");
    await this.db.query('DELETE FROM reports WHERE at < $1::bigint', [opts.rawBefore]);
    // A batch goes once its last report is past retention (its first is at most a batch's span older).
    await this.db.query('DELETE FROM report_batches WHERE last_at < $1::bigint', [opts.rawBefore]);
    await this.db.query('DELETE FROM network_overflow WHERE window_start < $1::bigint', [opts.rawBefore]);
    // Folded within a bucket or two; only a fold failing for the whole retention leaves any.
    await this.db.query('DELETE FROM provider_batches WHERE bucket_start < $1::bigint', [opts.rawBefore]);
    await this.db.query(
      'DELETE FROM network_claims WHERE problems_at < $1::bigint AND working_at < $1::bigint AND hour_until < $1::bigint',
      [opts.claimsBefore],
    );
    await this.db.query('DELETE FROM dedup WHERE at < $1::bigint', [opts.dedupBefore]);
    await this.db.query('DELETE FROM idempotency WHERE at < $1::bigint', [opts.answersBefore]);
    await this.db.query('DELETE FROM incidents WHERE end_at < $1::bigint', [opts.incidentsBefore]);
  }

  /** Reports past their network's cap, per network and claim window since `since` (largest first), for operators. */
  async overflow(
    since: number,
    limit: number,
  ): Promise<{ service: string; network: string; windowStart: number; problems: number; working: number }[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT service, network, window_start, problems, working FROM network_overflow WHERE window_start >= $1::bigint
       ORDER BY problems + working DESC LIMIT $2::int`,
      [since, limit],
    );
    return rows.map((r) => ({
      service: String(r.service),
      network: String(r.network),
      windowStart: Number(r.window_start),
      problems: Number(r.problems),
      working: Number(r.working),
    }));
  }

  /** Counted networks per provider from `since` (the recent window and the hour being sampled), every delta folded in. */
  async loadProviders(since: number): Promise<ProviderCounts[]> {
    await this.providerFold.drain(Number.MAX_SAFE_INTEGER);
    return loadProviders(this.db, since);
  }

  /** Folds one slice of an owning node's provider deltas before `before` into provider_counts; false once none is left. */
  foldProviders(before: number): Promise<boolean> {
    return this.providerFold.slice(before);
  }

  compactProviders(from: number, before: number): Promise<void> {
    return compactProviders(this.db, from, before);
  }

  loadBaselineSamples(since: number): Promise<BaselineSample[]> {
    return loadBaselineSamples(this.db, since);
  }

  saveBaselineSample(sample: BaselineSample, keepFrom: { providers: number; samples: number }): Promise<void> {
    return saveBaselineSample(this.db, sample, keepFrom);
  }

  /** The deployment secret's check value (stores `candidate` on first use). */
  secretCheck(candidate: string): Promise<string> {
    return secretCheck(this.db, candidate);
  }

  async countReports(): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM counted_reports');
    return Number(rows[0]?.n ?? 0);
  }
}

/** The keyed reports whose key already has a stored answer, with that answer. */
async function findReplays(q: Queryable, keyed: ReportBatch['keyed']): Promise<{ id: string; status: number; body: string }[]> {
  const rows = await q.query<{ key: string; status: unknown; body: string }>(FIND_ANSWERS, [keyed.map((r) => r.key)], 'find_answers');
  if (rows.length === 0) return [];
  const stored = new Map(rows.map((r) => [r.key, r]));
  const out: { id: string; status: number; body: string }[] = [];
  for (const r of keyed) {
    const a = stored.get(r.key);
    if (a) out.push({ id: r.id, status: Number(a.status), body: a.body });
  }
  return out;
}
