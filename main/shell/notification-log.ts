// Keeps native notifications referenced until clicked, dismissed or failed: a garbage-collected Notification loses its
// click. On Windows a toast that times out fires `close` but lives on in Action Center, where it can still be clicked.
import type { AlertNotification } from '../../contracts/status.ts';

export interface ShownNotification<N> {
  id: number;
  alert: AlertNotification;
  native: N;
}

/** Recorded history is capped so a long-running app does not grow without bound. */
export const NOTIFICATION_HISTORY_LIMIT = 50;

/** At most this many native notifications are held; beyond it the oldest is let go (its click is then lost). */
export const LIVE_NOTIFICATION_LIMIT = 20;

/** Why Electron says a notification closed (Windows only; elsewhere there is no reason). */
export type CloseReason = 'userCanceled' | 'applicationHidden' | 'timedOut' | undefined;

/**
 * Does this `close` end the notification? On Windows only a dismissal by the user or by the app does: a timed-out
 * toast (or one with no reason given) sits in Action Center and may be clicked later. Elsewhere `close` is final.
 */
export function closeEndsNotification(platform: NodeJS.Platform, reason: CloseReason): boolean {
  if (platform !== 'win32') return true;
  return reason === 'userCanceled' || reason === 'applicationHidden';
}

export class NotificationLog<N> {
  private nextId = 1;
  private readonly live = new Map<number, ShownNotification<N>>();
  private readonly history: AlertNotification[] = [];

  /** Holds the native object until release(); returns its id. */
  keep(alert: AlertNotification, native: N): number {
    const id = this.nextId++;
    this.live.set(id, { id, alert, native });
    // Map order is insertion order: the first key is the oldest still held.
    while (this.live.size > LIVE_NOTIFICATION_LIMIT) this.live.delete(this.live.keys().next().value as number);
    this.history.push(alert);
    if (this.history.length > NOTIFICATION_HISTORY_LIMIT) this.history.shift();
    return id;
  }

  /** Drops the reference after a click, a final close or a failure; returns what was released (undefined when already gone). */
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
