// GET …/trend and …/incidents, answered from memory (the detector's buckets, the incident list), so these reads never
// wait behind report writes in storage.
import type { ServerResponse } from 'node:http';
import { INCIDENTS_LIMIT_MAX, TREND_HOURS_MAX, type IncidentsResponse, type TrendResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import type { DetectionConfig } from '../detection/config.ts';
import type { Detector } from '../detection/detector.ts';
import type { StatusBoard } from '../detection/status-board.ts';
import { sendJson, sendStorageUnavailable } from './http-io.ts';
import type { IncidentList } from './incident-list.ts';

export interface HistoryContext {
  detector: Detector;
  board: StatusBoard;
  incidents: IncidentList;
  cfg: DetectionConfig;
  now: () => number;
  log: (line: string) => void;
}

/** Hourly counted problem reports, oldest first, the current (partial) hour last, with each hour's baseline. */
export function getTrend(
  ctx: HistoryContext,
  res: ServerResponse,
  service: ServiceId,
  query: URLSearchParams,
  cors: Record<string, string>,
): void {
  const raw = query.get('hours') ?? '24';
  const hours = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(hours >= 1 && hours <= TREND_HOURS_MAX)) {
    return sendJson(res, 400, { error: `hours must be an integer from 1 to ${TREND_HOURS_MAX}`, field: 'hours' }, cors);
  }
  const { hourMs } = ctx.cfg;
  const now = ctx.now();
  const first = now - (now % hourMs) - (hours - 1) * hourMs;
  const buckets = Array.from({ length: hours }, (_, i) => {
    const start = first + i * hourMs;
    return {
      start: new Date(start).toISOString(),
      reports: ctx.detector.reportsBetween(service, start, start + hourMs),
      baseline: ctx.detector.baselineAt(service, start + hourMs / 2),
    };
  });
  sendJson(res, 200, { buckets } satisfies TrendResponse, { ...cors, 'Cache-Control': 'public, max-age=30' });
}

export async function getIncidents(
  ctx: HistoryContext,
  res: ServerResponse,
  service: ServiceId,
  query: URLSearchParams,
  cors: Record<string, string>,
): Promise<void> {
  const raw = query.get('limit') ?? '20';
  const limit = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= INCIDENTS_LIMIT_MAX)) {
    return sendJson(res, 400, { error: `limit must be an integer from 1 to ${INCIDENTS_LIMIT_MAX}`, field: 'limit' }, cors);
  }
  try {
    const rows = ctx.board.withLivePeaks(await ctx.incidents.list(service, limit));
    const body: IncidentsResponse = rows.map((r) => ({
      id: r.id,
      start: new Date(r.start).toISOString(),
      end: r.end === null ? null : new Date(r.end).toISOString(),
      peakReportsPerHour: r.peak,
      source: r.source,
    }));
    sendJson(res, 200, body, { ...cors, 'Cache-Control': 'public, max-age=30' });
  } catch (error) {
    ctx.log(`incidents failed: ${String(error)}`);
    sendStorageUnavailable(res, cors);
  }
}
