// POST /v1/reports, the hot path: checks in order (429, 415, 413, 400), then intake; callbacks, not promises, so a
// report costs no closures beyond its reply and no generic serialiser for its 202. node:http and the lean path
// (lean-report-socket.ts) share every check; only how the body is read and the answer written differs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { LeanReportHead } from './lean-report-head.ts';
import { BODY_LIMIT, isJson, readBody, refuse, sendAnswer, sendJson, sendStorageUnavailable } from './http-io.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Answer } from './report-answer.ts';
import { isInvalid, validateReport } from './report-body.ts';
import type { ReportIntake } from '../intake/report-intake.ts';
import type { NetworkContext } from './request-network.ts';
import { networkOf, requestPrefix } from './request-network.ts';
import type { NetworksHeard } from '../detection/networks-heard.ts';
import type { ReportNetwork } from '../intake/network-ids.ts';
import type { ClientIds } from '../privacy/client-ids.ts';
import type { Sender } from './client-address.ts';

export interface ReportRouteContext extends NetworkContext {
  intake: ReportIntake;
  limiter: RateLimiter | null;
  /** The stored stand-in for a clientId (a day-keyed hash): the raw id never leaves this request. */
  clientIds: ClientIds;
  /** Who reported problems lately, for the exact "only one network" (memory only). */
  heard: NetworksHeard;
  now: () => number;
}

/** Where a report's answer goes: node:http's response, or the lean path's socket. Each call ends the exchange. */
export interface ReportReply {
  /** An error answer after which the connection closes (the rest of the request is never read). */
  refuse(status: number, body: { error: string; field?: string }, headers?: Record<string, string>): void;
  /** A JSON error answer on a connection that stays open. */
  invalid(body: object): void;
  answer(answer: Answer): void;
  /** 503 with Retry-After: storage could not take the report. */
  unavailable(): void;
  /** The peer is gone: drop the connection without an answer. */
  drop(): void;
}

const TOO_LARGE = { error: `body over ${BODY_LIMIT} bytes` };

/** Answers one report submission through node:http; every branch ends the response. */
export function postReport(ctx: ReportRouteContext, req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  const reply = new HttpReply(res, cors);
  const network = networkOf(ctx, req);
  if (!network) return reply.drop();
  if (!admitReport(ctx, network, req.headers['content-type'], Number(req.headers['content-length'] ?? 0), reply)) return;
  readBody(req, BODY_LIMIT, (body) => {
    if (body === undefined) return; // the client went away
    if (body === null) return reply.refuse(413, TOO_LARGE);
    takeReport(ctx, req, network, body, reply);
  });
}

/** Answers one plain report read whole off the socket (lean-report-socket.ts): the same checks, in the same order. */
export function postLeanReport(ctx: ReportRouteContext, head: LeanReportHead, body: Buffer, socket: Socket, reply: ReportReply): void {
  const sender: Sender = { socket, headers: { 'x-forwarded-for': head.forwardedFor, forwarded: head.forwarded } };
  const network = networkOf(ctx, sender);
  if (!network) return reply.drop();
  if (!admitReport(ctx, network, head.contentType, head.contentLength, reply)) return;
  takeReport(ctx, sender, network, body, reply);
}

/** The checks before the body: 429 (the network's rate), 415, 413 on the declared length. False when answered. */
function admitReport(
  ctx: ReportRouteContext,
  network: ReportNetwork,
  contentType: string | undefined,
  declaredLength: number,
  reply: ReportReply,
): boolean {
  if (ctx.limiter) {
    const d = ctx.limiter.take(network.id);
    if (!d.allowed) {
      reply.refuse(429, { error: 'too many reports from this network' }, { 'Retry-After': String(d.retryAfterSec) });
      return false;
    }
  }
  if (!isJson(contentType)) {
    reply.refuse(415, { error: 'Content-Type must be application/json', field: 'content-type' });
    return false;
  }
  if (declaredLength > BODY_LIMIT) {
    reply.refuse(413, TOO_LARGE);
    return false;
  }
  return true;
}

/** The body's checks (400), the client pseudonym, then intake: the answer once the report is stored. */
function takeReport(ctx: ReportRouteContext, sender: Sender, network: ReportNetwork, body: Buffer, reply: ReportReply): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return reply.invalid({ error: 'body is not valid JSON', field: 'body' });
  }
  const report = validateReport(parsed);
  if (isInvalid(report)) return reply.invalid(report);
  report.clientId = ctx.clientIds.pseudonym(report.clientId);
  if (report.kind === 'problem' && ctx.heard.wants(report.service, ctx.now())) {
    const prefix = requestPrefix(ctx, sender);
    if (prefix) ctx.heard.note(report.service, ctx.now(), prefix);
  }
  ctx.intake.submit(report, network, (_error: unknown, answer: Answer | null) => {
    // The batch's error is logged once where it was written (server.ts).
    if (answer) return reply.answer(answer);
    reply.unavailable();
  });
}

/** node:http's side of a reply, with the request's CORS headers on every answer. */
class HttpReply implements ReportReply {
  constructor(
    private readonly res: ServerResponse,
    private readonly cors: Record<string, string>,
  ) {}

  refuse(status: number, body: { error: string; field?: string }, headers?: Record<string, string>): void {
    refuse(this.res, status, body, headers ? { ...this.cors, ...headers } : this.cors);
  }

  invalid(body: object): void {
    sendJson(this.res, 400, body, this.cors);
  }

  answer(answer: Answer): void {
    sendAnswer(this.res, answer, this.cors);
  }

  unavailable(): void {
    sendStorageUnavailable(this.res, this.cors);
  }

  drop(): void {
    this.res.destroy();
  }
}
