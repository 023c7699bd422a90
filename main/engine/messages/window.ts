// How far back the Messages source looks, and when its counts are evidence.
import { MIN_FAILED_RECIPIENTS, type MessagesCounts } from '../../../contracts/messages.ts';

/** The real app looks back 10 minutes; ten probe intervals when those are shorter (the lab's compressed time). */
export const MESSAGES_WINDOW_MS = 10 * 60_000;
export const WINDOW_PROBE_INTERVALS = 10;

/** The look-back window for a probe interval. */
export function messagesWindowMs(probeIntervalMs: number): number {
  return Math.min(MESSAGES_WINDOW_MS, WINDOW_PROBE_INTERVALS * probeIntervalMs);
}

/** iMessages to 2+ people failed with nothing delivered since: strong evidence iMessage fails for this user. */
export function failuresAreEvidence(counts: MessagesCounts): boolean {
  return counts.recipientsSinceDelivery >= MIN_FAILED_RECIPIENTS;
}

/** "10 minutes", "1 minute", "10 seconds". */
export function windowWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms >= 60_000 ? plural(Math.round(ms / 60_000), 'minute') : plural(Math.max(1, Math.round(ms / 1000)), 'second');
}

/** What was seen, exactly: "3 iMessages to 2 people failed in the last 10 minutes". */
export function failuresSeen(counts: MessagesCounts): string {
  const n = counts.failedSinceDelivery;
  const k = counts.recipientsSinceDelivery;
  return `${n} iMessage${n === 1 ? '' : 's'} to ${k} ${k === 1 ? 'person' : 'people'} failed in the last ${windowWords(counts.windowMs)}`;
}
