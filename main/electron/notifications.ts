// Native notifications for the engine's alert decisions; clicking one opens the popover.
import { Notification } from 'electron';
import type { AlertNotification } from '../../contracts/status.ts';
import { NotificationLog } from '../shell/notification-log.ts';
import type { LogLine } from './logging.ts';

export interface Notifier {
  show(alert: AlertNotification): void;
  /** Every alert passed in, oldest first (test hook). */
  recorded(): AlertNotification[];
  supported(): boolean;
  clear(): void;
}

/** Builds the notifier; `onClick` runs when the user clicks a notification. */
export function createNotifier(onClick: () => void, log: LogLine): Notifier {
  const kept = new NotificationLog<Notification | null>();
  const supported = Notification.isSupported();
  if (!supported) log('warn', 'native notifications are not supported here; alerts go to the log only');
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
      native.on('click', () => {
        kept.release(id);
        onClick();
      });
      native.on('close', () => kept.release(id));
      native.on('failed', (_event, error) => {
        kept.release(id);
        log('warn', `notification failed: ${error}`);
      });
      native.show();
    },
    recorded: () => kept.recorded(),
    supported: () => supported,
    clear() {
      for (const shown of kept.clear()) shown.native?.close();
    },
  };
}
