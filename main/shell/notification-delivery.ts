// Did the OS really show our notifications? macOS (Electron 44+, UNUserNotificationCenter) drops them from unsigned
// builds, sometimes with a `failed` event, sometimes silently, while Notification.isSupported() still says true.
import type { NotificationDeliveryState } from '../../contracts/shell-status.ts';

/** A notification neither shown nor failed this long after show() counts as silently dropped, ms. */
export const SHOW_CONFIRM_MS = 10_000;

export class DeliveryTracker {
  private state: NotificationDeliveryState;
  private detail: string;
  private readonly waiting = new Map<number, number>();

  constructor(
    supported: boolean,
    private readonly now: () => number,
  ) {
    this.state = supported ? 'unconfirmed' : 'unsupported';
    this.detail = supported ? 'No alert has been shown yet.' : 'This system has no native notifications; alerts appear here only.';
  }

  posted(id: number): void {
    if (this.state !== 'unsupported') this.waiting.set(id, this.now());
  }

  /** The OS confirmed it is on screen (Electron's `show` event). */
  shown(id: number): void {
    this.waiting.delete(id);
    this.state = 'working';
    this.detail = 'Alerts reach the notification centre.';
  }

  failed(id: number, error: string): void {
    this.waiting.delete(id);
    this.state = 'dropped';
    this.detail = `The system refused the last alert (${error}).`;
  }

  /** Turns overdue confirmations into "dropped"; returns true when the state changed. */
  sweep(platform: NodeJS.Platform): boolean {
    const before = this.state;
    for (const [id, at] of this.waiting) {
      if (this.now() - at < SHOW_CONFIRM_MS) continue;
      this.waiting.delete(id);
      // Only macOS is known to drop silently; elsewhere a missing `show` event is not evidence.
      if (platform === 'darwin' && this.state !== 'working') {
        this.state = 'dropped';
        this.detail = 'macOS did not show the last alert. Unsigned builds cannot post notifications.';
      }
    }
    return this.state !== before;
  }

  current(): { state: NotificationDeliveryState; detail: string } {
    return { state: this.state, detail: this.detail };
  }
}
