// Quiet hours: a local-time window ("22:00"–"07:00", may cross midnight) in which alerts are held back.
import { CLOCK_TIME, type Settings } from '../../../contracts/settings.ts';

/** Minutes since local midnight for an epoch time; injectable so tests don't depend on the machine's zone. */
export type MinutesOfDay = (epochMs: number) => number;

export const localMinutesOfDay: MinutesOfDay = (epochMs) => {
  const d = new Date(epochMs);
  return d.getHours() * 60 + d.getMinutes();
};

/** Parses "HH:MM" (00:00–23:59) to minutes, or null. */
export function parseClockTime(text: string): number | null {
  const m = CLOCK_TIME.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True when `now` falls inside the quiet window; start inclusive, end exclusive; start == end is an empty window. */
export function inQuietHours(quiet: Settings['quietHours'], now: number, minutesOfDay: MinutesOfDay = localMinutesOfDay): boolean {
  if (!quiet.enabled) return false;
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === null || end === null || start === end) return false;
  const m = minutesOfDay(now);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** "06:05": the local clock time of an epoch time, from the same injectable minutes-of-day. */
export function clockText(epochMs: number, minutesOfDay: MinutesOfDay = localMinutesOfDay): string {
  const m = minutesOfDay(epochMs);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
