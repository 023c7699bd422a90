// Reports waiting for the aggregator, persisted to one JSON file so a restart loses nothing.
import type { ReportBody } from '../../../contracts/aggregator-api.ts';
import { PROBLEM_KINDS, SERVICE_IDS } from '../../../contracts/status.ts';
import type { ProblemKind, ServiceId } from '../../../contracts/status.ts';
import { readJsonOrMoveAside, writeFileAtomic } from '../files/json-file.ts';

export interface QueuedReport {
  body: ReportBody & { idempotencyKey: string };
  /** Epoch ms the user made the report. */
  createdAt: number;
  attempts: number;
  /** Do not send before this time (Retry-After), epoch ms. */
  notBefore: number;
}

export interface ReportQueueFile {
  /** Oldest first. */
  list(): QueuedReport[];
  add(report: QueuedReport): void;
  remove(idempotencyKey: string): void;
  update(idempotencyKey: string, change: Partial<Pick<QueuedReport, 'attempts' | 'notBefore'>>): void;
  size(): number;
  has(idempotencyKey: string): boolean;
  /** Why the last write to disk failed (the queue then lives in memory only); null once a write succeeds. */
  saveError(): string | null;
}

/** Far more than anyone clicks while offline; the oldest go first beyond it. */
export const MAX_QUEUED_REPORTS = 500;

/** Opens (or starts) the queue file; a corrupt file is moved aside and logged, never fatal. */
export function openReportQueueFile(path: string, opts: { now: () => number; log?: (line: string) => void }): ReportQueueFile {
  const log = opts.log ?? (() => undefined);
  let items: QueuedReport[] = [];
  let saveError: string | null = null;
  const read = readJsonOrMoveAside(path, opts.now());
  if (read.kind === 'corrupt')
    log(`report queue ${path} was unreadable (${read.reason}); moved to ${read.movedTo ?? 'nowhere'} and started empty`);
  if (read.kind === 'ok') {
    const raw = typeof read.value === 'object' && read.value !== null ? (read.value as { reports?: unknown }).reports : undefined;
    const list = Array.isArray(raw) ? raw : [];
    items = list.map(readQueued).filter((r): r is QueuedReport => r !== null);
    if (items.length !== list.length || !Array.isArray(raw))
      log(`report queue ${path}: dropped ${list.length - items.length} damaged entries`);
  }

  const save = (): void => {
    try {
      writeFileAtomic(path, JSON.stringify({ version: 1, reports: items }));
      saveError = null;
    } catch (err) {
      saveError = (err as Error).message;
      // The reports stay in memory; the next change tries the disk again.
      log(`report queue ${path} could not be written: ${(err as Error).message}`);
    }
  };

  return {
    list: () => items.map((r) => ({ ...r })),
    add(report) {
      items.push(report);
      if (items.length > MAX_QUEUED_REPORTS) {
        log(`report queue full: dropped ${items.length - MAX_QUEUED_REPORTS} oldest reports`);
        items = items.slice(-MAX_QUEUED_REPORTS);
      }
      save();
    },
    remove(key) {
      const before = items.length;
      items = items.filter((r) => r.body.idempotencyKey !== key);
      if (items.length !== before) save();
    },
    update(key, change) {
      items = items.map((r) => (r.body.idempotencyKey === key ? { ...r, ...change } : r));
      save();
    },
    size: () => items.length,
    has: (key) => items.some((r) => r.body.idempotencyKey === key),
    saveError: () => saveError,
  };
}

/** One entry from disk, rebuilt from known fields; null when damaged. */
function readQueued(raw: unknown): QueuedReport | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const b = (typeof r['body'] === 'object' && r['body'] !== null ? r['body'] : {}) as Record<string, unknown>;
  const service = b['service'];
  const kind = b['kind'];
  const problem = b['problem'];
  if (!SERVICE_IDS.includes(service as ServiceId) || (kind !== 'problem' && kind !== 'working')) return null;
  if (problem !== undefined && !PROBLEM_KINDS.includes(problem as ProblemKind)) return null;
  if (typeof b['clientId'] !== 'string' || typeof b['idempotencyKey'] !== 'string' || b['idempotencyKey'] === '') return null;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const body: QueuedReport['body'] = { service: service as ServiceId, kind, clientId: b['clientId'], idempotencyKey: b['idempotencyKey'] };
  if (problem !== undefined) body.problem = problem as ProblemKind;
  const evidence = readEvidence(b['evidence']);
  if (evidence) body.evidence = evidence;
  return { body, createdAt: num(r['createdAt']), attempts: num(r['attempts']), notBefore: num(r['notBefore']) };
}

function readEvidence(raw: unknown): ReportBody['evidence'] | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  const out: NonNullable<ReportBody['evidence']> = {};
  if (typeof e['local'] === 'string') out.local = e['local'].slice(0, 40);
  if (Array.isArray(e['failedProbes'])) out.failedProbes = e['failedProbes'].filter((p): p is string => typeof p === 'string').slice(0, 10);
  return out;
}
