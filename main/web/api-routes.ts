// The MonitorApi routes of browser mode, each answered from the engine.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SHELL_STATUS_NOT_AVAILABLE } from '../../contracts/shell-status.ts';
import { WEB_ROUTES, type WebBridgeError } from '../../contracts/web-bridge.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { BadRequestError, historyQuerySchema, parseWith, readJson, reportRequestSchema, settingsPatchSchema, urlBodySchema } from './body.ts';
import { mayOpenExternally, type ExternalOpener } from './open-external.ts';
import { streamSnapshots } from './snapshot-stream.ts';

export interface ApiContext {
  engine: MonitorEngine;
  openExternal: ExternalOpener;
  onQuit: () => void;
  /** Ends every open event stream (on close). */
  streams: Set<() => void>;
}

type Handler = (ctx: ApiContext, req: IncomingMessage, url: URL, res: ServerResponse) => Promise<unknown>;

const NO_CONTENT = Symbol('no content');
const STREAMING = Symbol('streaming');

const routes: Record<string, Partial<Record<string, Handler>>> = {
  [WEB_ROUTES.snapshot]: { GET: async (ctx) => ctx.engine.snapshot() },
  [WEB_ROUTES.events]: {
    GET: async (ctx, _req, _url, res) => {
      const end = streamSnapshots(ctx.engine, res);
      ctx.streams.add(end);
      res.on('close', () => ctx.streams.delete(end));
      return STREAMING;
    },
  },
  [WEB_ROUTES.check]: { POST: async (ctx, req) => (await readJson(req), ctx.engine.checkNow()) },
  [WEB_ROUTES.report]: { POST: async (ctx, req) => ctx.engine.report(parseWith(reportRequestSchema, await readJson(req))) },
  [WEB_ROUTES.trend]: {
    GET: async (ctx, _req, url) => {
      const q = parseWith(historyQuerySchema, { service: url.searchParams.get('service'), count: url.searchParams.get('hours') });
      return ctx.engine.trend(q.service, q.count);
    },
  },
  [WEB_ROUTES.incidents]: {
    GET: async (ctx, _req, url) => {
      const q = parseWith(historyQuerySchema, { service: url.searchParams.get('service'), count: url.searchParams.get('limit') });
      return ctx.engine.incidents(q.service, q.count);
    },
  },
  [WEB_ROUTES.settings]: {
    GET: async (ctx) => ctx.engine.settings(),
    PUT: async (ctx, req) => {
      const patch = parseWith(settingsPatchSchema, await readJson(req));
      try {
        return ctx.engine.updateSettings(patch);
      } catch (error) {
        throw settingsRefusal(error);
      }
    },
  },
  [WEB_ROUTES.testAggregator]: { POST: async (ctx, req) => ctx.engine.testAggregator(parseWith(urlBodySchema, await readJson(req)).url) },
  [WEB_ROUTES.openExternal]: {
    POST: async (ctx, req) => {
      const { url } = parseWith(urlBodySchema, await readJson(req));
      if (!mayOpenExternally(url)) throw new BadRequestError(400, 'Only http and https links open in the browser.', 'url');
      await ctx.openExternal(url);
      return NO_CONTENT;
    },
  },
  // Notification delivery, updates and login items belong to the desktop shell; a browser tab has none of them.
  [WEB_ROUTES.shellStatus]: { GET: async () => SHELL_STATUS_NOT_AVAILABLE },
  [WEB_ROUTES.quit]: {
    POST: async (ctx, req) => {
      await readJson(req);
      // Answer first, then stop: the popover should see its request succeed.
      setImmediate(ctx.onQuit);
      return NO_CONTENT;
    },
  },
};

/** Answers one API request; `route` is the path after /s/<secret>/api/. */
export async function handleApi(ctx: ApiContext, route: string, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  const methods = routes[route];
  if (!methods) return sendJson(res, 404, { error: 'No such route.' });
  const handler = methods[req.method ?? ''];
  if (!handler) {
    res.setHeader('allow', Object.keys(methods).join(', '));
    return sendJson(res, 405, { error: `Use ${Object.keys(methods).join(' or ')}.` });
  }
  try {
    const result = await handler(ctx, req, url, res);
    if (result === STREAMING) return;
    if (result === NO_CONTENT) {
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
      return;
    }
    sendJson(res, 200, result);
  } catch (error) {
    if (error instanceof BadRequestError) return sendJson(res, error.status, withField(error.message, error.field));
    sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
  }
}

function settingsRefusal(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const field = (error as { field?: unknown } | null)?.field;
  const isValidation = (error instanceof Error && error.name === 'SettingsError') || typeof field === 'string';
  if (isValidation) return new BadRequestError(400, message, typeof field === 'string' ? field : undefined);
  return new Error(`Could not save settings: ${message}`);
}

function withField(error: string, field: string | undefined): WebBridgeError {
  return field ? { error, field } : { error };
}

/** Writes a JSON answer that no browser caches or sniffs. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
