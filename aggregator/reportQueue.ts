// Group commit: reports queue up while a batch is being written, then go to the database together in one transaction.
import type { PendingReport, StoredAnswer } from './storage/store.ts';

export type BatchWriter = (reports: PendingReport[], answers: StoredAnswer[]) => Promise<{ rejected: Set<string> }>;

interface Waiting {
  report: PendingReport;
  resolve: (accepted: boolean) => void;
  reject: (error: unknown) => void;
}

/** Batches writes; each push resolves once its batch has committed (true = counted, false = lost a dedup race). */
export class ReportQueue {
  private waiting: Waiting[] = [];
  private answers: StoredAnswer[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: BatchWriter,
    private readonly maxBatch = 1000,
  ) {}

  push(report: PendingReport): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ report, resolve, reject });
      this.kick();
    });
  }

  /** Remembers an idempotency answer with the next batch (nobody waits for it). */
  pushAnswer(answer: StoredAnswer): void {
    this.answers.push(answer);
    this.kick();
  }

  get depth(): number {
    return this.waiting.length;
  }

  /** Resolves when everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) return;
    this.running = new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0 || this.answers.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        const answers = this.answers.splice(0, this.maxBatch);
        try {
          const { rejected } = await this.write(
            batch.map((w) => w.report),
            answers,
          );
          for (const w of batch) w.resolve(!rejected.has(w.report.id));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
