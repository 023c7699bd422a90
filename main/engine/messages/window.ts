// How far back the Messages source looks, and when its counts are evidence.
import { MIN_FAILED_RECIPIENTS, type MessagesCounts } from '../../../contracts/messages.ts';

/** The real app looks back 10 minutes; ten probe intervals when those are shorter (the lab's compressed time). */
export const MESSAGES_WINDOW_MS = 10 * 60_000;
export const WINDOW_PROBE_INTERVALS = 10;

// A burst of green: one person alone falls back now and then (no data on a plane, a phone off, a switch to Android),
// and a single text to each of two people can be the user's own "Send as Text Message"; three or more to two or more
// iMessage users within the window, with no iMessage delivered since, is the fallback an iMessage outage causes.
export const GREEN_MIN_SENT = 3;
export const GREEN_MIN_RECIPIENTS = 2;

/** The look-back window for a probe interval. */
export function messagesWindowMs(probeIntervalMs: number): number {
  return Math.min(MESSAGES_WINDOW_MS, WINDOW_PROBE_INTERVALS * probeIntervalMs);
}

/** iMessages to 2+ people failed with nothing delivered since: strong evidence iMessage fails for this user. */
export function failuresAreEvidence(counts: MessagesCounts): boolean {
  return counts.recipientsSinceDelivery >= MIN_FAILED_RECIPIENTS;
}

/** Text messages to iMessage users in a burst, with no iMessage delivered since: messages are falling back to SMS. */
export function greenIsEvidence(counts: MessagesCounts): boolean {
  return (counts.greenSent ?? 0) >= GREEN_MIN_SENT && (counts.greenRecipients ?? 0) >= GREEN_MIN_RECIPIENTS;
}

/** Either rule holds: the counts are evidence (worth the same points, never more together: one Mac's own outbox). */
export function messagesAreEvidence(counts: MessagesCounts): boolean {
  return failuresAreEvidence(counts) || greenIsEvidence(counts);
}

/** "10 minutes", "1 minute", "10 seconds". */
export function windowWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms >= 60_000 ? plural(Math.round(ms / 60_000), 'minute') : plural(Math.max(1, Math.round(ms / 1000)), 'second');
}

const people = (k: number) => `${k} ${k === 1 ? 'person' : 'people'}`;

/** What was seen, exactly: "3 iMessages to 2 people failed in the last 10 minutes". */
export function failuresSeen(counts: MessagesCounts): string {
  const n = counts.failedSinceDelivery;
  return `${n} iMessage${n === 1 ? '' : 's'} to ${people(counts.recipientsSinceDelivery)} failed in the last ${windowWords(counts.windowMs)}`;
}

/** "5 messages to 3 iMessage users went as text messages" (no time: the caller adds it). */
function greenClause(counts: MessagesCounts): string {
  const n = counts.greenSent ?? 0;
  const k = counts.greenRecipients ?? 0;
  return `${n} message${n === 1 ? '' : 's'} to ${k} iMessage user${k === 1 ? '' : 's'} went as text messages`;
}

/** What made the counts evidence, in one clause with the window: failures, going green, or both. */
export function messagesSeen(counts: MessagesCounts): string {
  const green = greenIsEvidence(counts);
  if (!green) return failuresSeen(counts);
  const window = `in the last ${windowWords(counts.windowMs)}`;
  if (!failuresAreEvidence(counts)) return `${greenClause(counts)} ${window}`;
  const n = counts.failedSinceDelivery;
  return `${n} iMessage${n === 1 ? '' : 's'} to ${people(counts.recipientsSinceDelivery)} failed and ${greenClause(counts)} ${window}`;
}
