// Outages that began and ended while alerts were held (quiet hours, snooze): no alert, but the popover's history
// sums them up, so a night's outage is not lost. Kept in memory for a day; a restart forgets them.
import type { HeldOutage } from '../../../contracts/status.ts';

const KEEP_MS = 24 * 60 * 60_000;
const MAX_KEPT = 20;

export class HeldOutages {
  private list: HeldOutage[] = [];

  add(outage: HeldOutage, now: number): void {
    this.list = [outage, ...this.recent(now)].slice(0, MAX_KEPT);
  }

  /** Those of the last day, newest first. */
  recent(now: number): HeldOutage[] {
    return this.list.filter((o) => now - o.to < KEEP_MS);
  }

  /** The snapshot's field: absent when there is none. */
  inSnapshot(now: number): { heldOutages?: HeldOutage[] } {
    const recent = this.recent(now);
    return recent.length ? { heldOutages: recent } : {};
  }
}
