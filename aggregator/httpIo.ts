// Small node:http helpers: JSON answers, a bounded body reader, CORS for allowed origins only.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BODY_LIMIT = 4096;

/** Sends a JSON body (already serialised or an object) with a status code. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends an error body and closes the connection (the rest of the request is never read). */
export function refuse(res: ServerResponse, status: number, body: { error: string; field?: string }, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { ...headers, Connection: 'close' });
}

/** Reads at most `limit` bytes; resolves null when the body is larger (then stops reading). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onAborted = () => onError(new Error('request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * Origins allowed to call from a browser: the configured list, the desktop app's pages (`file://` sends `null`)
 * and loopback pages on any port (the app's browser mode). Everything else gets no CORS headers.
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin) return {};
  const ok =
    allowed.includes(origin) ||
    origin === 'null' ||
    origin === 'file://' ||
    /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/.test(origin);
  if (!ok) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
  };
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
