// Incidents per service, held in memory so GET …/incidents never queues behind report writes in the storage worker.
// Refreshed from storage after every status change (incidents open and close only then) and once per bucket (another
// node's incidents), at most 100 per service (the route's largest limit).
import type { ServiceId } from '../../contracts/status.ts';
import type { IncidentRow } from '../storage/store.ts';

export interface IncidentSource {
  listIncidents(filter: { service?: string; limit: number }): Promise<IncidentRow[]>;
}

const KEEP = 100;

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
  ) {}

  /** The newest `limit` incidents of a service; waits only for a refresh already under way after a status change. */
  async list(service: ServiceId, limit: number): Promise<IncidentRow[]> {
    if (this.refreshing) await this.refreshing;
    return (this.rows.get(service) ?? []).slice(0, limit);
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
      for (const service of this.services) next.set(service, await this.source.listIncidents({ service, limit: KEEP }));
      this.rows = next;
    } catch (error) {
      this.log(`incident refresh failed (serving the last list): ${String(error)}`);
    }
  }
}
