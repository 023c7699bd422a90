// The last INCIDENTS_DAYS_MAX days of one service in numbers, from its listed incidents. One event is counted once: the
// crowd's incident, or Apple's when no crowd incident overlaps it.
import { INCIDENTS_DAYS_MAX, type IncidentSummaryResponse } from '../../contracts/aggregator-api.ts';
import type { IncidentRow } from '../storage/store.ts';

const overlap = (a: IncidentRow, b: IncidentRow) => (a.end ?? Infinity) >= b.start && (b.end ?? Infinity) >= a.start;

/** Counts of the incidents that started at or after `since` (rows newest first, as the incident list holds them). */
export function summarize(rows: readonly IncidentRow[], since: number): IncidentSummaryResponse {
  const crowd = rows.filter((r) => r.source === 'reports');
  const events = rows.filter((r) => r.start >= since && (r.source === 'reports' || !crowd.some((c) => overlap(c, r))));
  const leads = crowd
    .filter((r) => r.start >= since && r.appleShownAt !== null)
    .map((r) => (r.appleShownAt as number) - r.start)
    .sort((a, b) => a - b);
  return {
    days: INCIDENTS_DAYS_MAX,
    incidents: events.length,
    outages: events.filter((r) => r.peakStatus === 'outage').length,
    confirmed: leads.length,
    medianLeadMs: median(leads),
  };
}

/** The middle value of sorted numbers (the mean of the two middle ones, rounded, for an even count); null when none. */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[mid - 1] as number) + upper) / 2);
}
