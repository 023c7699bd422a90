// Snooze: hold alerts back for a while. Stored as settings.snoozeUntil (epoch ms), so a restart keeps it; the tray
// menu and the popover offer the same three choices and compute the end the same way, here.

export type SnoozeChoice = '1h' | '4h' | 'morning';

export const SNOOZE_CHOICES: readonly SnoozeChoice[] = ['1h', '4h', 'morning'];

export const SNOOZE_LABELS: Record<SnoozeChoice, string> = { '1h': 'For 1 hour', '4h': 'For 4 hours', morning: 'Until tomorrow morning' };

/** "Tomorrow morning" is the next 07:00 local time: at 01:00 that is six hours away, at 20:00 eleven. */
export const MORNING_HOUR = 7;

/** When a snooze chosen at `now` ends (epoch ms, local time for "morning"). */
export function snoozeEnd(choice: SnoozeChoice, now: number): number {
  if (choice === '1h') return now + 60 * 60_000;
  if (choice === '4h') return now + 4 * 60 * 60_000;
  const morning = new Date(now);
  morning.setHours(MORNING_HOUR, 0, 0, 0);
  if (morning.getTime() <= now) morning.setDate(morning.getDate() + 1);
  return morning.getTime();
}
