// Native notifications for the engine's alert decisions; clicking one opens the popover. Whether the OS really shows
// them is tracked (DeliveryTracker), so the popover can say when macOS drops them.
import { Notification } from 'electron';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import type { AlertNotification } from '../../contracts/status.ts';
import { DeliveryTracker, SHOW_CONFIRM_MS } from '../shell/notification-delivery.ts';
import { NotificationLog, closeEndsNotification } from '../shell/notification-log.ts';
import type { LogLine } from './logging.ts';

export interface Notifier {
  show(alert: AlertNotification): void;
  /** Every alert passed in, oldest first (test hook). */
  recorded(): AlertNotification[];
  supported(): boolean;
  /** How many native notifications are still referenced (so their clicks still arrive). */
  held(): number;
  delivery(): ShellStatus['notifications'];
  clear(): void;
}

/** Builds the notifier; `onClick` runs when the user clicks a notification, `onDeliveryChange` when delivery changes. */
export function createNotifier(onClick: () => void, onDeliveryChange: () => void, log: LogLine): Notifier {
  const kept = new NotificationLog<Notification | null>();
  const supported = Notification.isSupported();
  const tracker = new DeliveryTracker(supported, () => Date.now());
  if (!supported) log('warn', 'native notifications are not supported here; alerts go to the log only');
  const changed = () => {
    log('info', `notification delivery: ${tracker.current().state}`);
    onDeliveryChange();
  };
  const timers = new Set<NodeJS.Timeout>();
  return {
    show(alert) {
      log('info', `alert ${alert.service}:${alert.kind}: ${alert.title}`);
      if (!supported) {
        // Recorded all the same, so the history (and the test hook) shows what would have been shown.
        kept.release(kept.keep(alert, null));
        return;
      }
      const native = new Notification({ title: alert.title, body: alert.body, silent: false });
      // The reference lives in `kept` until the notification is done with, or its click would be lost to GC.
      const id = kept.keep(alert, native);
      native.on('show', () => {
        const before = tracker.current().state;
        tracker.shown(id);
        if (before !== 'working') changed();
      });
      native.on('click', () => {
        kept.release(id);
        onClick();
      });
      native.on('close', (event) => {
        if (closeEndsNotification(process.platform, event?.reason)) kept.release(id);
      });
      native.on('failed', (_event, error) => {
        kept.release(id);
        log('warn', `notification failed: ${error}`);
        tracker.failed(id, error);
        changed();
      });
      tracker.posted(id);
      native.show();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (tracker.sweep(process.platform)) changed();
      }, SHOW_CONFIRM_MS + 50);
      timer.unref();
      timers.add(timer);
    },
    recorded: () => kept.recorded(),
    supported: () => supported,
    held: () => kept.pending().length,
    delivery: () => tracker.current(),
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const shown of kept.clear()) shown.native?.close();
    },
  };
}
