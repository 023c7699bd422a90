// The rows and options the aggregator's storage reads and writes (shared by the store, the worker and the detector).
import type { ProblemKind, ServiceId } from '../../contracts/status.ts';
import { PROBLEM_COLUMNS } from './queries.ts';
import type { NetworkOrigin } from './provider-rows.ts';

/** A validated report waiting in the write queue. */
export interface PendingReport {
  id: string;
  service: ServiceId;
  kind: 'problem' | 'working';
  problem: ProblemKind | null;
  clientId: string;
  /** The sender's network id (a keyed hash of its prefix; never an address). */
  network: string;
  /** Its provider, IPv6 /32 group, country, and yesterday's id just after midnight. */
  origin: NetworkOrigin;
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
  /** Counted problem reports (each network adds at most networkCap per claim window). */
  reports: number;
  clients: number;
  /** Counted "working" reports. */
  working: number;
  /** Networks whose problem claim opened in this bucket (distinct per window). */
  networks: number;
  problems: Record<ProblemKind, number>;
}

/** What writing a batch did: the ids that lost a dedup race, and the stored totals of each bucket it added to. */
export interface BatchResult {
  rejected: string[];
  buckets: BucketCounts[];
  /** Per report that opened its claim or its hour: 1-based position × 4 + 1 (claim of its kind) + 2 (hour); see providerDeltas. */
  opened: number[];
  /** Reports whose idempotency key already had a stored answer: not written, answered with it. */
  replayed: { id: string; status: number; body: string }[];
}

/** The worst status an incident reached (Apple's "issue" is degraded). */
export type IncidentStatus = 'degraded' | 'outage';

export interface IncidentRow {
  id: string;
  service: string;
  source: 'reports' | 'official';
  start: number;
  end: number | null;
  /** The highest rate seen (networks per hour; 0 for Apple's incidents). */
  peak: number;
  /** Null for incidents stored before it was recorded. */
  peakStatus: IncidentStatus | null;
  /** Crowd incidents: when Apple's status page first showed it (epoch ms), null while it has not. */
  appleShownAt: number | null;
}

export interface BatchOptions {
  dedupWindowMs: number;
  bucketMs: number;
  networkCap: number;
  claimWindowMs: number;
  /** The hour a network counts once in for the baseline. */
  hourMs: number;
}

/** An aggregates row (a bucket's stored totals) as counts. */
export function bucketCounts(row: Record<string, unknown>): BucketCounts {
  return {
    service: String(row.service),
    bucketStart: Number(row.bucket_start),
    reports: Number(row.reports),
    clients: Number(row.clients),
    working: Number(row.working),
    networks: Number(row.networks),
    problems: Object.fromEntries(PROBLEM_COLUMNS.map(([p, c]) => [p, Number(row[c])])) as Record<ProblemKind, number>,
  };
}

export function emptyProblems(): Record<ProblemKind, number> {
  return { 'not-delivered': 0, 'cannot-sign-in': 0, activation: 0, 'calls-fail': 0, other: 0 };
}
