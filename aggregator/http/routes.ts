// The HTTP routes: parse, check, answer. Never a 5xx for bad input; storage trouble is the only 503.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceId } from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import type { DetectionConfig } from '../detection/config.ts';
import type { Detector } from '../detection/detector.ts';
import { PREFLIGHT, corsHeaders, refuse, sendJson } from './http-io.ts';
import { getIncidentSummary, getIncidents, getTrend } from './history-routes.ts';
import type { IncidentList } from './incident-list.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ReportIntake } from '../intake/report-intake.ts';
import type { NetworksHeard } from '../detection/networks-heard.ts';
import type { ClientIds } from '../privacy/client-ids.ts';
import { postReport } from './report-route.ts';
import type { NetworkContext } from './request-network.ts';
import { requestPrefix } from './request-network.ts';
import type { StatusBoard } from '../detection/status-board.ts';
import type { StatusStream } from './status-stream.ts';
import type { Store } from '../storage/store.ts';

export interface RouteContext extends NetworkContext {
  intake: ReportIntake;
  board: StatusBoard;
  incidents: IncidentList;
  stream: StatusStream;
  store: Store;
  detector: Detector;
  limiter: RateLimiter | null;
  clientIds: ClientIds;
  heard: NetworksHeard;
  cfg: DetectionConfig;
  now: () => number;
  corsOrigins: readonly string[];
  backend: string;
  mirrorOfficial: boolean;
}

const SERVICE_ROUTE = /^\/v1\/services\/([^/]+)\/(trend|incidents|incidents\/summary)$/;
const GET_ROUTES = new Set(['/healthz', '/v1/status', '/v1/stream']);
const REPORT_METHODS = ['POST', 'OPTIONS'];
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Handles one request; every branch ends the response (the storage-backed reads asynchronously: they return a promise). */
export function route(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const cors = corsHeaders(req.headers.origin, ctx.corsOrigins);
  const method = req.method ?? 'GET';
  const isReports = path === '/v1/reports';
  const serviceMatch = isReports ? null : SERVICE_ROUTE.exec(path);
  if (!isReports && !GET_ROUTES.has(path) && !serviceMatch) return sendJson(res, 404, { error: 'not found' }, cors);
  if (method === 'OPTIONS') {
    res.writeHead(204, cors['Access-Control-Allow-Origin'] ? { ...cors, ...PREFLIGHT } : {});
    return void res.end();
  }
  const allowed = isReports ? REPORT_METHODS : READ_METHODS;
  if (!allowed.includes(method)) return refuse(res, 405, { error: `method ${method} not allowed` }, { ...cors, Allow: allowed.join(', ') });
  if (isReports) return postReport(ctx, req, res, cors);
  if (path === '/healthz') return getHealth(ctx, res, cors);
  if (path === '/v1/status') return getStatus(ctx, req, res, cors);
  if (path === '/v1/stream') {
    // HEAD gets the stream's headers and no stream.
    if (method === 'HEAD')
      return void res.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' }).end();
    const network = requestPrefix(ctx, req);
    if (network === null) return void res.destroy(); // the peer is already gone
    const refused = ctx.stream.attach(req, res, () => ctx.board.current().body, cors, network);
    if (refused === 'node-full') return sendJson(res, 503, { error: 'too many streams on this node' }, { ...cors, 'Retry-After': '30' });
    if (refused === 'network-full')
      return sendJson(res, 429, { error: 'too many open streams from this network' }, { ...cors, 'Retry-After': '30' });
    return;
  }
  const [, id = '', what] = serviceMatch as RegExpExecArray;
  if (!(SERVICE_IDS as readonly string[]).includes(id))
    return sendJson(res, 404, { error: `unknown service ${id.slice(0, 40)}`, field: 'service' }, cors);
  const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
  if (what === 'trend') return getTrend(ctx, res, id as ServiceId, query, cors);
  if (what === 'incidents/summary') return getIncidentSummary(ctx, res, id as ServiceId, cors);
  return getIncidents(ctx, res, id as ServiceId, query, cors);
}

/**
 * 200 while reports can be stored; 503 while storage refuses them (a failed WAL sync does until a restart), so a load
 * balancer moves clients to a node that can count them. Reads still work meanwhile. The error itself stays in the log
 * (it may name files), not in a public answer.
 */
function getHealth(ctx: RouteContext, res: ServerResponse, cors: Record<string, string>): void {
  const failure = ctx.intake.storageFailure;
  const base = { backend: ctx.backend, streams: ctx.stream.size };
  const headers = { ...cors, 'Cache-Control': 'no-store' };
  if (!failure) return sendJson(res, 200, { ok: true, ...base }, headers);
  sendJson(res, 503, { ok: false, ...base, error: 'storage refuses reports', failedBatches: failure.batches }, headers);
}

function getStatus(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  const view = ctx.board.current();
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === view.etag)) {
    res.writeHead(304, { ...cors, ETag: view.etag, 'Cache-Control': view.headers['Cache-Control'] as string });
    return void res.end();
  }
  // The hot path: a prebuilt body and headers, written as they are.
  res.writeHead(200, cors['Access-Control-Allow-Origin'] ? { ...view.headers, ...cors } : view.headers);
  res.end(view.bytes);
}

/** Status is cacheable for a twentieth of a bucket (15 s by default, at most 30 s). */
export function statusCacheControl(bucketMs: number): string {
  const maxAge = Math.min(30, Math.floor(bucketMs / 20_000));
  return `public, max-age=${maxAge}${maxAge === 0 ? ', must-revalidate' : ''}`;
}
