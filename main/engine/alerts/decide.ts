// Alert decisions from the shown (post-hysteresis) service states: one down per outage, recovered only when it matters.
import type { Settings } from '../../../contracts/settings.ts';
import type { AlertNotification, OfficialServiceStatus, ServiceId, ServiceState } from '../../../contracts/status.ts';
import { LeadTracker } from './lead.ts';
import { inQuietHours, localMinutesOfDay, type MinutesOfDay } from './quiet-hours.ts';
import { downWords, recoveredWords } from './words.ts';

interface OpenOutage {
  since: number;
  downSent: boolean;
}

export interface AlertDecision {
  notification: AlertNotification | null;
  /** The "notify me when it's back" bell did its job: turn it off. */
  clearBell: boolean;
}

const NONE: AlertDecision = { notification: null, clearBell: false };

/** Remembers open outages per service and turns state changes into notifications. */
export class AlertDecider {
  private readonly outages = new Map<ServiceId, OpenOutage>();
  private readonly leads = new LeadTracker();

  constructor(private readonly minutesOfDay: MinutesOfDay = localMinutesOfDay) {}

  /** Whether an outage of this service is open (seen, not yet recovered). */
  isOpen(service: ServiceId): boolean {
    return this.outages.has(service);
  }

  /**
   * Feeds one service's shown state and its reason after a round. Only `outage` opens an outage (degraded shows in the
   * UI, no alert); leaving outage closes it at once, and a recovery into `degraded` says problems remain.
   * `unknown` neither opens nor closes one, so outage → unknown → outage stays one outage with one down alert.
   * Alerts inside quiet hours are dropped, not queued: a stale "is down" in the morning helps nobody.
   * `official` is Apple's word on the service this round: the recovery alert says how far ahead of Apple it was seen.
   */
  observe(
    service: ServiceId,
    state: ServiceState,
    reason: string,
    settings: Settings,
    now: number,
    official: OfficialServiceStatus | null = null,
  ): AlertDecision {
    const seen = this.leads.observe(service, state, official, now);
    // With Apple's feed switched off there is nothing to compare with.
    const lead = settings.officialFeed ? seen : null;
    const open = this.outages.get(service);
    const quiet = inQuietHours(settings.quietHours, now, this.minutesOfDay);
    const switches = settings.notifications[service];
    if (state === 'outage') {
      if (open) return NONE;
      const send = switches.down && !quiet;
      this.outages.set(service, { since: now, downSent: send });
      return send ? { notification: { service, kind: 'down', ...downWords(service, reason), at: now }, clearBell: false } : NONE;
    }
    if (state === 'unknown' || !open) return NONE;
    this.outages.delete(service);
    const bell = settings.notifyWhenBack[service];
    // "Tell me only when it's back" (down off, recovered on) still wants the recovery of an outage it never heard of.
    const wanted = bell || (switches.recovered && (open.downSent || !switches.down));
    if (!wanted || quiet) return { notification: null, clearBell: bell };
    const words = recoveredWords(service, now - open.since, state === 'degraded' ? reason : null, lead);
    return { notification: { service, kind: 'recovered', ...words, at: now }, clearBell: bell };
  }
}
