// Network claims decided in memory by the only node that writes the database (PGlite: one process holds the data
// folder). The same rules as the batch statement's `network_claims` upsert (storage/queries.ts), without a row lock and
// a random-key index insert per report: a report counts while its network's claim of its kind holds ≤ networkCap in
// the claim window; a problem that opens the claim is a new network; the first problem in an hour opens the hour.
// Bounded: when live claims fill the table, storage decides for networks not in memory until every claim it may hold
// has expired (the "spill"), so nothing is ever counted twice and no network is ever turned away.
import type { ServiceId } from '../../contracts/status.ts';
import type { PendingReport } from '../storage/store-rows.ts';
import { ClaimTable, HOUR, PROBLEMS, WORKING, idHalves } from './claim-table.ts';

/** What the claim rules made of one report (positions and undo data stay with the decision). */
export interface ClaimDecision {
  /** The network it counts under: its own id, or yesterday's just after midnight while that claim still runs. */
  network: string;
  counted: boolean;
  /** It opened its network's claim of its kind (for problems: a new network in the window). */
  openedKind: boolean;
  /** Its network's first problem report in this hour (the baseline counts the network once there). */
  hourFirst: boolean;
  /** To undo it if its batch is not stored: the key and the fields before. */
  undo: { lo: number; hi: number; service: number; kind: typeof PROBLEMS | typeof WORKING; count: number; since: number; hour: number };
}

export interface OwnedClaimsOptions {
  services: readonly ServiceId[];
  networkCap: number;
  claimWindowMs: number;
  hourMs: number;
  /** The most claims held (slots, a power of two, 32 bytes each); past it storage decides for new networks. */
  maxSlots: number;
}

/**
 * 2^20 slots, 32 MB, allocated at the start and filled in by the flood itself (the pages become resident as claims land
 * on them, all of them well before the 100,000th network): room for ≈ 786,000 networks' claims at once (a claim lives
 * for its window and the rest of its hour). Past it storage decides, at about half the intake (measured: 2^18 slots
 * filled ≈ 15 s into a flood from distinct networks, and the storage worker's CPU per report doubled from there).
 */
export const DEFAULT_CLAIM_SLOTS = 1 << 20;

/** A stored counted report, to rebuild the claims after a restart. */
export interface CountedRow {
  service: string;
  network: string;
  kind: string;
  at: number;
}

export class OwnedClaims {
  private readonly table: ClaimTable;
  private readonly serviceIndex: Map<string, number>;
  /** Until then networks not in memory may have a claim in storage (a spill, or a restart): storage decides for them. */
  private spillUntil = 0;
  /** Times storage was asked to decide because the table was full (for operators and tests). */
  spills = 0;

  constructor(private readonly opts: OwnedClaimsOptions) {
    // At its bound from the start: growing by doubling would copy the table and raise the resident size mid-flood.
    this.table = new ClaimTable(opts.maxSlots, opts.maxSlots);
    this.serviceIndex = new Map(opts.services.map((s, i) => [s, i]));
  }

  get size(): number {
    return this.table.size;
  }

  /** Whether storage decides for networks memory does not hold at `at`. */
  spilling(at: number): boolean {
    return at < this.spillUntil;
  }

  /**
   * Applies the claim rules to a report, in arrival order; null when storage must decide it (its network is not in
   * memory while claims may be held in storage, or the table is full of live claims).
   */
  decide(report: PendingReport): ClaimDecision | null {
    const service = this.serviceIndex.get(report.service);
    if (service === undefined) return null;
    const kind = report.kind === 'problem' ? PROBLEMS : WORKING;
    const at = report.at;
    let network = report.network;
    let [lo, hi] = idHalves(network);
    let slot = this.table.find(lo, hi, service);
    const previous = report.origin.previousId;
    if (previous !== null) {
      // Just after midnight: a network whose claim under yesterday's id still runs stays on it, so it counts once.
      const [plo, phi] = idHalves(previous);
      const old = this.table.find(plo, phi, service);
      if (old >= 0 && this.running(old, kind, at)) {
        [slot, lo, hi, network] = [old, plo, phi, previous];
      }
    }
    if (slot < 0) {
      if (this.spilling(at)) return null;
      slot = this.table.add(lo, hi, service, (s) => this.live(s, at));
      if (slot < 0) {
        this.spill(at);
        return null;
      }
    }
    const count = this.table.get(slot, kind);
    const since = this.table.since(slot, kind);
    const hour = this.table.get(slot, HOUR);
    const openedKind = !this.running(slot, kind, at);
    const reports = openedKind ? 1 : Math.min(count + 1, 0xffff_ffff);
    this.table.set(slot, kind, reports);
    if (openedKind) this.table.setSince(slot, kind, at);
    const hourIndex = Math.floor(at / this.opts.hourMs) + 1;
    const hourFirst = kind === PROBLEMS && hour < hourIndex;
    if (hourFirst) this.table.set(slot, HOUR, hourIndex);
    return {
      network,
      counted: reports <= this.opts.networkCap,
      openedKind,
      hourFirst,
      undo: { lo, hi, service, kind, count, since, hour },
    };
  }

  /** Takes back decisions whose batch was not stored (latest first), so the reports can count when sent again. */
  undo(decisions: readonly (ClaimDecision | null)[]): void {
    for (let i = decisions.length - 1; i >= 0; i -= 1) {
      const u = decisions[i]?.undo;
      if (!u) continue;
      const slot = this.table.find(u.lo, u.hi, u.service);
      if (slot < 0) continue;
      this.table.set(slot, u.kind, u.count);
      this.table.setSince(slot, u.kind, u.since);
      this.table.set(slot, HOUR, u.hour);
    }
  }

  /**
   * After a restart: replays the stored counted reports (oldest first; only counted reports are stored, and they are
   * exactly the ones that moved a claim's count up to the cap) and notes until when storage may hold claims of its own
   * (`storedUntil`: the latest end of a stored claim that is still running).
   */
  rebuild(rows: readonly CountedRow[], storedUntil: number): void {
    this.table.clear();
    this.spillUntil = storedUntil;
    for (const r of rows) {
      const service = this.serviceIndex.get(r.service);
      if (service === undefined) continue;
      const decided = this.decide({
        id: '',
        service: r.service as ServiceId,
        kind: r.kind === 'problem' ? 'problem' : 'working',
        problem: null,
        clientId: '',
        network: r.network,
        origin: { provider: '', group: '', country: '', previousId: null },
        at: r.at,
        evidence: null,
        idempotencyKey: null,
      });
      // A claim that no longer fits is in neither place: storage must hold it before anything counts against it.
      if (decided === null && !this.spilling(r.at)) this.spill(r.at);
    }
  }

  private running(slot: number, kind: typeof PROBLEMS | typeof WORKING, at: number): boolean {
    return this.table.get(slot, kind) > 0 && this.table.since(slot, kind) > at - this.opts.claimWindowMs;
  }

  /** A claim still matters while either kind's window runs or its hour has not ended. */
  private live(slot: number, at: number): boolean {
    return (
      this.running(slot, PROBLEMS, at) ||
      this.running(slot, WORKING, at) ||
      this.table.get(slot, HOUR) >= Math.floor(at / this.opts.hourMs) + 1
    );
  }

  /** Storage decides for networks not in memory until every claim it may now take has run out (window and hour). */
  private spill(at: number): void {
    this.spills += 1;
    const hourEnd = at - (at % this.opts.hourMs) + this.opts.hourMs;
    this.spillUntil = Math.max(this.spillUntil, at + this.opts.claimWindowMs, hourEnd);
  }
}
