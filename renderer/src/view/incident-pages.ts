// The incident list's data: the latest answer (up to INCIDENTS_LIMIT_MAX, refreshed as the numbers move) and the
// older pages fetched with `before`, as one newest-first list without gaps or repeats.
import { INCIDENTS_LIMIT_MAX, type IncidentDto } from '../../../contracts/aggregator-api.ts';

/** Rows "Show older" adds. */
export const PAGE = 10;

/** Every incident known, newest first, each once: the latest answer wins over an older page's copy. */
export function knownIncidents(latest: IncidentDto[], older: IncidentDto[]): IncidentDto[] {
  const ids = new Set(latest.map((i) => i.id));
  const all = [...latest, ...older.filter((i) => !ids.has(i.id))];
  return all.sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
}

/** The server may hold incidents older than all we have: the latest answer was full, and so was the last page. */
export function serverHasOlder(latest: IncidentDto[], lastPageFull: boolean | null): boolean {
  return latest.length >= INCIDENTS_LIMIT_MAX && lastPageFull !== false;
}
