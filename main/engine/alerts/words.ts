// The exact words of every notification, in one place.
import type { ServiceId } from '../../../contracts/status.ts';
import { SERVICE_NAMES } from '../../../contracts/status.ts';
import type { Lead } from './lead.ts';

/** Title and body together: macOS cuts a notification's text off past about this. */
export const MAX_ALERT_CHARS = 200;
/** A banner shows about two lines of body: the point must be made within this. */
export const MAX_BODY_CHARS = 110;

/** Platforms the tip tells apart: a Mac sends SMS only through an iPhone, elsewhere there is no Messages at all. */
export type TipPlatform = NodeJS.Platform;

/** What still works while the service is down, in words that fit the device the alert shows on. */
export function downTip(service: ServiceId, platform: TipPlatform): string {
  if (service === 'facetime') return 'A regular phone call still works.';
  return platform === 'darwin' ? 'Send it from your iPhone as a text message.' : 'Use your iPhone to send a text message.';
}

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

/** The reason's first sentence (or clause) within `room`, cut at a word with "…" only when nothing shorter exists. */
export function pointOf(reason: string, room: number): string {
  const first = reason.trim().split(/(?<=[.!?])\s/)[0] ?? '';
  const sentence = asSentence(first.charAt(0).toUpperCase() + first.slice(1));
  if (sentence.length <= room) return sentence;
  const clause = asSentence(sentence.split(/;| — /)[0] ?? '');
  if (clause.length <= room) return clause;
  return `${clause.slice(0, room - 1).replace(/\s+\S*$/, '')}…`;
}

/** The point first, then the tip when both fit a banner's body. */
function withTip(point: string, tip: string): string {
  return point.length + 1 + tip.length <= MAX_BODY_CHARS ? `${point} ${tip}` : point;
}

/** Title and body of a down alert: the verdict in the title, the reason's point (and the tip when it fits) in the body. */
export function downWords(service: ServiceId, reason: string, platform: TipPlatform): { title: string; body: string } {
  return { title: `${SERVICE_NAMES[service]} is down`, body: withTip(pointOf(reason, MAX_BODY_CHARS), downTip(service, platform)) };
}

/** The one catch-up when quiet hours or a snooze end mid-outage: "iMessage is still down since 06:12", then why. */
export function stillDownWords(
  service: ServiceId,
  sinceClock: string,
  reason: string,
  platform: TipPlatform,
): { title: string; body: string } {
  const title = `${SERVICE_NAMES[service]} is still down since ${sinceClock}`;
  return { title, body: withTip(pointOf(reason, MAX_BODY_CHARS), downTip(service, platform)) };
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
  const room = Math.min(MAX_BODY_CHARS, MAX_ALERT_CHARS - title.length);
  const body = full.length <= room ? full : [...head, ...remain].join(' ');
  return { title, body: body.length <= room ? body : `${body.slice(0, room - 1).trimEnd()}…` };
}
