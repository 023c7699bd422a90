// Keeps native notifications referenced until clicked or closed: a garbage-collected Notification loses its click.
import type { AlertNotification } from '../../contracts/status.ts';

export interface ShownNotification<N> {
  id: number;
  alert: AlertNotification;
  native: N;
}

/** Recorded history is capped so a long-running app does not grow without bound. */
export const NOTIFICATION_HISTORY_LIMIT = 50;

export class NotificationLog<N> {
  private nextId = 1;
  private readonly live = new Map<number, ShownNotification<N>>();
  private readonly history: AlertNotification[] = [];

  /** Holds the native object until release(); returns its id. */
  keep(alert: AlertNotification, native: N): number {
    const id = this.nextId++;
    this.live.set(id, { id, alert, native });
    this.history.push(alert);
    if (this.history.length > NOTIFICATION_HISTORY_LIMIT) this.history.shift();
    return id;
  }

  /** Drops the reference after a click, close or failure; returns what was released (undefined when already gone). */
  release(id: number): ShownNotification<N> | undefined {
    const shown = this.live.get(id);
    this.live.delete(id);
    return shown;
  }

  /** Notifications still on screen (or in the notification centre) as far as we know. */
  pending(): ShownNotification<N>[] {
    return [...this.live.values()];
  }

  /** Every alert shown, oldest first (read by the test hook). */
  recorded(): AlertNotification[] {
    return [...this.history];
  }

  /** Releases everything, e.g. at quit. */
  clear(): ShownNotification<N>[] {
    const all = this.pending();
    this.live.clear();
    return all;
  }
}
