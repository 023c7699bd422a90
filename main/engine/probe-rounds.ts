// Which probe rounds count: one runs at a time, a round that spans a sleep is dropped, the first after a wake is quiet,
// and a round that failed while this process itself could not run is set aside.
import type { ProbeResult } from '../../contracts/status.ts';
import type { ProbeRound } from './ports.ts';

const MAX_SET_ASIDE_IN_A_ROW = 2;

/** Runs rounds one at a time and keeps what the last counted round found. */
export class ProbeRounds {
  probes: ProbeResult[] = [];
  checkedAt: number | null = null;
  /** Rounds counted so far. */
  count = 0;
  private inFlight: Promise<void> | null = null;
  private wakeEpoch = 0;
  private roundEpoch = 0;
  private quietRoundsLeft = 0; // rounds whose alerts are withheld (the first one after a wake)
  private setAsideInARow = 0; // stalled rounds not counted since the last counted one

  /** A round is running now. */
  get checking(): boolean {
    return this.inFlight !== null;
  }

  /** Resolves once the running round (if any) has settled. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  /**
   * Starts `round` (given the wake epoch it began in), or shares the running one unless that began before a wake.
   * What `round` throws goes to `failed`; the returned promise never rejects.
   */
  run(round: (epoch: number) => Promise<void>, failed: (error: unknown) => void): Promise<void> {
    if (this.inFlight && this.roundEpoch === this.wakeEpoch) return this.inFlight;
    this.roundEpoch = this.wakeEpoch;
    const current: Promise<void> = (this.inFlight ?? Promise.resolve())
      .then(() => round(this.wakeEpoch))
      .catch(failed)
      .finally(() => {
        if (this.inFlight === current) this.inFlight = null;
      });
    this.inFlight = current;
    return current;
  }

  /**
   * Counts a finished round begun in `epoch` ('counted'), or drops it: 'asleep' when a wake came since or the machine
   * sleeps, 'stalled' when a probe failed while this process could not run (see stalledFailure), unless `countStalled`.
   * A computer that stays that busy still gets a verdict: the third stalled round in a row counts.
   */
  record(
    epoch: number,
    round: ProbeRound,
    asleep: boolean,
    opts: { timeoutMs: number; countStalled: boolean },
  ): 'counted' | 'asleep' | 'stalled' {
    // A round that spans a sleep describes no single moment.
    if (epoch !== this.wakeEpoch || asleep) return 'asleep';
    if (!opts.countStalled && stalledFailure(round, opts.timeoutMs) && this.setAsideInARow < MAX_SET_ASIDE_IN_A_ROW) {
      this.setAsideInARow += 1;
      return 'stalled';
    }
    this.setAsideInARow = 0;
    this.count += 1;
    this.probes = round.results;
    this.checkedAt = round.finishedAt;
    return 'counted';
  }

  /** True when this round's alerts are withheld: its evidence may come from a half-awake network. */
  takeQuietRound(): boolean {
    if (this.quietRoundsLeft === 0) return false;
    this.quietRoundsLeft -= 1;
    return true;
  }

  /** After a wake: rounds begun before it are dropped, and the first one after it sends no alert. */
  wake(): void {
    this.wakeEpoch += 1;
    this.quietRoundsLeft = 1;
  }
}

/**
 * A probe failed while this process was stalled for half the probe timeout or more: the failure may be the stall's
 * (a timeout timer runs before the answer that arrived during the stall is read, and every step of a handshake waits
 * for the process), so it is no evidence about Apple. Shorter stalls can't turn a healthy answer into a timeout.
 * A round that is only slow still counts: "slow" moves no verdict.
 */
export function stalledFailure(round: ProbeRound, timeoutMs: number): boolean {
  return round.stalledMs >= timeoutMs / 2 && round.results.some((r) => !r.ok);
}
