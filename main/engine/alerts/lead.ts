// "Ahead of Apple, measured": for each incident, when this computer first saw it (its own probes, Messages, the crowd:
// whatever first moved the shown state off operational) and when Apple's status page first showed it (the event's
// start, or the first poll that saw it when Apple gives no start). Maintenance is planned, not a confirmation.
import { leadOf, type Lead, type ServiceId, type ServiceState, type ServiceVerdict } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';

export type { Lead };

/** The open incident as the snapshot shows it on a service verdict. */
export type OpenIncident = NonNullable<ServiceVerdict['incident']>;

interface Incident {
  seenAt: number;
  appleAt: number | null;
}

export class LeadTracker {
  private readonly incidents = new Map<ServiceId, Incident>();

  /**
   * Feeds one round: the service's shown state and Apple's word on it (null when unknown or switched off). Returns the
   * incident's lead including this round, also when this round ends it (the recovery alert's round).
   */
  observe(service: ServiceId, state: ServiceState, official: OfficialServiceStatus | null, now: number): Lead | null {
    let incident = this.incidents.get(service);
    if (!incident && (state === 'degraded' || state === 'outage')) {
      incident = { seenAt: now, appleAt: null };
      this.incidents.set(service, incident);
    }
    if (incident && official && (official.state === 'outage' || official.state === 'issue')) {
      const shownAt = official.start ?? now;
      incident.appleAt = Math.min(incident.appleAt ?? shownAt, shownAt);
    }
    const lead = this.lead(service);
    // Operational ends the incident; unknown (asleep, offline) neither opens nor ends one.
    if (state === 'operational') this.incidents.delete(service);
    return lead;
  }

  /** The open incident: when this computer saw it, when Apple showed it, the lead so far; null when none is open. */
  incident(service: ServiceId): OpenIncident | null {
    const incident = this.incidents.get(service);
    const lead = this.lead(service);
    return incident && lead ? { seenAt: incident.seenAt, appleShownAt: incident.appleAt, lead } : null;
  }

  /** The open incident's lead so far, or null when none is open. */
  lead(service: ServiceId): Lead | null {
    const incident = this.incidents.get(service);
    if (!incident) return null;
    return leadOf(incident.appleAt === null ? null : incident.appleAt - incident.seenAt);
  }
}
