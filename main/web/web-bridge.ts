// Browser mode's server: the built popover and the MonitorApi routes, on loopback, behind a per-run secret.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { MonitorEngine } from '../engine/ports.ts';
import { handleApi, sendJson, type ApiContext } from './api-routes.ts';
import { openWithSystem, type ExternalOpener } from './open-external.ts';
import { serveStatic } from './static-files.ts';

export interface WebBridgeOptions {
  engine: MonitorEngine;
  /** Folder with the built popover (dist/renderer). */
  staticDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Opens links for the popover; defaults to the system browser. */
  openExternal?: ExternalOpener;
  /** Called when the popover asks to quit (after the answer is sent). */
  onQuit?: () => void;
}

export interface WebBridge {
  /** The popover's address, secret included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the bridge; resolves once it listens. */
export async function startWebBridge(opts: WebBridgeOptions): Promise<WebBridge> {
  const host = opts.host ?? '127.0.0.1';
  const secret = randomBytes(24).toString('base64url');
  const prefix = `/s/${secret}/`;
  const staticDir = resolve(opts.staticDir);
  let port = 0;
  const ctx: ApiContext = {
    engine: opts.engine,
    openExternal: opts.openExternal ?? openWithSystem,
    onQuit: () => opts.onQuit?.(),
    streams: new Set(),
  };

  // Only our own host names: a DNS-rebinding page arrives with its own Host header.
  const hostAllowed = (value: string | undefined): boolean => value === `127.0.0.1:${port}` || value === `localhost:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return sendJson(res, 403, { error: 'Unexpected Host header.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith(prefix)) return sendJson(res, 404, { error: 'Not found.' });
    const rest = url.pathname.slice(prefix.length);
    if (rest.startsWith('api/')) return handleApi(ctx, rest.slice(4), req, url, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET.' });
    const served = await serveStatic(staticDir, rest, res, req.method === 'HEAD');
    if (!served) sendJson(res, 404, { error: 'Not found.' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) }));
  });
  server.requestTimeout = 30_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    async close() {
      for (const end of ctx.streams) end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
