// Small node:http helpers: JSON answers, a bounded body reader, CORS for configured origins only.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BODY_LIMIT = 4096;
export const JSON_TYPE = 'application/json; charset=utf-8';
/** The 503 when storage can't take a report: its body, and when to try again (both report paths answer it). */
export const STORAGE_UNAVAILABLE = { body: { error: 'storage unavailable, try again' }, retryAfter: '5' };
/** The shared "no extra headers" (what corsHeaders gives most requests); never mutated. */
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Sends a JSON body (already serialised or an object) with a status code. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends a prepared answer; without CORS headers it skips the generic header merge (the report hot path). */
export function sendAnswer(res: ServerResponse, answer: { status: number; body: string }, cors: Record<string, string>): void {
  if (cors !== NO_HEADERS) return sendJson(res, answer.status, answer.body, cors);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, ['Content-Type', JSON_TYPE, 'Content-Length', String(Buffer.byteLength(answer.body))]);
  res.end(answer.body);
}

/** 503 with Retry-After: storage (or the day's network salt) could not be reached; the client should try again. */
export function sendStorageUnavailable(res: ServerResponse, cors: Record<string, string>): void {
  sendJson(res, 503, STORAGE_UNAVAILABLE.body, { ...cors, 'Retry-After': STORAGE_UNAVAILABLE.retryAfter });
}

/** Sends an error body and closes the connection (the rest of the request is never read). */
export function refuse(
  res: ServerResponse,
  status: number,
  body: { error: string; field?: string },
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, { ...headers, Connection: 'close' });
}

const READ = Symbol('bodyRead');
/** The body (null when over the limit, undefined when the client went away). */
export type BodyDone = (body: Buffer | null | undefined) => void;
type Reading = IncomingMessage & { [READ]?: { chunks: Buffer[]; size: number; limit: number; done: BodyDone } | null };

/**
 * Reads at most `limit` bytes, then calls `done` once: the body, null when it is larger (reading stops there), or
 * undefined when the request failed. The listeners are shared functions (state rides on the request), not closures.
 */
export function readBody(req: IncomingMessage, limit: number, done: BodyDone): void {
  (req as Reading)[READ] = { chunks: [], size: 0, limit, done };
  req.on('data', onBodyData);
  req.on('end', onBodyEnd);
  req.on('error', onBodyError);
  req.on('aborted', onBodyError);
}

function onBodyData(this: Reading, chunk: Buffer): void {
  const state = this[READ];
  if (!state) return;
  state.size += chunk.length;
  if (state.size > state.limit) {
    this.pause();
    finishBody(this, null);
  } else state.chunks.push(chunk);
}

function onBodyEnd(this: Reading): void {
  const state = this[READ];
  if (state) finishBody(this, state.chunks.length === 1 ? (state.chunks[0] as Buffer) : Buffer.concat(state.chunks, state.size));
}

function onBodyError(this: Reading): void {
  finishBody(this, undefined);
}

function finishBody(req: Reading, body: Buffer | null | undefined): void {
  const state = req[READ];
  if (!state) return;
  req[READ] = null;
  req.off('data', onBodyData);
  req.off('end', onBodyEnd);
  req.off('error', onBodyError);
  req.off('aborted', onBodyError);
  state.done(body);
}

/**
 * CORS for the configured origins only (none by default: the desktop app and browser mode call from Node, not from a
 * page). `null` and `file://` never qualify: any sandboxed page or local file can claim them.
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin || allowed.length === 0 || !allowed.includes(origin)) return NO_HEADERS;
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
  };
}

/** Checks a CORS allow-list: each entry an exact `http(s)://host[:port]` origin; throws naming the bad one. */
export function checkCorsOrigins(origins: readonly string[]): string[] {
  for (const o of origins) {
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(o)) {
      throw new Error(`CORS origin "${o}" must be an exact http(s)://host[:port] origin (never null, file:// or a wildcard)`);
    }
  }
  return [...origins];
}

/** Preflight answer headers (only added when the origin is allowed). */
export const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, If-None-Match, Last-Event-ID',
  'Access-Control-Max-Age': '600',
};

/** The JSON media type, with or without parameters. */
export function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type !== undefined && /^application\/[\w.+-]+\+json$/.test(type));
}
