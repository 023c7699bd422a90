// POST /v1/reports, the hot path: checks in order (429, 415, 413, 400), then intake; callbacks, not promises, so a
// report costs no closures beyond its reply and no generic serialiser for its 202.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_LIMIT, isJson, readBody, refuse, sendAnswer, sendJson, sendStorageUnavailable } from './http-io.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Answer } from './report-answer.ts';
import { isInvalid, validateReport } from './report-body.ts';
import type { ReportIntake } from '../intake/report-intake.ts';
import type { NetworkContext } from './request-network.ts';
import { requestPrefix, withNetwork } from './request-network.ts';
import type { NetworksHeard } from '../detection/networks-heard.ts';
import type { ReportNetwork } from '../intake/network-ids.ts';
import type { ClientIds } from '../privacy/client-ids.ts';

export interface ReportRouteContext extends NetworkContext {
  intake: ReportIntake;
  limiter: RateLimiter | null;
  /** The stored stand-in for a clientId (a day-keyed hash): the raw id never leaves this request. */
  clientIds: ClientIds;
  /** Who reported problems lately, for the exact "only one network" (memory only). */
  heard: NetworksHeard;
  now: () => number;
}

const TOO_LARGE = { error: `body over ${BODY_LIMIT} bytes` };

/** Answers one report submission; every branch ends the response. */
export function postReport(ctx: ReportRouteContext, req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  withNetwork(ctx, req, res, cors, (network) => postFromNetwork(ctx, req, res, cors, network));
}

function postFromNetwork(
  ctx: ReportRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  cors: Record<string, string>,
  network: ReportNetwork,
): void {
  if (ctx.limiter) {
    const d = ctx.limiter.take(network.id);
    if (!d.allowed)
      return refuse(res, 429, { error: 'too many reports from this network' }, { ...cors, 'Retry-After': String(d.retryAfterSec) });
  }
  const headers = req.headers;
  if (!isJson(headers['content-type']))
    return refuse(res, 415, { error: 'Content-Type must be application/json', field: 'content-type' }, cors);
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) return refuse(res, 413, TOO_LARGE, cors);
  readBody(req, BODY_LIMIT, (body) => {
    if (body === undefined) return; // the client went away
    if (body === null) return refuse(res, 413, TOO_LARGE, cors);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not valid JSON', field: 'body' }, cors);
    }
    const report = validateReport(parsed);
    if (isInvalid(report)) return sendJson(res, 400, report, cors);
    report.clientId = ctx.clientIds.pseudonym(report.clientId);
    if (report.kind === 'problem' && ctx.heard.wants(report.service, ctx.now())) {
      const prefix = requestPrefix(ctx, req);
      if (prefix) ctx.heard.note(report.service, ctx.now(), prefix);
    }
    ctx.intake.submit(report, network, (error: unknown, answer: Answer | null) => {
      if (answer) return sendAnswer(res, answer, cors);
      ctx.log(`report not stored: ${error instanceof Error ? error.message : String(error)}`);
      sendStorageUnavailable(res, cors);
    });
  });
}
