// Accepts a valid report: idempotency replay, per-client dedup (bounded memory in front of the stored tables), then
// group commit. Memory is a cache: a key or claim it has dropped is answered by storage inside the batch.
import { randomUUID } from 'node:crypto';
import type { Answer } from '../http/report-answer.ts';
import { acceptedAnswer, answerFor } from '../http/report-answer.ts';
import type { ReportQueue, WriteFailure } from './report-queue.ts';
import type { ValidReport } from '../http/report-body.ts';
import type { ReportNetwork } from './network-ids.ts';
import type { PendingReport } from '../storage/store.ts';
import { BoundedLru } from './bounded-lru.ts';
import { DedupTable } from './dedup-table.ts';

/** Receives a report's answer, or the storage error that kept it from being stored. */
export type Reply = (error: unknown, answer: Answer | null) => void;

/** How much the intake keeps in memory (entries; a network may hold `perNetwork` of each). */
export interface IntakeMemory {
  answers: number;
  claims: number;
  perNetwork: number;
}

/**
 * Claims ≈ 135 bytes with their indexes (6.7 MB of typed arrays, allocated at start). Answers are few on purpose: under
 * a flood of keyed reports, 20,000 of them lived long enough to be promoted, and the collector then moved every one;
 * 500 mostly die young (keyed intake ≈ +5 %). Memory only spares a quick retry a storage lookup; storage answers the rest.
 */
export const DEFAULT_INTAKE_MEMORY: IntakeMemory = { answers: 500, claims: 50_000, perNetwork: 64 };

/** Decides each report's fate; everything it remembers is also stored, so it survives restarts and evictions. */
export class ReportIntake {
  /** Dedup claims by service, network and clientId (a clientId deduplicates only within its network). */
  private readonly claims: DedupTable;
  private readonly answers: BoundedLru<Answer & { at: number }>;
  /** Keyed reports being written now (bounded by the requests in flight). */
  private readonly inFlight = new Map<string, Reply[]>();

  constructor(
    private readonly queue: ReportQueue,
    private readonly opts: { dedupWindowMs: number; answersTtlMs: number; now: () => number; memory?: IntakeMemory },
  ) {
    const memory = opts.memory ?? DEFAULT_INTAKE_MEMORY;
    this.claims = new DedupTable(memory.claims, memory.perNetwork);
    this.answers = new BoundedLru(memory.answers, memory.perNetwork);
  }

  /** Calls `reply` with the HTTP answer once the report is durably stored (or known as a duplicate). */
  submit(report: ValidReport, from: ReportNetwork, reply: Reply): void {
    const network = from.id;
    const key = report.idempotencyKey ? `${report.clientId}:${report.idempotencyKey}` : null;
    const now = this.opts.now();
    if (key) {
      const known = this.answers.get(key);
      if (known && now - known.at < this.opts.answersTtlMs) return reply(null, { status: known.status, body: known.body });
      const waiting = this.inFlight.get(key);
      if (waiting) return void waiting.push(reply);
    }
    const seen = this.claims.get(report.service, network, report.clientId);
    if (seen && now - seen.at < this.opts.dedupWindowMs) {
      const answer = answerFor(seen, false, Math.ceil((seen.at + this.opts.dedupWindowMs - now) / 1000));
      if (key) this.remember(network, key, answer, now, true);
      return reply(null, answer);
    }
    const pending: PendingReport = {
      id: randomUUID(),
      service: report.service,
      kind: report.kind,
      problem: report.problem,
      clientId: report.clientId,
      network,
      origin: from,
      at: now,
      evidence: report.evidence,
      idempotencyKey: key,
    };
    this.claims.set(report.service, network, report.clientId, { at: now, id: pending.id });
    if (!key) {
      this.queue.push(pending, (error, accepted) => {
        if (error) return this.unclaim(pending, error, reply);
        reply(null, accepted ? acceptedAnswer(pending.id) : answerFor(pending, false));
      });
      return;
    }
    const waiters: Reply[] = [reply];
    this.inFlight.set(key, waiters);
    this.queue.push(pending, (error, accepted, replayed) => {
      this.inFlight.delete(key);
      if (error) {
        for (const w of waiters) this.unclaim(pending, error, w);
        return;
      }
      // A key this node had forgotten (evicted, or answered before a restart) gets the stored answer; nothing new counted.
      if (replayed) this.unclaim(pending, null, null);
      const answer = replayed ?? answerFor(pending, accepted);
      this.remember(network, key, answer, now, false);
      for (const w of waiters) w(null, answer);
    });
  }

  /** Drops entries their windows no longer need (the LRU bounds them anyway). */
  prune(): void {
    const now = this.opts.now();
    this.claims.pruneOldest((at) => now - at >= this.opts.dedupWindowMs);
    this.answers.pruneOldest((a) => now - a.at >= this.opts.answersTtlMs);
  }

  /** Storage refusing reports now (null when the last batch committed). */
  get storageFailure(): WriteFailure | null {
    return this.queue.failure;
  }

  get memorySize(): number {
    return this.answers.size + this.claims.size;
  }

  /** Not stored: forget the report's claim (unless a later one replaced it) so a retry can count; pass the error on. */
  private unclaim(report: PendingReport, error: unknown, reply: Reply | null): void {
    this.claims.deleteIf(report.service, report.network, report.clientId, report.id);
    reply?.(error, null);
  }

  private remember(network: string, key: string, answer: Answer, at: number, persist: boolean): void {
    this.answers.set(network, key, { status: answer.status, body: answer.body, at });
    if (persist) this.queue.pushAnswer({ key, status: answer.status, body: answer.body, at });
  }
}
