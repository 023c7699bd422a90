// Incidents per service, held in memory so GET …/incidents never queues behind report writes in the storage worker.
// Refreshed from storage after every status change (incidents open and close only then) and once per bucket (another
// node's incidents): those of the last INCIDENTS_DAYS_MAX days (the most the routes page through), at most KEEP each.
import { INCIDENTS_DAYS_MAX } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import type { IncidentRow } from '../storage/store.ts';

export interface IncidentSource {
  listIncidents(filter: { service?: string; limit: number; since?: number }): Promise<IncidentRow[]>;
}

/** How far back incidents are kept, listed and summed up. */
export const INCIDENTS_KEEP_MS = INCIDENTS_DAYS_MAX * 86_400_000;
/** Far above 90 days of real incidents (each lasts at least the recovery hold); bounds memory if the rules go wrong. */
const KEEP = 5000;

export class IncidentList {
  private rows = new Map<string, IncidentRow[]>();
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly source: IncidentSource,
    private readonly services: readonly ServiceId[],
    /** Resolves once incident writes already queued are done (so a refresh sees them). */
    private readonly settled: () => Promise<void>,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  /**
   * A service's incidents newest first, those started before `before` (when given), of the last INCIDENTS_KEEP_MS
   * (started, or still running, in it); waits only for a refresh under way after a status change, and for the one
   * folded behind it (the running one may have read storage before the change): a client that saw the new status sees
   * its incident. No longer, so steady changes cannot hold a read.
   */
  async list(service: ServiceId, limit: number, before: number | null = null): Promise<IncidentRow[]> {
    for (let pass = 0; pass < 2 && this.refreshing; pass += 1) await this.refreshing;
    const since = this.now() - INCIDENTS_KEEP_MS;
    const rows = this.rows.get(service) ?? [];
    const recent = rows.filter((r) => (r.end === null || r.end >= since) && (before === null || r.start < before));
    return recent.slice(0, limit);
  }

  /** Reloads every service's list (coalesced: one more pass if asked again meanwhile). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.load().finally(() => {
      this.refreshing = null;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    try {
      await this.settled();
      const next = new Map<string, IncidentRow[]>();
      const since = this.now() - INCIDENTS_KEEP_MS;
      for (const service of this.services) next.set(service, await this.source.listIncidents({ service, limit: KEEP, since }));
      this.rows = next;
    } catch (error) {
      this.log(`incident refresh failed (serving the last list): ${String(error)}`);
    }
  }
}
