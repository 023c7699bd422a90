// The Electron notifier glue with the recording stand-in for `electron`: delivery detection reaches the shell status,
// and references are held as long as a click can still come (Windows Action Center).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertNotification } from '../../contracts/status.ts';
import { SHOW_CONFIRM_MS } from '../../main/shell/notification-delivery.ts';
import { LIVE_NOTIFICATION_LIMIT } from '../../main/shell/notification-log.ts';
import { createFakeElectron } from './fake-electron.ts';

/** A notifier whose callbacks do nothing: for tests that only read its state. */
const quietNotifier = () =>
  createNotifier(
    () => {},
    () => {},
    () => {},
  );

const fake = createFakeElectron('/tmp/imsm-notifier-unused');
vi.mock('electron', () => fake.electron);
const { createNotifier } = await import('../../main/electron/notifications.ts');

const alert: AlertNotification = {
  service: 'imessage',
  kind: 'down',
  title: 'iMessage is down',
  body: 'Apple and the crowd agree.',
  at: 1,
};
const platform = process.platform;

function setPlatform(value: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value, configurable: true });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  setPlatform(platform);
  fake.Notification.behaviour = 'show';
});

describe('notifier delivery detection', () => {
  it('a notification the OS shows makes delivery "working"', async () => {
    let changes = 0;
    const notifier = createNotifier(
      () => {},
      () => changes++,
      () => {},
    );
    expect(notifier.delivery().state).toBe('unconfirmed');
    notifier.show(alert);
    await vi.advanceTimersByTimeAsync(0);
    expect(notifier.delivery().state).toBe('working');
    expect(changes).toBe(1);
    notifier.clear();
  });

  it('a `failed` event (unsigned macOS build) makes it "dropped" at once', async () => {
    fake.Notification.behaviour = 'fail';
    let changes = 0;
    const notifier = createNotifier(
      () => {},
      () => changes++,
      () => {},
    );
    notifier.show(alert);
    await vi.advanceTimersByTimeAsync(0);
    expect(notifier.delivery()).toMatchObject({ state: 'dropped', detail: expect.stringContaining('not allowed') });
    expect(changes).toBe(1);
    notifier.clear();
  });

  it('silence on macOS becomes "dropped" after the confirmation window; elsewhere it proves nothing', async () => {
    fake.Notification.behaviour = 'silent';
    for (const [os, expected] of [
      ['darwin', 'dropped'],
      ['linux', 'unconfirmed'],
    ] as const) {
      setPlatform(os);
      const notifier = quietNotifier();
      notifier.show(alert);
      await vi.advanceTimersByTimeAsync(SHOW_CONFIRM_MS - 100);
      expect(notifier.delivery().state).toBe('unconfirmed');
      await vi.advanceTimersByTimeAsync(200);
      expect(notifier.delivery().state, os).toBe(expected);
      notifier.clear();
    }
  });
});

describe('notification references (a click needs the object alive)', () => {
  const latest = () => fake.Notification.instances.at(-1) as InstanceType<typeof fake.Notification>;

  it('Windows: a toast that timed out into Action Center stays held, and its later click opens the popover', async () => {
    setPlatform('win32');
    let clicks = 0;
    const notifier = createNotifier(
      () => clicks++,
      () => {},
      () => {},
    );
    notifier.show(alert);
    latest().emit('close', { reason: 'timedOut' });
    expect(notifier.held()).toBe(1);
    latest().emit('click', {});
    expect(clicks).toBe(1);
    expect(notifier.held()).toBe(0);
    notifier.clear();
  });

  it('Windows: dismissed by the user (or hidden by the app) lets it go; elsewhere every close does', () => {
    for (const [os, reason] of [
      ['win32', 'userCanceled'],
      ['win32', 'applicationHidden'],
      ['linux', undefined],
      ['darwin', undefined],
    ] as const) {
      setPlatform(os);
      const notifier = quietNotifier();
      notifier.show(alert);
      latest().emit('close', reason ? { reason } : {});
      expect(notifier.held(), `${os} ${reason}`).toBe(0);
      notifier.clear();
    }
  });

  it('a failure lets it go, and no more than the cap are ever held', async () => {
    setPlatform('win32');
    const notifier = createNotifier(
      () => {},
      () => {},
      () => {},
    );
    for (let i = 0; i < LIVE_NOTIFICATION_LIMIT + 5; i++) {
      notifier.show(alert);
      latest().emit('close', { reason: 'timedOut' });
    }
    expect(notifier.held()).toBe(LIVE_NOTIFICATION_LIMIT);
    notifier.clear();
    expect(notifier.held()).toBe(0);
    fake.Notification.behaviour = 'fail';
    notifier.show(alert);
    await vi.advanceTimersByTimeAsync(0);
    expect(notifier.held()).toBe(0);
    notifier.clear();
  });
});
