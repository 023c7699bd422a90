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

const asSentence = (text: string): string => {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** Title and body of a down alert. */
export function downWords(service: ServiceId, reason: string): { title: string; body: string } {
  return { title: `${SERVICE_NAMES[service]} is down`, body: `${asSentence(reason)} ${DOWN_TIPS[service]}` };
}

/**
 * Title and body of a recovered alert. Back into `degraded` (outage over, problems not) says so, with the degraded
 * verdict's reason, so "is back" never hides that people still have trouble.
 */
export function recoveredWords(
  service: ServiceId,
  downForMs: number,
  degradedReason: string | null = null,
): { title: string; body: string } {
  const down = `It was down for ${humanDuration(downForMs)}.`;
  const body = degradedReason === null ? down : `${down} Some problems remain. ${asSentence(degradedReason)}`;
  return { title: `${SERVICE_NAMES[service]} is back`, body };
}
