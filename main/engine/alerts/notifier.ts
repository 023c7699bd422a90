// Turns each judged round into notifications for the listeners, and turns the bell off once it has rung.
import type { AlertNotification, ServiceId, ServiceVerdict } from '../../../contracts/status.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import { errorText, type EngineLog } from '../engine-deps.ts';
import type { LiveSettings } from '../live-settings.ts';
import type { NotificationSink } from '../ports.ts';
import { AlertDecider } from './decide.ts';
import type { MinutesOfDay } from './quietHours.ts';

/** Feeds shown verdicts to the alert decisions and hands the resulting notifications to every listener. */
export class Notifier {
  private readonly decider: AlertDecider;
  private readonly listeners = new Set<NotificationSink>();

  constructor(
    private readonly settings: LiveSettings,
    private readonly log: EngineLog,
    minutesOfDay?: MinutesOfDay,
  ) {
    this.decider = new AlertDecider(minutesOfDay);
  }

  /** Adds a listener; returns its removal. */
  listen(listener: NotificationSink): () => boolean {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decides the alerts of one round from the shown verdicts. */
  afterRound(services: Record<ServiceId, ServiceVerdict>, now: number): void {
    for (const service of SERVICE_IDS) {
      const verdict = services[service];
      const decision = this.decider.observe(service, verdict.state, verdict.reason, this.settings.current, now);
      if (decision.notification) this.notify(decision.notification);
      if (decision.clearBell) this.settings.clearBell(service);
    }
  }

  private notify(notification: AlertNotification): void {
    this.log.info(`notification: ${notification.title}`);
    for (const listener of this.listeners) {
      try {
        listener(notification);
      } catch (e) {
        this.log.warn(`notification listener failed: ${errorText(e)}`);
      }
    }
  }
}
