// The exact words of every notification, in one place.
import type { ServiceId } from '../../../contracts/status.ts';
import { SERVICE_NAMES } from '../../../contracts/status.ts';
import type { Lead } from './lead.ts';

/** Title and body together: macOS cuts a notification's text off past about this. */
export const MAX_ALERT_CHARS = 200;

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

/** Like humanDuration, but in seconds under a minute ("10 seconds"): a lead is often that short. */
export function shortDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1_000);
  if (seconds >= 60) return humanDuration(ms);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** One sentence on how far ahead of Apple's status page the incident was seen; only `ahead` says "before Apple". */
export function leadWords(lead: Lead): string {
  switch (lead.kind) {
    case 'ahead':
      return `This Mac knew ${shortDuration(lead.ms)} before Apple's status page.`;
    case 'same-time':
      return "Apple's status page showed it at the same time.";
    case 'apple-first':
      return `Apple's status page showed it ${shortDuration(lead.ms)} earlier.`;
    case 'unconfirmed':
      return "Apple's status page never showed it.";
  }
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
 * verdict's reason, so "is back" never hides that people still have trouble. The lead (if known) comes before that
 * reason; when the whole is too long for a notification, the reason goes first, then the text is cut.
 */
export function recoveredWords(
  service: ServiceId,
  downForMs: number,
  degradedReason: string | null = null,
  lead: Lead | null = null,
): { title: string; body: string } {
  const title = `${SERVICE_NAMES[service]} is back`;
  // Seconds under a minute, like the lead: "down for 26 seconds. This Mac knew 8 seconds before ..." reads as one scale.
  const head = [`It was down for ${shortDuration(downForMs)}.`, ...(lead ? [leadWords(lead)] : [])];
  const remain = degradedReason === null ? [] : ['Some problems remain.'];
  const full = [...head, ...remain, ...(degradedReason === null ? [] : [asSentence(degradedReason)])].join(' ');
  const room = MAX_ALERT_CHARS - title.length;
  const body = full.length <= room ? full : [...head, ...remain].join(' ');
  return { title, body: body.length <= room ? body : `${body.slice(0, room - 1).trimEnd()}…` };
}
