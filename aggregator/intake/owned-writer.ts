// Writes batches on the node that owns every claim (PGlite): keys storage may hold are looked up first (a replayed
// report must not move a claim; a filter of the keys written tells which may be there), claims are decided in memory,
// and storage gets one plain statement; reports memory can't decide (a spill) go through the shared statement in the
// same transaction. A batch that is not stored takes its decisions back.
import { answerFor } from '../http/report-answer.ts';
import type { BatchOptions, BatchResult, PendingReport, Store, StoredAnswer } from '../storage/store.ts';
import { ownedRow, type OwnedRow } from '../storage/owned-batch.ts';
import { encodeBatch } from '../storage/report-batch.ts';
import type { ClaimDecision, CountedRow, OwnedClaims } from './owned-claims.ts';
import type { StoredKeys } from './stored-keys.ts';

/** At most this many dedup claims come back after a restart (the newest; the intake's own memory holds as many). */
const RESTORED_DEDUP_MAX = 50_000;

export interface RestoredRow extends CountedRow {
  id: string;
  clientId: string;
}

export class OwnedWriter {
  /**
   * Dedup claims of the reports counted before a restart, by `${service}|${network}:${clientId}`: checked after the
   * stored answers (a key's own answer comes first), dropped once the dedup window has passed.
   */
  private restored = new Map<string, { id: string; at: number }>();
  private restoredUntil = 0;

  constructor(
    private readonly store: Store,
    private readonly claims: OwnedClaims,
    private readonly dedupWindowMs: number,
    /** The idempotency keys this node has written (restored from storage at start). */
    readonly storedKeys: StoredKeys,
  ) {}

  /** After a restart: claims from the counted reports (oldest first), and their dedup while the window lasts. */
  restore(rows: readonly RestoredRow[], storedClaimsUntil: number, now: number): void {
    this.claims.rebuild(rows, storedClaimsUntil);
    this.restored = new Map();
    for (let i = Math.max(0, rows.length - RESTORED_DEDUP_MAX); i < rows.length; i += 1) {
      const r = rows[i] as RestoredRow;
      if (now - r.at < this.dedupWindowMs) this.restored.set(`${r.service}|${r.network}:${r.clientId}`, { id: r.id, at: r.at });
    }
    this.restoredUntil = now + this.dedupWindowMs;
  }

  async write(reports: PendingReport[], answers: StoredAnswer[], opts: BatchOptions): Promise<BatchResult> {
    const keys: string[] = [];
    for (const r of reports) if (r.idempotencyKey && this.storedKeys.mightHold(r.idempotencyKey, r.at)) keys.push(r.idempotencyKey);
    const known = keys.length > 0 ? new Map((await this.store.findAnswers(keys)).map((a) => [a.key, a])) : null;
    // Before the write: a batch that fails leaves only a "maybe" behind.
    for (const r of reports) if (r.idempotencyKey) this.storedKeys.add(r.idempotencyKey, r.at);
    for (const a of answers) this.storedKeys.add(a.key, a.at);
    const replayed: BatchResult['replayed'] = [];
    const own: OwnedRow[] = [];
    const opened: number[] = [];
    const decisions: ClaimDecision[] = [];
    const shared: PendingReport[] = [];
    const sharedAt: number[] = [];
    for (let i = 0; i < reports.length; i += 1) {
      const r = reports[i] as PendingReport;
      const answer = (r.idempotencyKey ? known?.get(r.idempotencyKey) : undefined) ?? this.restoredDuplicate(r);
      if (answer) {
        replayed.push({ id: r.id, status: answer.status, body: answer.body });
        continue;
      }
      const decision = this.claims.decide(r);
      if (decision) {
        own.push(ownedRow(r, decision, i + 1, opened));
        decisions.push(decision);
      } else {
        shared.push(r);
        sharedAt.push(i + 1);
      }
    }
    // The answers ride in the owned statement when there is one: a single statement needs no transaction.
    const [withOwned, alone] = own.length > 0 ? [answers, []] : [[], answers];
    const timing = { bucketMs: opts.bucketMs, claimWindowMs: opts.claimWindowMs };
    const owned = { rows: own, answers: withOwned, timing };
    try {
      const result = await this.store.writeBatch(encodeBatch(shared), alone, opts, owned);
      // The shared statement numbers its own reports from 1: back to positions in the whole batch.
      for (const f of result.opened) opened.push((sharedAt[(f >> 2) - 1] as number) * 4 + (f & 3));
      return { rejected: result.rejected, buckets: result.buckets, opened, replayed: [...replayed, ...result.replayed] };
    } catch (error) {
      this.claims.undo(decisions);
      throw error;
    }
  }

  /** The duplicate answer for a client counted before the restart, inside the dedup window. */
  private restoredDuplicate(r: PendingReport): { status: number; body: string } | undefined {
    if (this.restored.size === 0) return undefined;
    if (r.at >= this.restoredUntil) {
      this.restored = new Map();
      return undefined;
    }
    const seen = this.restored.get(`${r.service}|${r.network}:${r.clientId}`);
    if (!seen || r.at - seen.at >= this.dedupWindowMs) return undefined;
    return answerFor(seen, false, Math.ceil((seen.at + this.dedupWindowMs - r.at) / 1000));
  }
}
