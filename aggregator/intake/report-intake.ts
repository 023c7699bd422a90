// Accepts a valid report: idempotency replay, per-client dedup (bounded memory in front of the stored tables), then
// group commit. Memory is a cache: a key or claim it has dropped is answered by storage inside the batch.
import { randomUUID } from 'node:crypto';
import type { Answer } from '../http/report-answer.ts';
import { acceptedAnswer, answerFor } from '../http/report-answer.ts';
import type { ReportQueue } from './report-queue.ts';
import type { ValidReport } from '../http/report-body.ts';
import type { ReportNetwork } from './network-ids.ts';
import type { PendingReport } from '../storage/store.ts';
import { BoundedLru } from './bounded-lru.ts';

/** Receives a report's answer, or the storage error that kept it from being stored. */
export type Reply = (error: unknown, answer: Answer | null) => void;

interface Claim {
  at: number;
  id: string;
}

/** How much the intake keeps in memory (entries; a network may hold `perNetwork` of each). */
export interface IntakeMemory {
  answers: number;
  claims: number;
  perNetwork: number;
}

/** ≈ 300 bytes an entry: about 25 MB at most, reached long before the 100,000th report of a unique flood. */
export const DEFAULT_INTAKE_MEMORY: IntakeMemory = { answers: 20_000, claims: 50_000, perNetwork: 64 };

/** Decides each report's fate; everything it remembers is also stored, so it survives restarts and evictions. */
export class ReportIntake {
  /** Dedup claims keyed by `${service}|${network}:${clientId}` (a clientId deduplicates only within its network). */
  private readonly claims: BoundedLru<Claim>;
  private readonly answers: BoundedLru<Answer & { at: number }>;
  /** Keyed reports being written now (bounded by the requests in flight). */
  private readonly inFlight = new Map<string, Reply[]>();

  constructor(
    private readonly queue: ReportQueue,
    private readonly opts: { dedupWindowMs: number; answersTtlMs: number; now: () => number; memory?: IntakeMemory },
  ) {
    const memory = opts.memory ?? DEFAULT_INTAKE_MEMORY;
    this.claims = new BoundedLru(memory.claims, memory.perNetwork);
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
    const dedupKey = `${report.service}|${network}:${report.clientId}`;
    const seen = this.claims.get(dedupKey);
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
    const claim: Claim = { at: now, id: pending.id };
    this.claims.set(network, dedupKey, claim);
    if (!key) {
      this.queue.push(pending, (error, accepted) => {
        if (error) return this.unclaim(dedupKey, claim, error, reply);
        reply(null, accepted ? acceptedAnswer(pending.id) : answerFor(pending, false));
      });
      return;
    }
    const waiters: Reply[] = [reply];
    this.inFlight.set(key, waiters);
    this.queue.push(pending, (error, accepted, replayed) => {
      this.inFlight.delete(key);
      if (error) {
        for (const w of waiters) this.unclaim(dedupKey, claim, error, w);
        return;
      }
      // A key this node had forgotten (evicted, or answered before a restart) gets the stored answer; nothing new counted.
      if (replayed) this.unclaim(dedupKey, claim, null, null);
      const answer = replayed ?? answerFor(pending, accepted);
      this.remember(network, key, answer, now, false);
      for (const w of waiters) w(null, answer);
    });
  }

  /** Drops entries their windows no longer need (the LRU bounds them anyway). */
  prune(): void {
    const now = this.opts.now();
    this.claims.pruneOldest((c) => now - c.at >= this.opts.dedupWindowMs);
    this.answers.pruneOldest((a) => now - a.at >= this.opts.answersTtlMs);
  }

  get memorySize(): number {
    return this.answers.size + this.claims.size;
  }

  /** Not stored: forget the claim so a retry can count, and pass the error on. */
  private unclaim(dedupKey: string, claim: Claim, error: unknown, reply: Reply | null): void {
    if (this.claims.get(dedupKey) === claim) this.claims.delete(dedupKey);
    reply?.(error, null);
  }

  private remember(network: string, key: string, answer: Answer, at: number, persist: boolean): void {
    this.answers.set(network, key, { status: answer.status, body: answer.body, at });
    if (persist) this.queue.pushAnswer({ key, status: answer.status, body: answer.body, at });
  }
}
