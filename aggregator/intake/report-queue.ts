// Group commit: reports queue up while a batch is being written, then go to the database together in one transaction.
import type { Answer } from '../http/report-answer.ts';
import type { PendingReport, StoredAnswer } from '../storage/store.ts';

/**
 * What a written batch tells its reports: the ids that lost a dedup race, and the ids whose idempotency key already had
 * a stored answer (nothing of theirs was written; they get that answer again). Every other report is stored.
 */
export interface BatchOutcome {
  rejected: readonly string[];
  replayed?: readonly { id: string; status: number; body: string }[];
}

/** Writes one batch. */
export type BatchWriter = (reports: PendingReport[], answers: StoredAnswer[]) => Promise<BatchOutcome>;

/**
 * Called once per report after its batch: (null, accepted) when committed, (null, false, answer) when its key was
 * answered before, (error) when the batch failed.
 */
export type Committed = (error: unknown, accepted: boolean, replayed?: Answer) => void;

/** Storage refusing writes now: how many batches in a row failed (each error is logged with its reports). */
export interface WriteFailure {
  batches: number;
}

/**
 * Batches writes: a batch is taken when one of `inFlight` slots is free, and the next collects while they commit, so
 * batches grow with the load (up to maxBatch) and cost one wake-up each, not one per report. Two in flight keep a batch
 * ready in storage's queue while the previous one commits; each batch is answered only after its own commit, and
 * storage commits them in the order they were taken.
 *
 * A batch starts beside one being written only once `minOverlapping` reports wait. Each batch costs storage a fixed
 * price (its statement, the WAL position query, an fdatasync), and a second slot taken by a report or two made the next
 * full batch wait behind it: under wrk, batches of 87 alternated with batches of 1 or 2. Waiting for 48 measured +4.5 %
 * intake and −7 % CPU a report (median of eight pairs). A report that arrives alone still goes at once.
 */
export class ReportQueue {
  private reports: PendingReport[] = [];
  private callbacks: Committed[] = [];
  private answers: StoredAnswer[] = [];
  private writing = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  private failing: WriteFailure | null = null;

  constructor(
    private readonly write: BatchWriter,
    private readonly maxBatch = 1000,
    private readonly inFlight = 2,
    private readonly minOverlapping = 48,
  ) {}

  /** Queues a report; `done` runs once its batch has committed (or failed). */
  push(report: PendingReport, done: Committed): void {
    this.reports.push(report);
    this.callbacks.push(done);
    this.schedule();
  }

  /** Remembers an idempotency answer with the next batch (nobody waits for it). */
  pushAnswer(answer: StoredAnswer): void {
    this.answers.push(answer);
    this.schedule();
  }

  get depth(): number {
    return this.reports.length;
  }

  /** Set while batches fail (until one commits): what /healthz tells a load balancer. */
  get failure(): WriteFailure | null {
    return this.failing;
  }

  /** Resolves when everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.writing > 0 || this.scheduled || this.reports.length > 0 || this.answers.length > 0) {
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.writing >= this.inFlight) return;
    this.scheduled = true;
    // One turn of the event loop lets every request already parsed join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startNext();
    });
  }

  private startNext(): void {
    while (this.writing < this.inFlight) {
      // Too few to be worth a batch of their own beside one being written: they go when it is done.
      if (this.writing > 0 && this.reports.length < this.minOverlapping) break;
      const next = this.take();
      if (!next) break;
      this.writing += 1;
      void this.finish(next);
    }
    if (this.writing === 0 && !this.scheduled) for (const wake of this.idle.splice(0)) wake();
  }

  private async finish({ batch, done, written }: Taken): Promise<void> {
    let outcome: BatchOutcome | null = null;
    let failure: unknown = null;
    try {
      outcome = await written;
    } catch (error) {
      failure = error;
    }
    this.writing -= 1;
    // What queued meanwhile goes to storage before this batch's replies are written, so the database works while this
    // thread answers (each batch is still answered only after its own commit).
    this.startNext();
    if (outcome === null) {
      this.failing = { batches: (this.failing?.batches ?? 0) + 1 };
      for (const cb of done) settle(cb, failure, false);
    } else {
      this.failing = null;
      const lost = outcome.rejected.length > 0 ? new Set(outcome.rejected) : null;
      const replayed = outcome.replayed?.length ? new Map(outcome.replayed.map((r) => [r.id, r])) : null;
      for (let i = 0; i < batch.length; i += 1) {
        const id = (batch[i] as PendingReport).id;
        const again = replayed?.get(id);
        if (again) settle(done[i] as Committed, null, false, { status: again.status, body: again.body });
        else settle(done[i] as Committed, null, !lost?.has(id));
      }
    }
    if (this.writing === 0 && !this.scheduled && this.reports.length === 0) for (const wake of this.idle.splice(0)) wake();
  }

  /** Takes up to maxBatch queued reports (and answers) and starts writing them; null when nothing is queued. */
  private take(): Taken | null {
    if (this.reports.length === 0 && this.answers.length === 0) return null;
    let batch = this.reports;
    let done = this.callbacks;
    if (batch.length > this.maxBatch) {
      batch = this.reports.splice(0, this.maxBatch);
      done = this.callbacks.splice(0, this.maxBatch);
    } else {
      this.reports = [];
      this.callbacks = [];
    }
    const answers = this.answers.splice(0, this.maxBatch);
    let written: Promise<BatchOutcome>;
    try {
      written = this.write(batch, answers);
    } catch (error) {
      written = Promise.reject(error);
    }
    return { batch, done, written };
  }
}

interface Taken {
  batch: PendingReport[];
  done: Committed[];
  written: Promise<BatchOutcome>;
}

/** A reply that throws must not strand the rest of its batch. */
function settle(cb: Committed, error: unknown, accepted: boolean, replayed?: Answer): void {
  try {
    cb(error, accepted, replayed);
  } catch {
    // the reply's own failure (e.g. a socket gone) is not the batch's
  }
}
