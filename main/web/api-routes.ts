// The MonitorApi routes of browser mode, one per operation of the popover API spec (contracts/popover-api.ts), each
// reading its arguments from the query or the body, validating them with the operation's schema, and answering.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  OPERATION_NAMES,
  POPOVER_EVENTS,
  POPOVER_OPERATIONS,
  type HttpOperationName,
  type OperationName,
  type PopoverHandlers,
  type ShellOperationName,
} from '../../contracts/popover-api.ts';
import { SHELL_STATUS_NOT_AVAILABLE } from '../../contracts/shell-status.ts';
import type { WebBridgeError } from '../../contracts/web-bridge.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { engineHandlers } from '../popover/popover-handlers.ts';
import { BadRequestError, parseArguments, readArguments } from './body.ts';
import { mayOpenExternally, type ExternalOpener } from './open-external.ts';
import { streamSnapshots } from './snapshot-stream.ts';
import { errorText } from '../../contracts/results.ts';

export interface ApiContext {
  engine: MonitorEngine;
  openExternal: ExternalOpener;
  onQuit: () => void;
  /** Ends every open event stream (on close). */
  streams: Set<() => void>;
}

type HttpHandlers = Pick<PopoverHandlers, HttpOperationName>;
type Route = (ctx: ApiContext, req: IncomingMessage, url: URL, res: ServerResponse) => Promise<unknown>;

const STREAMING = Symbol('streaming');

/** Browser mode's answers: the engine's operations, and its own for what a desktop shell would do. */
function browserHandlers(ctx: ApiContext): HttpHandlers {
  const shell: Pick<HttpHandlers, ShellOperationName & HttpOperationName> = {
    openExternal: async (url) => {
      if (!mayOpenExternally(url)) throw new BadRequestError(400, 'Only http and https links open in the browser.', 'url');
      await ctx.openExternal(url);
    },
    // Answer first, then stop: the popover should see its request succeed.
    quit: () => void setImmediate(ctx.onQuit),
    // Notification delivery, updates and login items belong to the desktop shell; a browser tab has none of them.
    getShellStatus: () => SHELL_STATUS_NOT_AVAILABLE,
  };
  const engine = engineHandlers(ctx.engine);
  return {
    ...engine,
    ...shell,
    setSettings: (patch) => {
      try {
        return engine.setSettings(patch);
      } catch (error) {
        throw settingsRefusal(error);
      }
    },
  };
}

const handlersOf = new WeakMap<ApiContext, HttpHandlers>();
function handlers(ctx: ApiContext): HttpHandlers {
  let found = handlersOf.get(ctx);
  if (!found) handlersOf.set(ctx, (found = browserHandlers(ctx)));
  return found;
}

const hasRoute = (op: OperationName): op is HttpOperationName => POPOVER_OPERATIONS[op].http !== null;

/** route → method → answer, one entry per operation with a browser route, plus the snapshot stream. */
const routes: Record<string, Partial<Record<string, Route>>> = {};
for (const op of OPERATION_NAMES.filter(hasRoute)) {
  const { method, route } = POPOVER_OPERATIONS[op].http;
  routes[route] = {
    ...routes[route],
    [method]: async (ctx, req, url) => {
      const args = parseArguments(op, await readArguments(op, req, url)) as unknown[];
      return (handlers(ctx)[op] as (...a: unknown[]) => unknown)(...args);
    },
  };
}
routes[POPOVER_EVENTS.subscribe.http.route] = {
  GET: async (ctx, _req, _url, res) => {
    const end = streamSnapshots(ctx.engine, res);
    ctx.streams.add(end);
    res.on('close', () => ctx.streams.delete(end));
    return STREAMING;
  },
};

/** Answers one API request; `route` is the path after /api/. */
export async function handleApi(ctx: ApiContext, route: string, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  const methods = Object.hasOwn(routes, route) ? routes[route] : undefined;
  if (!methods) return sendJson(res, 404, { error: 'No such route.' });
  const handler = Object.hasOwn(methods, req.method ?? '') ? methods[req.method ?? ''] : undefined;
  if (!handler) {
    res.setHeader('allow', Object.keys(methods).join(', '));
    return sendJson(res, 405, { error: `Use ${Object.keys(methods).join(' or ')}.` });
  }
  try {
    const result = await handler(ctx, req, url, res);
    if (result === STREAMING) return;
    // An operation that answers nothing (open a link, quit) answers 204.
    if (result === undefined) {
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
      return;
    }
    sendJson(res, 200, result);
  } catch (error) {
    if (error instanceof BadRequestError) return sendJson(res, error.status, withField(error.message, error.field));
    sendJson(res, 500, { error: errorText(error) });
  }
}

function settingsRefusal(error: unknown): Error {
  const message = errorText(error);
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
