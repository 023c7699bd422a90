// Incidents in storage: one open row per service and source (however many nodes see it open), its worst status, and
// when Apple's status page first showed a crowd incident.
import type { Queryable } from './driver.ts';
import type { IncidentRow, IncidentStatus } from './store-rows.ts';

/**
 * At most one open incident per service and source: nodes sharing a database each see a status change and open "the"
 * incident; the second one adopts the first one's row. Rows left open twice by an older version are closed first.
 */
export const INCIDENT_LEAD_MIGRATION = `ALTER TABLE incidents ADD COLUMN peak_status TEXT;
   ALTER TABLE incidents ADD COLUMN apple_shown_at BIGINT;
   UPDATE incidents SET end_at = start_at WHERE end_at IS NULL
     AND id NOT IN (SELECT MAX(id) FROM incidents WHERE end_at IS NULL GROUP BY service, source);
   CREATE UNIQUE INDEX incidents_open ON incidents (service, source) WHERE end_at IS NULL`;

/**
 * A crowd incident was shown by Apple when an official incident of its service overlaps it; the earliest such start is
 * when (an official row starts at Apple's event start, else at the first mirror poll that saw it). Idempotent, so
 * every node may run it after every incident it opens.
 */
const MARK_APPLE_SHOWN = `UPDATE incidents r SET apple_shown_at = m.shown FROM (
    SELECT c.id, MIN(o.start_at) AS shown FROM incidents c JOIN incidents o ON o.service = c.service AND o.source = 'official'
      AND (o.end_at IS NULL OR o.end_at >= c.start_at) AND (c.end_at IS NULL OR o.start_at <= c.end_at)
    WHERE c.service = $1 AND c.source = 'reports' GROUP BY c.id) m
  WHERE r.id = m.id AND (r.apple_shown_at IS NULL OR r.apple_shown_at > m.shown)`;

/**
 * Opens the service's incident of this source, or joins the one another node recorded for the same stretch: still open,
 * or ended after `start` (a node that lags behind closes nothing new); returns its id.
 */
export async function openIncident(
  db: Queryable,
  service: string,
  source: IncidentRow['source'],
  start: number,
  peak: number,
  status: IncidentStatus,
): Promise<string> {
  let id: unknown;
  for (let attempt = 1; id === undefined && attempt <= 3; attempt += 1) {
    const known = await db.query<{ id: unknown }>(
      `SELECT id FROM incidents WHERE service = $1 AND source = $2 AND (end_at IS NULL OR end_at > $3::bigint)
       ORDER BY start_at DESC, id DESC LIMIT 1`,
      [service, source, start],
    );
    id = known[0]?.id;
    if (id !== undefined) {
      await updateIncident(db, String(id), peak, status, null);
      break;
    }
    // Another node may insert between the two statements: then the next pass finds its row.
    const inserted = await db.query<{ id: unknown }>(
      `INSERT INTO incidents (service, source, start_at, peak, peak_status) VALUES ($1, $2, $3::bigint, $4::int, $5::text)
       ON CONFLICT (service, source) WHERE end_at IS NULL DO NOTHING RETURNING id`,
      [service, source, start, Math.round(peak), status],
    );
    id = inserted[0]?.id;
  }
  await db.query(MARK_APPLE_SHOWN, [service]);
  return String(id);
}

/** Raises the peak (rate and status; never lowers them) and closes the incident unless another node already did. */
export async function updateIncident(db: Queryable, id: string, peak: number, status: IncidentStatus, end: number | null): Promise<void> {
  await db.query(
    `UPDATE incidents SET peak = GREATEST(peak, $2::int), end_at = COALESCE(end_at, $4::bigint),
       peak_status = CASE WHEN peak_status = 'outage' THEN 'outage' ELSE $3::text END WHERE id = $1::bigint`,
    [id, Math.round(peak), status, end],
  );
}

/** Newest first; `since`: only those still open or ended at or after it. */
export async function listIncidents(
  db: Queryable,
  filter: { service?: string; limit: number; openOnly?: boolean; since?: number },
): Promise<IncidentRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, service, source, start_at, end_at, peak, peak_status, apple_shown_at FROM incidents
     WHERE ($1::text IS NULL OR service = $1) AND ($2::boolean = false OR end_at IS NULL)
       AND ($4::bigint IS NULL OR end_at IS NULL OR end_at >= $4::bigint)
     ORDER BY start_at DESC, id DESC LIMIT $3::int`,
    [filter.service ?? null, filter.openOnly ?? false, filter.limit, filter.since ?? null],
  );
  return rows.map((r) => ({
    id: String(r.id),
    service: String(r.service),
    source: r.source === 'official' ? 'official' : 'reports',
    start: Number(r.start_at),
    end: r.end_at === null ? null : Number(r.end_at),
    peak: Number(r.peak),
    peakStatus: r.peak_status === 'outage' || r.peak_status === 'degraded' ? r.peak_status : null,
    appleShownAt: r.apple_shown_at === null || r.apple_shown_at === undefined ? null : Number(r.apple_shown_at),
  }));
}
