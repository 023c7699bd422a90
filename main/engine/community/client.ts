// Typed client for the aggregator's HTTP API: every answer is checked, every failure is a value with a sentence.
import { INCIDENTS_LIMIT_MAX, TREND_HOURS_MAX, isIncidentsBefore } from '../../../contracts/aggregator-api.ts';
import type {
  IncidentSummaryResponse,
  IncidentsResponse,
  ReportBody,
  ReportResponse,
  StatusResponse,
  TrendResponse,
} from '../../../contracts/aggregator-api.ts';
import type { ConnectionTest } from '../../../contracts/results.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { fetchText, retryAfterMs } from '../net/fetch-text.ts';
import {
  ShapeError,
  readApiError,
  readIncidentSummary,
  readIncidentsResponse,
  readReportResponse,
  readStatusResponse,
  readTrendResponse,
} from './aggregator-shapes.ts';

export type AggregatorFailureKind = 'network' | 'timeout' | 'http' | 'malformed' | 'rejected' | 'rate-limited';

/** A `Fetched<T>` with the details callers need to decide (retry, drop, back off). */
export type ApiResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; error: string; kind: AggregatorFailureKind; status?: number; field?: string; retryAfterMs?: number };

export interface AggregatorClient {
  status(): Promise<ApiResult<StatusResponse>>;
  trend(service: ServiceId, hours: number): Promise<ApiResult<TrendResponse>>;
  /** Newest first; `before` (an ISO time: the last start of the previous page) gives the next page. */
  incidents(service: ServiceId, limit: number, before?: string | null): Promise<ApiResult<IncidentsResponse>>;
  /** The last INCIDENTS_DAYS_MAX days in numbers. */
  incidentSummary(service: ServiceId): Promise<ApiResult<IncidentSummaryResponse>>;
  submitReport(body: ReportBody): Promise<ApiResult<ReportResponse>>;
  health(): Promise<ApiResult<{ healthy: true }>>;
  /** The base URL in force now, without a trailing slash. */
  baseUrl(): string;
}

export interface AggregatorClientOptions {
  baseUrl: string | (() => string);
  /** Per request. Default 8 s. */
  timeoutMs?: number;
  now?: () => number;
}

const MAX_BODY = 1_000_000;

/** Creates a client; no method ever rejects. */
export function createAggregatorClient(opts: AggregatorClientOptions): AggregatorClient {
  const timeoutMs = opts.timeoutMs ?? 8_000;
  const now = opts.now ?? Date.now;
  const base = (): string => (typeof opts.baseUrl === 'function' ? opts.baseUrl() : opts.baseUrl).trim().replace(/\/+$/, '');
  // The last status answer per URL, for If-None-Match.
  let cached: { url: string; etag: string; data: StatusResponse } | null = null;

  async function call<T>(
    path: string,
    read: (raw: unknown) => T,
    init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T> & { etag?: string | null; notModified?: boolean }> {
    const url = `${base()}${path}`;
    if (!/^https?:\/\/[^/]/i.test(url))
      return { ok: false, kind: 'network', error: 'The community server address is not a valid http(s) URL.' };
    const res = await fetchText(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: { accept: 'application/json', ...init.headers },
      timeoutMs,
      maxBytes: MAX_BODY,
    });
    if (!res.ok) {
      const kind = res.kind === 'timeout' ? 'timeout' : res.kind === 'network' ? 'network' : 'malformed';
      return { ok: false, kind, error: `The community server is unavailable: ${res.message}.` };
    }
    if (res.status === 304)
      return {
        ok: false,
        kind: 'http',
        status: 304,
        error: 'The community server answered "not modified" without an earlier answer.',
        notModified: true,
      };
    const parsed = parseJson(res.text);
    if (res.status < 200 || res.status > 299) return httpFailure(res.status, parsed, res.headers.get('retry-after'), now());
    try {
      return { ok: true, status: res.status, data: read(parsed), etag: res.headers.get('etag') };
    } catch (err) {
      const what = err instanceof ShapeError ? err.message : 'unreadable answer';
      return { ok: false, kind: 'malformed', status: res.status, error: `The community server sent an unexpected answer (${what}).` };
    }
  }

  return {
    baseUrl: base,
    async status() {
      const url = `${base()}/v1/status`;
      const etag = cached?.url === url ? cached.etag : null;
      const res = await call('/v1/status', readStatusResponse, etag ? { headers: { 'if-none-match': etag } } : {});
      if (!res.ok && res.notModified && cached?.url === url) return { ok: true, status: 304, data: cached.data };
      if (res.ok) cached = res.etag ? { url, etag: res.etag, data: res.data } : null;
      return strip(res);
    },
    async trend(service, hours) {
      if (!SERVICE_IDS.includes(service))
        return { ok: false, kind: 'rejected', field: 'service', error: `Unknown service "${String(service)}".` };
      if (!Number.isInteger(hours) || hours < 1 || hours > TREND_HOURS_MAX)
        return { ok: false, kind: 'rejected', field: 'hours', error: `Hours must be a whole number from 1 to ${TREND_HOURS_MAX}.` };
      return strip(await call(`/v1/services/${service}/trend?hours=${hours}`, readTrendResponse));
    },
    async incidents(service, limit, before = null) {
      if (!SERVICE_IDS.includes(service)) return unknownService(service);
      if (!Number.isInteger(limit) || limit < 1 || limit > INCIDENTS_LIMIT_MAX)
        return { ok: false, kind: 'rejected', field: 'limit', error: `Limit must be a whole number from 1 to ${INCIDENTS_LIMIT_MAX}.` };
      if (before !== null && (typeof before !== 'string' || !isIncidentsBefore(before)))
        return { ok: false, kind: 'rejected', field: 'before', error: 'Before must be an ISO time such as 2026-11-19T14:09:00.000Z.' };
      const page = before === null ? '' : `&before=${encodeURIComponent(before)}`;
      return strip(await call(`/v1/services/${service}/incidents?limit=${limit}${page}`, readIncidentsResponse));
    },
    async incidentSummary(service) {
      if (!SERVICE_IDS.includes(service)) return unknownService(service);
      return strip(await call(`/v1/services/${service}/incidents/summary`, readIncidentSummary));
    },
    async submitReport(body) {
      const res = await call('/v1/reports', readReport, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      return strip(res);
    },
    async health() {
      return strip(await call('/healthz', readHealth));
    },
  };
}

function unknownService(service: unknown): ApiResult<never> {
  return { ok: false, kind: 'rejected', field: 'service', error: `Unknown service "${String(service)}".` };
}

/** Tries the aggregator at `url` once, for the settings screen's "Test" button. */
export async function testAggregatorConnection(url: string, timeoutMs = 5_000): Promise<ConnectionTest> {
  const res = await createAggregatorClient({ baseUrl: url, timeoutMs }).health();
  return res.ok ? { ok: true, message: 'Connected to the community server.' } : { ok: false, message: res.error };
}

/** The aggregator answers `{ ok: true, ... }`; any other 2xx page means the URL points elsewhere. */
function readHealth(raw: unknown): { healthy: true } {
  if (typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['ok'] === true) return { healthy: true };
  throw new ShapeError('this address does not look like a community server');
}

function readReport(raw: unknown): ReportResponse {
  const report = readReportResponse(raw);
  if (report === null) throw new ShapeError('the report answer is neither accepted nor duplicate');
  return report;
}

function httpFailure(status: number, body: unknown, retryAfter: string | null, now: number): ApiResult<never> {
  const { error, field } = readApiError(body);
  const reason = error ?? `HTTP ${status}`;
  if (status === 429) {
    const wait = retryAfterMs(retryAfter, now) ?? 60_000;
    return { ok: false, kind: 'rate-limited', status, retryAfterMs: wait, error: 'Too many reports from this network right now.' };
  }
  if (status === 400 || status === 413 || status === 415 || status === 422) {
    return {
      ok: false,
      kind: 'rejected',
      status,
      ...(field ? { field } : {}),
      error: `The community server refused the request: ${reason}.`,
    };
  }
  return { ok: false, kind: 'http', status, error: `The community server answered ${reason}.` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function strip<T>(res: ApiResult<T> & { etag?: string | null; notModified?: boolean }): ApiResult<T> {
  if (res.ok) return { ok: true, status: res.status, data: res.data };
  const { etag: _etag, notModified: _nm, ...rest } = res;
  return rest;
}
