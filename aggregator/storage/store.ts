// Every SQL query the aggregator runs, one set for both backends (PGlite and PostgreSQL).
import type { CommunityState, ProblemKind, ServiceId } from '../../contracts/status.ts';
import { answerFor } from '../reportAnswer.ts';
import type { Queryable, SqlDriver } from './driver.ts';
import { COUNT_COLUMNS, INSERT_ANSWERS, PROBLEM_COLUMNS, WRITE_REPORTS } from './queries.ts';
import type { ReportBatch } from './reportBatch.ts';

/** A validated report waiting in the write queue. */
export interface PendingReport {
  id: string;
  service: ServiceId;
  kind: 'problem' | 'working';
  problem: ProblemKind | null;
  clientId: string;
  at: number;
  evidence: string | null;
  /** Scoped per client: `${clientId}:${key}`. */
  idempotencyKey: string | null;
}

/** An answer to remember for an idempotency key. */
export interface StoredAnswer {
  key: string;
  status: number;
  body: string;
  at: number;
}

export interface BucketCounts {
  service: string;
  bucketStart: number;
  reports: number;
  clients: number;
  working: number;
  problems: Record<ProblemKind, number>;
}

export interface IncidentRow {
  id: string;
  service: string;
  source: 'reports' | 'official';
  start: number;
  end: number | null;
  peak: number;
}

/** Folds accepted reports into per-bucket counts. */
export function countBuckets(reports: PendingReport[], bucketMs: number): BucketCounts[] {
  const byKey = new Map<string, BucketCounts & { seen: Set<string> }>();
  for (const r of reports) {
    const bucketStart = r.at - (r.at % bucketMs);
    const key = `${r.service}|${bucketStart}`;
    let b = byKey.get(key);
    if (!b) {
      b = { service: r.service, bucketStart, reports: 0, clients: 0, working: 0, problems: emptyProblems(), seen: new Set() };
      byKey.set(key, b);
    }
    if (r.kind === 'working') b.working += 1;
    else {
      b.reports += 1;
      if (r.problem) b.problems[r.problem] += 1;
      if (!b.seen.has(r.clientId)) b.clients += 1;
      b.seen.add(r.clientId);
    }
  }
  return [...byKey.values()].map(({ seen: _seen, ...b }) => b);
}

export function emptyProblems(): Record<ProblemKind, number> {
  return { 'not-delivered': 0, 'cannot-sign-in': 0, activation: 0, 'calls-fail': 0, other: 0 };
}

/** What the rest of the aggregator uses: the store in this thread (PostgreSQL) or behind a worker (PGlite). */
export type Store = Omit<ReportStore, 'db'> & { readonly kind: 'pglite' | 'postgres'; close(): Promise<void> };

/** The aggregator's storage: one class, the same SQL on PGlite and PostgreSQL. */
export class ReportStore {
  constructor(readonly db: SqlDriver) {}

  get kind(): 'pglite' | 'postgres' {
    return this.db.kind;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * Writes a batch in one transaction: dedup claims, raw reports, bucket aggregates, idempotency answers.
   * Returns the ids that lost a dedup race to another node (already counted); every other report is stored.
   */
  async writeBatch(
    batch: ReportBatch,
    extraAnswers: StoredAnswer[],
    opts: { dedupWindowMs: number; bucketMs: number },
  ): Promise<{ rejected: string[] }> {
    const write = async (q: Queryable) => {
      let rejected: string[] = [];
      if (batch.size > 0) {
        const lost = await q.query<{ id: string }>(WRITE_REPORTS, [
          batch.ids,
          batch.services,
          batch.kinds,
          batch.problems,
          batch.clientIds,
          batch.ats,
          batch.evidence,
          opts.dedupWindowMs,
          opts.bucketMs,
        ]);
        rejected = lost.map((w) => w.id);
      }
      const answers = [...extraAnswers];
      if (batch.keyed.length > 0) {
        const lost = new Set(rejected);
        for (const r of batch.keyed) answers.push({ key: r.key, at: r.at, ...answerFor(r, !lost.has(r.id)) });
      }
      if (answers.length > 0) {
        await q.query(INSERT_ANSWERS, [answers.map((a) => a.key), answers.map((a) => a.status), answers.map((a) => a.body), answers.map((a) => a.at)]);
      }
      return { rejected };
    };
    // A lone statement is atomic by itself; idempotency answers make it two, so then a transaction.
    const needsTx = extraAnswers.length > 0 || batch.keyed.length > 0;
    return needsTx ? this.db.transaction(write) : write(this.db);
  }

  /** Bucket aggregates from `since` on (detection state at start). */
  async loadBuckets(since: number): Promise<BucketCounts[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT service, bucket_start, ${COUNT_COLUMNS.join(', ')} FROM aggregates WHERE bucket_start >= $1::bigint ORDER BY bucket_start`,
      [since],
    );
    return rows.map((row) => ({
      service: String(row.service),
      bucketStart: Number(row.bucket_start),
      reports: Number(row.reports),
      clients: Number(row.clients),
      working: Number(row.working),
      problems: Object.fromEntries(PROBLEM_COLUMNS.map(([p, c]) => [p, Number(row[c])])) as Record<ProblemKind, number>,
    }));
  }

  /** Earliest bucket ever counted, per service (how much history the baseline may use). */
  async firstBuckets(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ service: string; first: unknown }>('SELECT service, MIN(bucket_start) AS first FROM aggregates GROUP BY service');
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

  async loadDedup(since: number): Promise<{ service: string; clientId: string; at: number; reportId: string }[]> {
    const rows = await this.db.query<{ service: string; client_id: string; at: unknown; report_id: string }>(
      'SELECT service, client_id, at, report_id FROM dedup WHERE at >= $1::bigint',
      [since],
    );
    return rows.map((r) => ({ service: r.service, clientId: r.client_id, at: Number(r.at), reportId: r.report_id }));
  }

  async loadAnswers(since: number): Promise<StoredAnswer[]> {
    const rows = await this.db.query<{ key: string; status: unknown; body: string; at: unknown }>(
      'SELECT key, status, body, at FROM idempotency WHERE at >= $1::bigint',
      [since],
    );
    return rows.map((r) => ({ key: r.key, status: Number(r.status), body: r.body, at: Number(r.at) }));
  }

  async openIncident(service: string, source: IncidentRow['source'], start: number, peak: number): Promise<string> {
    const rows = await this.db.query<{ id: unknown }>(
      'INSERT INTO incidents (service, source, start_at, peak) VALUES ($1, $2, $3::bigint, $4::int) RETURNING id',
      [service, source, start, Math.round(peak)],
    );
    return String(rows[0]?.id);
  }

  async updateIncident(id: string, peak: number, end: number | null): Promise<void> {
    await this.db.query('UPDATE incidents SET peak = GREATEST(peak, $2::int), end_at = $3::bigint WHERE id = $1::bigint', [id, Math.round(peak), end]);
  }

  async listIncidents(filter: { service?: string; limit: number; openOnly?: boolean }): Promise<IncidentRow[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, service, source, start_at, end_at, peak FROM incidents
       WHERE ($1::text IS NULL OR service = $1) AND ($2::boolean = false OR end_at IS NULL)
       ORDER BY start_at DESC, id DESC LIMIT $3::int`,
      [filter.service ?? null, filter.openOnly ?? false, filter.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      service: String(r.service),
      source: r.source === 'official' ? 'official' : 'reports',
      start: Number(r.start_at),
      end: r.end_at === null ? null : Number(r.end_at),
      peak: Number(r.peak),
    }));
  }

  async saveServiceState(service: string, status: CommunityState, since: number): Promise<void> {
    await this.db.query(
      'INSERT INTO service_state (service, status, since) VALUES ($1, $2, $3::bigint) ON CONFLICT (service) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since',
      [service, status, since],
    );
  }

  async loadServiceStates(): Promise<Map<string, { status: CommunityState; since: number }>> {
    const rows = await this.db.query<{ service: string; status: CommunityState; since: unknown }>('SELECT service, status, since FROM service_state');
    return new Map(rows.map((r) => [r.service, { status: r.status, since: Number(r.since) }]));
  }

  /** Drops raw reports past retention and expired dedup/idempotency rows; aggregates are kept. */
  async prune(opts: { rawBefore: number; dedupBefore: number; answersBefore: number }): Promise<void> {
    await this.db.query('DELETE FROM reports WHERE at < $1::bigint', [opts.rawBefore]);
    await this.db.query('DELETE FROM dedup WHERE at < $1::bigint', [opts.dedupBefore]);
    await this.db.query('DELETE FROM idempotency WHERE at < $1::bigint', [opts.answersBefore]);
  }

  async countReports(): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM reports');
    return Number(rows[0]?.n ?? 0);
  }
}
