// GET …/trend, …/incidents and …/incidents/summary, answered from memory (the detector's buckets, the incident list),
// so these reads never wait behind report writes in storage.
import type { ServerResponse } from 'node:http';
import {
  INCIDENTS_LIMIT_MAX,
  TREND_HOURS_MAX,
  isIncidentsBefore,
  type IncidentDto,
  type IncidentsResponse,
  type TrendResponse,
} from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import type { DetectionConfig } from '../detection/config.ts';
import type { Detector } from '../detection/detector.ts';
import type { StatusBoard } from '../detection/status-board.ts';
import { sendJson, sendStorageUnavailable } from './http-io.ts';
import { INCIDENTS_KEEP_MS, type IncidentList } from './incident-list.ts';
import { summarize } from './incident-summary.ts';
import type { IncidentRow } from '../storage/store.ts';

export interface HistoryContext {
  detector: Detector;
  board: StatusBoard;
  incidents: IncidentList;
  cfg: DetectionConfig;
  /** Whether this node mirrors Apple's feed (crowd incidents then say when Apple showed them). */
  mirrorOfficial: boolean;
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

/** Newest first, of the last INCIDENTS_DAYS_MAX days; `before` (an ISO time) pages to those that started earlier. */
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
  const rawBefore = query.get('before');
  const before = rawBefore === null ? null : isIncidentsBefore(rawBefore) ? Date.parse(rawBefore) : NaN;
  if (before !== null && !Number.isFinite(before)) {
    return sendJson(res, 400, { error: 'before must be an ISO time such as 2026-11-19T14:09:00.000Z', field: 'before' }, cors);
  }
  try {
    const rows = ctx.board.withLivePeaks(await ctx.incidents.list(service, limit, before));
    const body: IncidentsResponse = rows.map((r) => incidentDto(r, ctx.mirrorOfficial));
    sendJson(res, 200, body, { ...cors, 'Cache-Control': 'public, max-age=30' });
  } catch (error) {
    ctx.log(`incidents failed: ${String(error)}`);
    sendStorageUnavailable(res, cors);
  }
}

/** The last INCIDENTS_DAYS_MAX days in numbers: incidents, outages, those Apple confirmed and the median lead. */
export async function getIncidentSummary(
  ctx: HistoryContext,
  res: ServerResponse,
  service: ServiceId,
  cors: Record<string, string>,
): Promise<void> {
  try {
    const rows = ctx.board.withLivePeaks(await ctx.incidents.list(service, Infinity));
    sendJson(res, 200, summarize(rows, ctx.now() - INCIDENTS_KEEP_MS), { ...cors, 'Cache-Control': 'public, max-age=30' });
  } catch (error) {
    ctx.log(`incident summary failed: ${String(error)}`);
    sendStorageUnavailable(res, cors);
  }
}

function incidentDto(r: IncidentRow, mirrorOfficial: boolean): IncidentDto {
  const dto: IncidentDto = {
    id: r.id,
    start: new Date(r.start).toISOString(),
    end: r.end === null ? null : new Date(r.end).toISOString(),
    peakReportsPerHour: r.peak,
    source: r.source,
  };
  if (r.peakStatus !== null) dto.peak = r.peakStatus;
  if (r.source === 'reports' && (mirrorOfficial || r.appleShownAt !== null)) {
    dto.appleShownAt = r.appleShownAt === null ? null : new Date(r.appleShownAt).toISOString();
    dto.leadMs = r.appleShownAt === null ? null : r.appleShownAt - r.start;
  }
  return dto;
}
