// Words for the incident history: each incident's lead over Apple's status page, and the summary of the last days.
import type { IncidentDto, IncidentSummaryResponse } from '../../../contracts/aggregator-api.ts';
import { formatDuration } from './time.ts';

/** As the engine's lead (main/engine/alerts/lead.ts): closer than this says nothing about who knew first. */
const SAME_TIME_MS = 1_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "seen 42 min before Apple" (ahead), "Apple was first by 3 min", "Apple never showed it"; null for Apple's own
 * incidents and from servers that mirror no Apple feed.
 */
export function leadWords({ source, leadMs, end }: IncidentDto): { words: string; ahead: boolean } | null {
  if (source === 'official' || leadMs === undefined) return null;
  const ahead = leadMs !== null && leadMs >= SAME_TIME_MS;
  if (leadMs === null) return { words: end === null ? "Apple hasn't shown it yet" : 'Apple never showed it', ahead };
  if (ahead) return { words: `seen ${formatDuration(leadMs)} before Apple`, ahead };
  return { words: leadMs > -SAME_TIME_MS ? 'Apple showed it at the same time' : `Apple was first by ${formatDuration(-leadMs)}`, ahead };
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
  const when = Math.abs(ms) < SAME_TIME_MS ? 'at the same time as' : `${formatDuration(Math.abs(ms))} ${ms > 0 ? 'before' : 'after'}`;
  return `Median: ${when} Apple's status page (${confirmed} confirmed)`;
}
