// The exact words of every notification, in one place.
import type { ServiceId } from '../../../contracts/status.ts';
import { SERVICE_NAMES } from '../../../contracts/status.ts';

export const DOWN_TIPS: Record<ServiceId, string> = {
  imessage: 'Messages can still go as text messages: long-press the bubble → Send as Text Message.',
  facetime: 'You can still make a regular phone call.',
};

/** "23 minutes", "1 hour 5 minutes", "less than a minute". */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return plural(Math.floor(hours / 24), 'day');
  const rest = minutes % 60;
  return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
}

/** Title and body of a down alert. */
export function downWords(service: ServiceId, reason: string): { title: string; body: string } {
  const why = reason.trim();
  const withStop = /[.!?]$/.test(why) ? why : `${why}.`;
  return { title: `${SERVICE_NAMES[service]} is down`, body: `${withStop} ${DOWN_TIPS[service]}` };
}

/** Title and body of a recovered alert. */
export function recoveredWords(service: ServiceId, downForMs: number): { title: string; body: string } {
  return { title: `${SERVICE_NAMES[service]} is back`, body: `It was down for ${humanDuration(downForMs)}.` };
}
