// Words for the incident history: each incident's lead over Apple's status page, and the summary of the last days.
import type { IncidentDto, IncidentSummaryResponse } from '../../../contracts/aggregator-api.ts';
import { leadOf } from '../../../contracts/status.ts';
import { formatDuration } from './time.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "seen 42 min before Apple" (ahead), "Apple was first by 3 min", "Apple never showed it"; null for Apple's own
 * incidents and from servers that mirror no Apple feed.
 */
export function leadWords({ source, leadMs, end }: IncidentDto): { words: string; ahead: boolean } | null {
  if (source === 'official' || leadMs === undefined) return null;
  const lead = leadOf(leadMs);
  switch (lead.kind) {
    case 'unconfirmed':
      return { words: end === null ? "Apple hasn't shown it yet" : 'Apple never showed it', ahead: false };
    case 'ahead':
      return { words: `seen ${formatDuration(lead.ms)} before Apple`, ahead: true };
    case 'same-time':
      return { words: 'Apple showed it at the same time', ahead: false };
    case 'apple-first':
      return { words: `Apple was first by ${formatDuration(lead.ms)}`, ahead: false };
  }
}

/** "1 h 5 min", or "ongoing (12 min)". */
export function durationWords(start: number, end: number | null, now: number): string {
  return end === null ? `ongoing (${formatDuration(now - start)})` : formatDuration(end - start);
}

/** "3 outages in 90 days.", "No outages in 90 days, 1 partial disruption." */
export function howOftenWords({ days, incidents, outages }: IncidentSummaryResponse): string {
  const minor = incidents - outages;
  const head = `${outages === 0 ? 'No outages' : plural(outages, 'outage')} in ${days} days`;
  return minor > 0 ? `${head}, ${plural(minor, 'partial disruption')}.` : `${head}.`;
}

/** "Median: 38 min before Apple's status page (5 confirmed)"; null when Apple's page confirmed none. */
export function medianLeadWords({ confirmed, medianLeadMs: ms }: IncidentSummaryResponse): string | null {
  if (confirmed === 0 || ms === null) return null;
  const lead = leadOf(ms);
  const when =
    lead.kind === 'same-time' ? 'at the same time as' : `${formatDuration(Math.abs(ms))} ${lead.kind === 'ahead' ? 'before' : 'after'}`;
  return `Median: ${when} Apple's status page (${confirmed} confirmed)`;
}
