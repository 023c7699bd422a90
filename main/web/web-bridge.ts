// Browser mode's server: the built popover and the MonitorApi routes, on loopback, for the browser that opened the
// one-time launch address only (session cookie), and for API calls only from the popover's own page.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { MonitorEngine } from '../engine/ports.ts';
import { handleApi, sendJson, type ApiContext } from './api-routes.ts';
import { openWithSystem, type ExternalOpener } from './open-external.ts';
import { wantsInitialData, withInitialData } from './popover-page.ts';
import { createSessionGate, fromOwnOrigin, LAUNCH_PREFIX } from './session-gate.ts';
import { serveStatic } from './static-files.ts';
import type { InitialData } from '../../contracts/popover-page.ts';
import { errorText } from '../../contracts/results.ts';

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
  /** A one-time launch address: its first load signs that browser in and moves to the clean address. */
  url: string;
  /** Another one-time launch address (tests, a second window). */
  launchUrl(): string;
  port: number;
  close(): Promise<void>;
}

/** Starts the bridge; resolves once it listens. */
export async function startWebBridge(opts: WebBridgeOptions): Promise<WebBridge> {
  const host = opts.host ?? '127.0.0.1';
  const staticDir = resolve(opts.staticDir);
  let port = 0;
  const gate = createSessionGate(() => port);
  const ctx: ApiContext = {
    engine: opts.engine,
    openExternal: opts.openExternal ?? openWithSystem,
    onQuit: () => opts.onQuit?.(),
    streams: new Set(),
  };

  // What the popover would ask for first, read when its page is served.
  const firstData = (): InitialData => ({ snapshot: opts.engine.snapshot(), settings: opts.engine.settings() });

  // Only our own host names: a DNS-rebinding page arrives with its own Host header.
  const hostAllowed = (value: string | undefined): boolean => value === `127.0.0.1:${port}` || value === `localhost:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return sendJson(res, 403, { error: 'Unexpected Host header.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith(LAUNCH_PREFIX)) return launch(url.pathname.slice(LAUNCH_PREFIX.length), req, res);
    if (!gate.hasSession(req))
      return refuse(res, 'This browser has not been let in. Open the address `npm run web` printed (each address opens once).');
    const rest = url.pathname.slice(1);
    if (rest.startsWith('api/')) {
      if (!fromOwnOrigin(req, `http://${req.headers.host ?? ''}`))
        return sendJson(res, 403, { error: 'Only the popover page may call the monitor.' });
      return handleApi(ctx, rest.slice(4), req, url, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET.' });
    const rewritePage = wantsInitialData(req) ? (html: string) => withInitialData(html, firstData()) : undefined;
    const served = await serveStatic(staticDir, rest, res, { headOnly: req.method === 'HEAD', rewritePage });
    if (!served) sendJson(res, 404, { error: 'Not found.' });
  }

  /** First load of a launch address: a session cookie, then the clean address (a used or unknown token opens nothing). */
  function launch(token: string, req: IncomingMessage, res: ServerResponse): void {
    const cookie = gate.redeem(token);
    if (!cookie && !gate.hasSession(req))
      return refuse(res, 'This address has already been used or has expired. Start `npm run web` again for a new one.');
    // A page (not a 303) moves on, so the next load starts on our own origin and the SameSite=Strict cookie goes along.
    const page =
      '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><link rel="icon" href="data:,"><title>Opening…</title><a href="/">Open the monitor</a>';
    res.writeHead(200, {
      ...(cookie ? { 'set-cookie': cookie } : {}),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    res.end(page);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, { error: errorText(error) }));
  });
  server.requestTimeout = 30_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  const launchUrl = (): string => `http://127.0.0.1:${port}${gate.newLaunchPath()}`;
  return {
    url: launchUrl(),
    launchUrl,
    port,
    async close() {
      for (const end of ctx.streams) end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function refuse(res: ServerResponse, message: string): void {
  sendJson(res, 403, { error: message });
}
