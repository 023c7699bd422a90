// Alert decisions from the shown (post-hysteresis) service states: one down per outage, recovered only when it matters.
// Quiet hours and a snooze hold alerts back; an outage still on when they end gets one "still down" catch-up.
import type { Settings } from '../../../contracts/settings.ts';
import type { AlertNotification, HeldOutage, ServiceId, ServiceState } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { LeadTracker, type OpenIncident } from './lead.ts';
import { clockText, inQuietHours, localMinutesOfDay, type MinutesOfDay } from './quiet-hours.ts';
import { downWords, recoveredWords, stillDownWords, type TipPlatform } from './words.ts';

interface OpenOutage {
  since: number;
  downSent: boolean;
  /** A down alert was held back by quiet hours or a snooze (not by the user's switches): owed once they end. */
  owed: boolean;
}

export interface AlertDecision {
  notification: AlertNotification | null;
  /** The "notify me when it's back" bell did its job: turn it off. */
  clearBell: boolean;
  /** An outage that began and ended while alerts were held back: shown in the popover's history instead. */
  held?: HeldOutage;
}

const NONE: AlertDecision = { notification: null, clearBell: false };

/** True while alerts are held back: inside quiet hours, or before the snooze ends. */
export function alertsHeld(settings: Settings, now: number, minutesOfDay: MinutesOfDay = localMinutesOfDay): boolean {
  return now < settings.snoozeUntil || inQuietHours(settings.quietHours, now, minutesOfDay);
}

/** Remembers open outages per service and turns state changes into notifications. */
export class AlertDecider {
  private readonly outages = new Map<ServiceId, OpenOutage>();
  private readonly leads = new LeadTracker();

  constructor(
    private readonly minutesOfDay: MinutesOfDay = localMinutesOfDay,
    private readonly platform: TipPlatform = process.platform,
  ) {}

  /** Whether an outage of this service is open (seen, not yet recovered). */
  isOpen(service: ServiceId): boolean {
    return this.outages.has(service);
  }

  /** The open incident for the snapshot; null when none is open, or when Apple's feed is off (nothing to compare with). */
  incident(service: ServiceId, settings: Settings): OpenIncident | null {
    return settings.officialFeed ? this.leads.incident(service) : null;
  }

  /**
   * Feeds one service's shown state and its reason after a round. Only `outage` opens an outage (degraded shows in the
   * UI, no alert); leaving outage closes it at once, and a recovery into `degraded` says problems remain.
   * `unknown` neither opens nor closes one, so outage → unknown → outage stays one outage with one down alert.
   * While alerts are held (quiet hours, snooze) nothing is sent: the first round after they end that still sees the
   * outage sends one "still down since HH:MM"; an outage that ends while held comes back as `held`, for the history.
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
    const held = alertsHeld(settings, now, this.minutesOfDay);
    const switches = settings.notifications[service];
    if (state === 'outage') {
      if (open) {
        if (!open.owed || held) return NONE;
        open.owed = false;
        open.downSent = true;
        const words = stillDownWords(service, clockText(open.since, this.minutesOfDay), reason, this.platform);
        return { notification: { service, kind: 'down', ...words, at: now }, clearBell: false };
      }
      const send = switches.down && !held;
      this.outages.set(service, { since: now, downSent: send, owed: switches.down && held });
      const words = downWords(service, reason, this.platform);
      return send ? { notification: { service, kind: 'down', ...words, at: now }, clearBell: false } : NONE;
    }
    if (state === 'unknown' || !open) return NONE;
    this.outages.delete(service);
    const bell = settings.notifyWhenBack[service];
    if (held) return { notification: null, clearBell: bell, held: { service, from: open.since, to: now } };
    // "Tell me only when it's back" (down off, recovered on) still wants the recovery of an outage it never heard of.
    const wanted = bell || (switches.recovered && (open.downSent || !switches.down));
    if (!wanted) return { notification: null, clearBell: bell };
    const words = recoveredWords(service, now - open.since, state === 'degraded' ? reason : null, lead);
    return { notification: { service, kind: 'recovered', ...words, at: now }, clearBell: bell };
  }
}
