// Checks the aggregator's answers field by field and rebuilds them from known keys only: a hostile server cannot crash us.
import type {
  IncidentDto,
  IncidentSummaryResponse,
  ReportResponse,
  ServiceStatusDto,
  StatusResponse,
  TrendBucket,
  TrendResponse,
} from '../../../contracts/aggregator-api.ts';
import { PROBLEM_KINDS, SERVICE_IDS } from '../../../contracts/status.ts';
import type { CommunityState, ProblemKind, ServiceId } from '../../../contracts/status.ts';
import type { OfficialServiceStatus, OfficialState } from '../../../contracts/official-status.ts';

/** Thrown by the readers below; the client turns it into a `malformed` result. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

const COMMUNITY_STATES: readonly CommunityState[] = ['operational', 'degraded', 'outage'];
const OFFICIAL_STATES: readonly OfficialState[] = ['ok', 'issue', 'outage', 'maintenance'];
const MAX_LIST = 1_000;

/** GET /v1/status body; unknown services are ignored, a known one with a bad shape is an error. */
export function readStatusResponse(raw: unknown): StatusResponse {
  const obj = record(raw, 'status');
  const services = record(obj['services'], 'services');
  const out: Partial<Record<ServiceId, ServiceStatusDto>> = {};
  for (const id of SERVICE_IDS) {
    if (Object.hasOwn(services, id)) out[id] = readServiceStatus(services[id], id);
  }
  return { services: out as Record<ServiceId, ServiceStatusDto>, updatedAt: str(obj['updatedAt'], 'updatedAt') };
}

function readServiceStatus(raw: unknown, id: string): ServiceStatusDto {
  const obj = record(raw, id);
  const status = obj['status'];
  if (!COMMUNITY_STATES.includes(status as CommunityState)) throw new ShapeError(`${id}.status is not a known status`);
  const problems = Array.isArray(obj['topProblems']) ? obj['topProblems'].slice(0, MAX_LIST) : [];
  const topProblems: { problem: ProblemKind; count: number }[] = [];
  for (const p of problems) {
    if (typeof p !== 'object' || p === null) continue;
    const { problem, count } = p as Record<string, unknown>;
    // Problem kinds added later by the aggregator are skipped, not fatal.
    if (PROBLEM_KINDS.includes(problem as ProblemKind) && isCount(count)) topProblems.push({ problem: problem as ProblemKind, count });
  }
  return {
    status: status as CommunityState,
    since: str(obj['since'], `${id}.since`),
    reportsLastHour: count(obj['reportsLastHour'], `${id}.reportsLastHour`),
    baselinePerHour: count(obj['baselinePerHour'], `${id}.baselinePerHour`),
    topProblems: topProblems.slice(0, 10),
    official: readOfficial(obj['official']),
    // Older aggregators don't send the window figures: absent, not an error.
    ...optionalCount(obj, 'networksInWindow'),
    ...optionalCount(obj, 'reportsInWindow'),
    ...optionalCount(obj, 'providersInWindow'),
    ...optionalCount(obj, 'windowMinutes'),
    ...optionalCount(obj, 'networksLast24h'),
    ...(typeof obj['baselineFromHistory'] === 'boolean' ? { baselineFromHistory: obj['baselineFromHistory'] } : {}),
    ...(COMMUNITY_STATES.includes(obj['current'] as CommunityState) ? { current: obj['current'] as CommunityState } : {}),
    ...(Array.isArray(obj['topCountries']) ? { topCountries: readTopCountries(obj['topCountries']) } : {}),
  };
}

/** Up to five `{ country, networks }` with an ISO 3166 code each; other entries are skipped, not fatal. */
function readTopCountries(raw: unknown[]): { country: string; networks: number }[] {
  const out: { country: string; networks: number }[] = [];
  for (const entry of raw.slice(0, MAX_LIST)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { country, networks } = entry as Record<string, unknown>;
    if (typeof country === 'string' && /^[A-Z]{2}$/.test(country) && isCount(networks) && networks > 0) out.push({ country, networks });
  }
  return out.slice(0, 5);
}

function readOfficial(raw: unknown): OfficialServiceStatus | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (typeof o['name'] !== 'string' || !OFFICIAL_STATES.includes(o['state'] as OfficialState)) return null;
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const text = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 2_000) : null);
  return {
    name: o['name'].slice(0, 200),
    state: o['state'] as OfficialState,
    start: num(o['start']),
    end: num(o['end']),
    message: text(o['message']),
    usersAffected: text(o['usersAffected']),
  };
}

/** GET /v1/services/:id/trend body. */
export function readTrendResponse(raw: unknown): TrendResponse {
  const buckets = list(record(raw, 'trend')['buckets'], 'buckets');
  return {
    buckets: buckets.map((b, i): TrendBucket => {
      const o = record(b, `buckets[${i}]`);
      return {
        start: str(o['start'], `buckets[${i}].start`),
        reports: count(o['reports'], `buckets[${i}].reports`),
        baseline: count(o['baseline'], `buckets[${i}].baseline`),
      };
    }),
  };
}

/** GET /v1/services/:id/incidents body. */
export function readIncidentsResponse(raw: unknown): IncidentDto[] {
  return list(raw, 'incidents').map((item, i): IncidentDto => {
    const o = record(item, `incidents[${i}]`);
    const source = o['source'];
    if (source !== 'reports' && source !== 'official') throw new ShapeError(`incidents[${i}].source is not known`);
    const end = o['end'];
    return {
      id: str(o['id'], `incidents[${i}].id`),
      start: str(o['start'], `incidents[${i}].start`),
      end: end === null || end === undefined ? null : str(end, `incidents[${i}].end`),
      peakReportsPerHour: count(o['peakReportsPerHour'], `incidents[${i}].peakReportsPerHour`),
      source,
      // Older aggregators send none of these, and a bad one is left out: the rest of the incident still shows.
      ...(o['peak'] === 'degraded' || o['peak'] === 'outage' ? { peak: o['peak'] } : {}),
      ...readLead(o),
    };
  });
}

/** appleShownAt and leadMs when well formed (a lead only with the time Apple showed it). */
function readLead(o: Record<string, unknown>): Pick<IncidentDto, 'appleShownAt' | 'leadMs'> {
  const shown = o['appleShownAt'];
  if (shown === null) return { appleShownAt: null, leadMs: null };
  if (typeof shown !== 'string' || shown.length > 40 || !Number.isFinite(Date.parse(shown))) return {};
  return { appleShownAt: shown, ...(isLead(o['leadMs']) ? { leadMs: o['leadMs'] } : {}) };
}

/** GET /v1/services/:id/incidents/summary body. */
export function readIncidentSummary(raw: unknown): IncidentSummaryResponse {
  const o = record(raw, 'summary');
  const median = o['medianLeadMs'];
  if (median !== null && !isLead(median)) throw new ShapeError('summary.medianLeadMs is not a number');
  return {
    days: count(o['days'], 'summary.days'),
    incidents: count(o['incidents'], 'summary.incidents'),
    outages: count(o['outages'], 'summary.outages'),
    confirmed: count(o['confirmed'], 'summary.confirmed'),
    medianLeadMs: median,
  };
}

/** A lead in ms: whole, either sign, within a year (Apple's events older than that are not the same outage). */
function isLead(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 366 * 86_400_000;
}

/** POST /v1/reports 200/202 body, or null when it is neither an acceptance nor a duplicate. */
export function readReportResponse(raw: unknown): ReportResponse | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const id = typeof o['id'] === 'string' ? o['id'].slice(0, 200) : undefined;
  if (o['accepted'] === true) return { id: id ?? '', accepted: true };
  if (o['accepted'] === false && o['reason'] === 'duplicate') {
    const retry = o['retryAfterSec'];
    return {
      accepted: false,
      reason: 'duplicate',
      ...(id !== undefined ? { id } : {}),
      ...(isCount(retry) ? { retryAfterSec: retry } : {}),
    };
  }
  return null;
}

/** `{ error, field }` bodies of 4xx answers, when present. */
export function readApiError(raw: unknown): { error: string | null; field: string | null } {
  if (typeof raw !== 'object' || raw === null) return { error: null, field: null };
  const o = raw as Record<string, unknown>;
  return {
    error: typeof o['error'] === 'string' ? o['error'].slice(0, 300) : null,
    field: typeof o['field'] === 'string' ? o['field'].slice(0, 100) : null,
  };
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${what} is not a list`);
  if (v.length > MAX_LIST * 10) throw new ShapeError(`${what} is far too long`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > 200) throw new ShapeError(`${what} is not a short text`);
  return v;
}

function optionalCount<K extends string>(obj: Record<string, unknown>, key: K): Partial<Record<K, number>> {
  const v = obj[key];
  return isCount(v) ? ({ [key]: v } as Partial<Record<K, number>>) : {};
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function count(v: unknown, what: string): number {
  if (!isCount(v)) throw new ShapeError(`${what} is not a number`);
  return v;
}
