// Accepts a valid report: idempotency replay, per-client dedup (memory in front of the stored table), then group commit.
import { randomUUID } from 'node:crypto';
import type { ServiceId } from '../../contracts/status.ts';
import type { Answer } from '../http/report-answer.ts';
import { acceptedAnswer, answerFor } from '../http/report-answer.ts';
import type { ReportQueue } from './report-queue.ts';
import type { ValidReport } from '../http/report-body.ts';
import type { PendingReport, Store } from '../storage/store.ts';

/** Receives a report's answer, or the storage error that kept it from being stored. */
export type Reply = (error: unknown, answer: Answer | null) => void;

interface Claim {
  at: number;
  id: string;
}

/** Decides each report's fate; everything it remembers is also stored, so it survives restarts. */
export class ReportIntake {
  /** Dedup claims per service, keyed by `${network}:${clientId}` (a clientId deduplicates only within its network). */
  private readonly recent = new Map<string, Map<string, Claim>>();
  private readonly answers = new Map<string, Answer & { at: number }>();
  private readonly inFlight = new Map<string, Reply[]>();

  constructor(
    private readonly store: Store,
    private readonly queue: ReportQueue,
    private readonly opts: { dedupWindowMs: number; answersTtlMs: number; now: () => number },
  ) {}

  /** Loads the dedup claims and idempotency answers still in force. */
  async load(): Promise<void> {
    const now = this.opts.now();
    for (const d of await this.store.loadDedup(now - this.opts.dedupWindowMs))
      this.claims(d.service).set(d.clientId, { at: d.at, id: d.reportId });
    for (const a of await this.store.loadAnswers(now - this.opts.answersTtlMs)) this.answers.set(a.key, a);
  }

  /** Calls `reply` with the HTTP answer once the report is durably stored (or known as a duplicate). */
  submit(report: ValidReport, network: string, reply: Reply): void {
    const key = report.idempotencyKey ? `${report.clientId}:${report.idempotencyKey}` : null;
    if (key) {
      const known = this.answers.get(key);
      if (known) return reply(null, { status: known.status, body: known.body });
      const waiting = this.inFlight.get(key);
      if (waiting) return void waiting.push(reply);
    }
    const now = this.opts.now();
    const claims = this.claims(report.service);
    const dedupKey = `${network}:${report.clientId}`;
    const seen = claims.get(dedupKey);
    if (seen && now - seen.at < this.opts.dedupWindowMs) {
      const answer = answerFor(seen, false, Math.ceil((seen.at + this.opts.dedupWindowMs - now) / 1000));
      if (key) this.remember(key, answer, now, true);
      return reply(null, answer);
    }
    const pending: PendingReport = {
      id: randomUUID(),
      service: report.service,
      kind: report.kind,
      problem: report.problem,
      clientId: report.clientId,
      network,
      at: now,
      evidence: report.evidence,
      idempotencyKey: key,
    };
    const claim: Claim = { at: now, id: pending.id };
    claims.set(dedupKey, claim);
    if (!key) {
      this.queue.push(pending, (error, accepted) => {
        if (error) return this.unclaim(claims, dedupKey, claim, error, reply);
        reply(null, accepted ? acceptedAnswer(pending.id) : answerFor(pending, false));
      });
      return;
    }
    const waiters: Reply[] = [reply];
    this.inFlight.set(key, waiters);
    this.queue.push(pending, (error, accepted) => {
      this.inFlight.delete(key);
      if (error) {
        for (const w of waiters) this.unclaim(claims, dedupKey, claim, error, w);
        return;
      }
      const answer = answerFor(pending, accepted);
      this.remember(key, answer, now, false);
      for (const w of waiters) w(null, answer);
    });
  }

  /** Drops memory the windows no longer need. */
  prune(): void {
    const now = this.opts.now();
    for (const claims of this.recent.values()) for (const [k, v] of claims) if (now - v.at >= this.opts.dedupWindowMs) claims.delete(k);
    for (const [k, v] of this.answers) if (now - v.at >= this.opts.answersTtlMs) this.answers.delete(k);
  }

  get memorySize(): number {
    let n = this.answers.size;
    for (const claims of this.recent.values()) n += claims.size;
    return n;
  }

  private claims(service: ServiceId | string): Map<string, Claim> {
    let claims = this.recent.get(service);
    if (!claims) this.recent.set(service, (claims = new Map()));
    return claims;
  }

  /** Not stored: forget the claim so a retry can count, and pass the error on. */
  private unclaim(claims: Map<string, Claim>, dedupKey: string, claim: Claim, error: unknown, reply: Reply): void {
    if (claims.get(dedupKey) === claim) claims.delete(dedupKey);
    reply(error, null);
  }

  private remember(key: string, answer: Answer, at: number, persist: boolean): void {
    this.answers.set(key, { status: answer.status, body: answer.body, at });
    if (persist) this.queue.pushAnswer({ key, status: answer.status, body: answer.body, at });
  }
}
