// The incidents open right now (crowd and Apple's, per service): opened, raised and closed as statuses change, written
// to storage in order, off the request path.
import type { ServiceId } from '../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../contracts/official-status.ts';
import type { IncidentRow, IncidentStatus, Store } from '../storage/store.ts';
import type { Transition } from './detector.ts';

interface OpenIncident {
  id: string;
  peak: number;
  status: IncidentStatus;
}

const WORSE: Record<IncidentStatus, number> = { degraded: 1, outage: 2 };

/** Apple's state as an incident status; null when Apple shows no problem. */
function officialStatus(s: OfficialServiceStatus): IncidentStatus | null {
  return s.state === 'outage' ? 'outage' : s.state === 'issue' ? 'degraded' : null;
}

export class IncidentBook {
  private readonly open = new Map<string, OpenIncident>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
  ) {}

  /** Restores the open incidents (at start). */
  async load(): Promise<void> {
    for (const inc of await this.store.listIncidents({ openOnly: true, limit: 100 }))
      this.open.set(`${inc.service}|${inc.source}`, { id: inc.id, peak: inc.peak, status: inc.peakStatus ?? 'degraded' });
  }

  /** A community status change: opens, raises or closes the service's crowd incident. */
  transition(t: Transition): void {
    const key = `${t.service}|reports`;
    const inc = this.open.get(key);
    if (t.to === 'operational') {
      if (inc) this.close(key, t.at);
    } else if (!inc) this.openIncident(t.service, 'reports', t.at, t.ratePerHour, t.to);
    else this.raise(inc, t.ratePerHour, t.to);
  }

  /** Apple's word from the mirror: opens, raises or closes the service's `official` incident. */
  official(service: ServiceId, status: OfficialServiceStatus, now: number): void {
    const key = `${service}|official`;
    const bad = officialStatus(status);
    const inc = this.open.get(key);
    if (bad && !inc) this.openIncident(service, 'official', status.start ?? now, 0, bad);
    else if (bad && inc) this.raise(inc, 0, bad);
    else if (!bad && inc) this.close(key, now);
  }

  /** The live rate of an open crowd incident (its peak is stored when it closes or worsens). */
  seen(service: ServiceId, ratePerHour: number): void {
    const inc = this.open.get(`${service}|reports`);
    if (inc) inc.peak = Math.max(inc.peak, ratePerHour);
  }

  /** Incidents as listed from storage, with the live peak of any still open. */
  withLivePeaks(rows: IncidentRow[]): IncidentRow[] {
    return rows.map((r) => {
      const live = this.open.get(`${r.service}|${r.source}`);
      if (live?.id !== r.id) return r;
      const peakStatus = r.peakStatus && WORSE[r.peakStatus] > WORSE[live.status] ? r.peakStatus : live.status;
      return { ...r, peak: Math.max(r.peak, live.peak), peakStatus };
    });
  }

  /** Queues a write (status rows too) behind the incident writes already queued. */
  enqueue(op: () => Promise<void>): void {
    this.chain = this.chain.then(op).catch((error: unknown) => this.log(`incident write failed: ${String(error)}`));
  }

  /** Resolves when the writes queued so far (and any they queue) are done. */
  async settled(): Promise<void> {
    let last: Promise<void> | null = null;
    while (last !== this.chain) {
      last = this.chain;
      await last;
    }
  }

  private openIncident(service: ServiceId, source: IncidentRow['source'], start: number, peak: number, status: IncidentStatus): void {
    const inc: OpenIncident = { id: '', peak, status };
    this.open.set(`${service}|${source}`, inc);
    this.enqueue(async () => {
      inc.id = await this.store.openIncident(service, source, start, peak, status);
    });
  }

  private raise(inc: OpenIncident, peak: number, status: IncidentStatus): void {
    inc.peak = Math.max(inc.peak, peak);
    if (WORSE[status] <= WORSE[inc.status]) return;
    inc.status = status;
    this.enqueue(() => this.store.updateIncident(inc.id, inc.peak, status, null));
  }

  private close(key: string, end: number): void {
    const inc = this.open.get(key);
    this.open.delete(key);
    if (inc) this.enqueue(() => this.store.updateIncident(inc.id, inc.peak, inc.status, end));
  }
}
