// Accepts a valid report: idempotency replay, per-client dedup (memory in front of the stored table), then group commit.
import { randomUUID } from 'node:crypto';
import type { Answer } from './reportAnswer.ts';
import { answerFor } from './reportAnswer.ts';
import type { ReportQueue } from './reportQueue.ts';
import type { ValidReport } from './reportBody.ts';
import type { PendingReport, Store } from './storage/store.ts';

/** Decides each report's fate; everything it remembers is also stored, so it survives restarts. */
export class ReportIntake {
  private readonly recent = new Map<string, { at: number; id: string }>();
  private readonly answers = new Map<string, Answer & { at: number }>();
  private readonly inFlight = new Map<string, Promise<Answer>>();

  constructor(
    private readonly store: Store,
    private readonly queue: ReportQueue,
    private readonly opts: { dedupWindowMs: number; answersTtlMs: number; now: () => number },
  ) {}

  /** Loads the dedup claims and idempotency answers still in force. */
  async load(): Promise<void> {
    const now = this.opts.now();
    for (const d of await this.store.loadDedup(now - this.opts.dedupWindowMs)) this.recent.set(`${d.service}|${d.clientId}`, { at: d.at, id: d.reportId });
    for (const a of await this.store.loadAnswers(now - this.opts.answersTtlMs)) this.answers.set(a.key, a);
  }

  /** Resolves with the HTTP answer once the report is durably stored (or known as a duplicate). */
  submit(report: ValidReport): Promise<Answer> {
    const key = report.idempotencyKey ? `${report.clientId}:${report.idempotencyKey}` : null;
    if (key) {
      const known = this.answers.get(key);
      if (known) return Promise.resolve({ status: known.status, body: known.body });
      const pending = this.inFlight.get(key);
      if (pending) return pending;
    }
    const now = this.opts.now();
    const dedupKey = `${report.service}|${report.clientId}`;
    const seen = this.recent.get(dedupKey);
    if (seen && now - seen.at < this.opts.dedupWindowMs) {
      const answer = answerFor(seen, false, Math.ceil((seen.at + this.opts.dedupWindowMs - now) / 1000));
      if (key) this.remember(key, answer, now, true);
      return Promise.resolve(answer);
    }
    const pending: PendingReport = { ...report, id: randomUUID(), at: now, idempotencyKey: key };
    this.recent.set(dedupKey, { at: now, id: pending.id });
    const result = this.queue.push(pending).then(
      (accepted) => {
        const answer = answerFor(pending, accepted);
        if (key) this.remember(key, answer, now, false);
        return answer;
      },
      (error: unknown) => {
        // Not stored: forget the claim so a retry can count.
        if (this.recent.get(dedupKey)?.id === pending.id) this.recent.delete(dedupKey);
        throw error;
      },
    );
    if (key) {
      this.inFlight.set(key, result);
      void result.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    }
    return result;
  }

  /** Drops memory the windows no longer need. */
  prune(): void {
    const now = this.opts.now();
    for (const [k, v] of this.recent) if (now - v.at >= this.opts.dedupWindowMs) this.recent.delete(k);
    for (const [k, v] of this.answers) if (now - v.at >= this.opts.answersTtlMs) this.answers.delete(k);
  }

  get memorySize(): number {
    return this.recent.size + this.answers.size;
  }

  private remember(key: string, answer: Answer, at: number, persist: boolean): void {
    this.answers.set(key, { ...answer, at });
    if (persist) this.queue.pushAnswer({ key, ...answer, at });
  }
}
