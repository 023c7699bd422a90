// Decides whether what the popover shows is current, and says so in words.
import { formatAgo } from './time.ts';

export interface Freshness {
  stale: boolean;
  text: string;
}

/** Data older than two rounds plus a grace period counts as stale. */
export function staleAfterMs(intervalMs: number): number {
  return intervalMs * 2 + 15_000;
}

/** "Last checked 12 s ago", or "Last updated 6 min ago — may be out of date" once stale. */
export function describeFreshness(checkedAt: number | null, checking: boolean, now: number, intervalMs: number): Freshness {
  if (checkedAt === null) return { stale: false, text: checking ? 'Checking for the first time…' : 'Not checked yet' };
  const stale = now - checkedAt > staleAfterMs(intervalMs);
  const ago = formatAgo(checkedAt, now);
  if (stale) return { stale, text: `Last updated ${ago} — may be out of date` };
  return { stale, text: `Last checked ${ago}` };
}

/** A feed's own freshness ("Apple's status from 6 min ago (could not refresh: …)"). */
export function describeFeed(name: string, fetchedAt: number | null, stale: boolean, error: string | null, now: number): string {
  if (fetchedAt === null) return error ? `${name} unavailable: ${error}` : `${name} not fetched yet`;
  const when = `updated ${formatAgo(fetchedAt, now)}`;
  if (stale) return `${name} ${when}, may be out of date${error ? ` (${error})` : ''}`;
  return `${name} ${when}`;
}
