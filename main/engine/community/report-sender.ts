// "Report a problem" / "Working for me": send now, or keep on disk and send once the aggregator answers.
import { join } from 'node:path';
import type { ReportBody } from '../../../contracts/aggregator-api.ts';
import { checkReportRequest, isInvalidReport } from '../../../contracts/report-schema.ts';
import { SERVICE_NAMES } from '../../../contracts/status.ts';
import type { ReportOutcome, ReportRequest } from '../../../contracts/status.ts';
import type { AggregatorClient } from './client.ts';
import { loadClientId, makeUuid } from './client-id.ts';
import { systemClock } from '../clock.ts';
import type { ReportSender } from '../ports.ts';
import type { Clock } from '../ports.ts';
import { QueueDrain } from './queue-drain.ts';
import { openReportQueueFile } from './report-queue-file.ts';
import type { QueuedReport } from './report-queue-file.ts';

export interface ReportSenderOptions {
  dataDir: string;
  /** The app's one aggregator client. */
  client: AggregatorClient;
  now: () => number;
  random?: () => number;
  log?: (line: string) => void;
  /** Timers for the queue's own retries (default: the system clock). */
  clock?: Clock;
  /** Backoff while the aggregator does not answer; default 5 s doubling to 5 min. */
  retry?: { minDelayMs?: number; maxDelayMs?: number };
}

/** The engine's ReportSender, backed by the queue file in the data folder. */
export interface QueueingReportSender extends ReportSender {
  /** Sends a report, or queues it when the aggregator cannot be reached; never rejects. */
  submit(request: ReportRequest, evidence?: ReportBody['evidence']): Promise<ReportOutcome>;
  /** Sends queued reports, oldest first; resolves with how many the aggregator acknowledged. */
  flush(): Promise<number>;
  /** The aggregator answered (a good poll or stream event): send what waits now. */
  aggregatorAnswered(): void;
  /** Called after each automatic attempt to empty the queue (its size may have changed). */
  onChange(listener: () => void): void;
  /** Stops the automatic retries. */
  stop(): void;
  /** Reports waiting in the queue. */
  pending(): number;
  /** What of the queue and the client id could not be written to disk, in words; null when both are saved. */
  storageProblem(): string | null;
  clientId(): string;
}

export const REPORT_QUEUE_FILE = 'report-queue.json';

/**
 * A report whose Retry-After ends this close is sent now. The retry timer runs on the monotonic clock and the
 * Retry-After is kept in wall-clock time; the two can read a millisecond apart, and a report skipped for that
 * millisecond would otherwise wait out the unreachable-backoff instead.
 */
const DUE_SLACK_MS = 25;

type Delivery =
  | { kind: 'sent' }
  | { kind: 'duplicate'; retryAt?: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'retry' }
  | { kind: 'rate-limited'; until: number };

/** Creates the sender for one data folder; a new sender on the same folder picks up the queue. */
export function createReportSender(opts: ReportSenderOptions): QueueingReportSender {
  const { client } = opts;
  const queue = openReportQueueFile(join(opts.dataDir, REPORT_QUEUE_FILE), { now: opts.now, log: opts.log });
  let clientIdError: string | null = null;
  const clientId = loadClientId(opts.dataDir, opts.random, (message) => {
    clientIdError = message;
    opts.log?.(`client id could not be saved: ${message}`);
  });
  // Keys being sent right now, so submit() and flush() never send one report twice at once.
  const sending = new Set<string>();
  let flushing: Promise<number> | null = null;
  const listeners = new Set<() => void>();
  const flush = (): Promise<number> =>
    (flushing ??= flushOnce()
      .catch(() => 0)
      .finally(() => {
        flushing = null;
      }));
  const drain = new QueueDrain({
    flush,
    pending: () => queue.size(),
    nextDueAt: () => queue.list().reduce<number | null>((min, r) => (min === null || r.notBefore < min ? r.notBefore : min), null),
    clock: opts.clock ?? systemClock,
    onSettled: () => {
      for (const listener of listeners) listener();
    },
    ...opts.retry,
  });

  async function deliver(entry: QueuedReport): Promise<Delivery> {
    sending.add(entry.body.idempotencyKey);
    try {
      const res = await client.submitReport(entry.body);
      if (res.ok) {
        const answer = res.data;
        if (answer.accepted) return { kind: 'sent' };
        return answer.retryAfterSec !== undefined
          ? { kind: 'duplicate', retryAt: opts.now() + answer.retryAfterSec * 1000 }
          : { kind: 'duplicate' };
      }
      // 202 means stored, whatever the body says.
      if (res.status === 202) return { kind: 'sent' };
      if (res.kind === 'rejected') return { kind: 'rejected', reason: res.error };
      if (res.kind === 'rate-limited') return { kind: 'rate-limited', until: opts.now() + (res.retryAfterMs ?? 60_000) };
      return { kind: 'retry' };
    } finally {
      sending.delete(entry.body.idempotencyKey);
    }
  }

  /** Applies an answer to the queue: removes the entry only once the aggregator has answered for good. */
  function settle(entry: QueuedReport, result: Delivery): void {
    const key = entry.body.idempotencyKey;
    if (result.kind === 'retry') queue.update(key, { attempts: entry.attempts + 1 });
    else if (result.kind === 'rate-limited') queue.update(key, { attempts: entry.attempts + 1, notBefore: result.until });
    else {
      if (result.kind === 'rejected') opts.log?.(`report ${key} dropped: ${result.reason}`);
      queue.remove(key);
    }
  }

  async function flushOnce(): Promise<number> {
    let delivered = 0;
    for (const entry of queue.list()) {
      const key = entry.body.idempotencyKey;
      // Skip what submit() is sending or has settled since this list was taken.
      if (sending.has(key) || !queue.has(key) || entry.notBefore > opts.now() + DUE_SLACK_MS) continue;
      const result = await deliver(entry);
      settle(entry, result);
      if (result.kind === 'sent' || result.kind === 'duplicate') delivered += 1;
      // Down or limiting us: the rest would fail the same way.
      if (result.kind === 'retry' || result.kind === 'rate-limited') break;
    }
    return delivered;
  }

  // Reports left by an earlier run go out on their own too.
  if (queue.size() > 0) drain.queued();

  return {
    async submit(request, evidence) {
      const checked = checkReportRequest(request);
      if (isInvalidReport(checked)) return { result: 'rejected', message: refusalWords(checked.field, request) };
      const name = SERVICE_NAMES[request.service];
      const body: QueuedReport['body'] = { service: request.service, kind: request.kind, clientId, idempotencyKey: makeUuid(opts.random) };
      if (request.kind === 'problem' && request.problem) body.problem = request.problem;
      if (evidence) body.evidence = evidence;
      const entry: QueuedReport = { body, createdAt: opts.now(), attempts: 0, notBefore: 0 };
      // Written down before sending: a crash mid-request loses nothing, and the key makes a resend harmless.
      queue.add(entry);
      let result: Delivery;
      try {
        result = await deliver(entry);
      } catch {
        result = { kind: 'retry' };
      }
      settle(entry, result);
      if (result.kind === 'retry' || result.kind === 'rate-limited') drain.queued();
      switch (result.kind) {
        case 'sent':
          return { result: 'sent', message: `Thanks, your ${name} report was sent.` };
        case 'duplicate':
          return {
            result: 'duplicate',
            message: `You already reported ${name} recently; your first report still counts.`,
            ...(result.retryAt !== undefined ? { retryAt: result.retryAt } : {}),
          };
        case 'rejected':
          return { result: 'rejected', message: result.reason };
        case 'rate-limited': {
          // The popover says the time ("will retry at 14:05") from retryAt; the words here stay time-zone free.
          const minutes = Math.max(1, Math.ceil((result.until - opts.now()) / 60_000));
          return {
            result: 'queued',
            message: `Rate-limited: too many reports from this network; saved, will retry in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
            retryAt: result.until,
          };
        }
        case 'retry':
          return { result: 'queued', message: queuedReason(opts.client.baseUrl(), evidence?.local) };
      }
    },
    flush,
    aggregatorAnswered: () => drain.aggregatorAnswered(),
    onChange: (listener) => void listeners.add(listener),
    stop: () => drain.stop(),
    pending: () => queue.size(),
    storageProblem() {
      const queueError = queue.saveError();
      const problems = [
        queueError &&
          `Reports waiting to be sent could not be saved (${queueError}); they are sent while the app runs, but quitting loses them.`,
        clientIdError && `This install's id could not be saved (${clientIdError}), so each start counts as a new reporter.`,
      ].filter((p): p is string => Boolean(p));
      return problems.length > 0 ? problems.join(' ') : null;
    },
    clientId: () => clientId,
  };
}

/** Why a request the report schema refused (contracts/report-schema.ts) cannot be sent, in the user's words. */
function refusalWords(field: string, request: ReportRequest): string {
  if (field === 'service') return 'Reports can only be made for iMessage or FaceTime.';
  if (field === 'kind') return 'A report is either a problem or "working for me".';
  if (field === 'problem') {
    return request.kind === 'problem' ? 'Choose what is wrong before reporting a problem.' : 'Only a problem report names a problem.';
  }
  return 'A report needs a service and a kind.';
}

/** The true reason a report waits: no server set, this computer offline, or the server not answering. */
function queuedReason(baseUrl: string, local: string | undefined): string {
  if (baseUrl === '') return 'No community server is set; your report is saved and will be sent once you set one in Settings.';
  if (local !== undefined && local !== 'online' && local !== 'unknown')
    return "You're offline; your report is saved and will be sent when you're back online.";
  return "The community server isn't answering; your report is saved and will be sent when it answers.";
}
