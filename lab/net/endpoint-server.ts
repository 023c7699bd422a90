// One controllable endpoint on 127.0.0.1: a push courier (TLS + ALPN), an HTTPS or an HTTP server whose
// behaviour can be switched at any time. Real sockets all the way: refused means the port is closed.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { issueLeaf, testPki, type TestCa, type TestPki } from './ca.ts';

export type EndpointProtocol = 'tcp-tls' | 'https' | 'http';

/**
 * `up`; `refuse` (port closed: ECONNREFUSED); `timeout` (accept, never answer); `reset` (accept, then RST);
 * `http-503`; `slow-N` (answer after N ms); `tls-bad` (certificate from the untrusted CA);
 * `tls-intercepted` (certificate from a trusted CA that is not Apple's); `portal` (a login page instead of Success).
 */
export type EndpointBehaviour =
  'up' | 'refuse' | 'timeout' | 'reset' | 'http-503' | 'tls-bad' | 'tls-intercepted' | 'portal' | `slow-${number}`;

export interface EndpointOptions {
  protocol: EndpointProtocol;
  /** Names the certificate is issued for (TLS protocols). Defaults to localhost and 127.0.0.1. */
  hosts?: string[];
  /** Response body of a healthy HTTP(S) endpoint. */
  body?: string;
  contentType?: string;
  /** Page served for `portal`. */
  portalBody?: string;
  behaviour?: EndpointBehaviour;
  /** Port to listen on; 0 (default) picks a free one, kept for the endpoint's whole life. */
  port?: number;
  pki?: TestPki;
  /** ALPN protocols the courier answers; default apns-security-v3. */
  alpn?: string[];
}

export interface TestEndpoint {
  readonly protocol: EndpointProtocol;
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** `http(s)://host:port/path` for HTTP endpoints, with `host` defaulting to 127.0.0.1. */
  url(path?: string, host?: string): string;
  behaviour(): EndpointBehaviour;
  /** Switches behaviour; resolves once the listener matches it (closed for `refuse`, listening otherwise). */
  setBehaviour(behaviour: EndpointBehaviour): Promise<void>;
  setBody(body: string, contentType?: string): void;
  /** Releases the port and every socket, held ones included. */
  close(): Promise<void>;
}

export const DEFAULT_PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Guest Wi-Fi Login</title></head><body><form>Accept the terms</form></body></html>';

const slowDelay = (b: EndpointBehaviour): number | null => {
  const m = /^slow-(\d+)$/.exec(b);
  return m ? Number(m[1]) : null;
};

/** Starts an endpoint on 127.0.0.1. */
export async function startEndpoint(options: EndpointOptions): Promise<TestEndpoint> {
  const { protocol } = options;
  const pki = options.pki ?? testPki();
  const hosts = options.hosts ?? ['localhost', '127.0.0.1'];
  let behaviour: EndpointBehaviour = options.behaviour ?? 'up';
  let body = options.body ?? 'ok';
  let contentType = options.contentType ?? 'text/plain; charset=utf-8';
  const portalBody = options.portalBody ?? DEFAULT_PORTAL_PAGE;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const tlsServerFor = (ca: TestCa): TlsServer => {
    const leaf = issueLeaf(ca, hosts);
    return createTlsServer({
      cert: leaf.chainPem,
      key: leaf.keyPem,
      ALPNProtocols: protocol === 'tcp-tls' ? (options.alpn ?? ['apns-security-v3']) : ['http/1.1'],
    });
  };

  const handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const send = (): void => {
      if (behaviour === 'http-503') {
        res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('Service Unavailable');
      } else if (behaviour === 'portal') {
        res.writeHead(200, { 'content-type': 'text/html', connection: 'close' }).end(portalBody);
      } else {
        res.writeHead(200, { 'content-type': contentType, connection: 'close' }).end(body);
      }
    };
    const delay = slowDelay(behaviour);
    if (delay) later(delay, () => (res.destroyed ? undefined : send()));
    else send();
  };
  const http = createHttpServer(handleRequest);
  const tlsServers = new Map<TestCa, TlsServer>();
  const tlsServer = (ca: TestCa): TlsServer => {
    let server = tlsServers.get(ca);
    if (!server) {
      server = tlsServerFor(ca);
      server.on('secureConnection', (tls: TLSSocket) => {
        tls.on('error', () => tls.destroy());
        // The courier speaks its own protocol after the handshake; we only need the handshake to succeed.
        if (protocol === 'https') http.emit('connection', tls);
      });
      server.on('tlsClientError', (_err, tls) => tls.destroy());
      tlsServers.set(ca, server);
    }
    return server;
  };

  const serve = (socket: Socket): void => {
    if (protocol === 'http') return void http.emit('connection', socket);
    const ca = behaviour === 'tls-bad' ? pki.untrusted : behaviour === 'tls-intercepted' ? pki.interceptor : pki.trusted;
    tlsServer(ca).emit('connection', socket);
  };

  const onConnection = (socket: Socket): void => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (behaviour === 'timeout') return; // held open, never answered
    if (behaviour === 'reset') return void socket.resetAndDestroy();
    const delay = slowDelay(behaviour);
    // The courier has no request to delay, so a slow courier is slow to shake hands.
    if (delay && protocol === 'tcp-tls') return later(delay, () => (socket.destroyed ? undefined : serve(socket)));
    serve(socket);
  };

  let listener: Server | null = null;
  let port = options.port ?? 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const server = createNetServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        listener = server;
        resolve();
      });
    });
  const unlisten = (): Promise<void> =>
    new Promise((resolve) => {
      const server = listener;
      listener = null;
      if (!server) return resolve();
      server.close(() => resolve());
    });
  const dropSockets = (): void => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  // Certificates are made now, not on the first connection, where signing would stall the handshake.
  if (protocol !== 'http') for (const ca of [pki.trusted, pki.untrusted, pki.interceptor]) tlsServer(ca);
  // Bind once even when starting refused, so the port is reserved and known.
  await listen();
  if (behaviour === 'refuse') await unlisten();

  return {
    protocol,
    get port() {
      return port;
    },
    get connections() {
      return connections;
    },
    url: (path = '/', host = '127.0.0.1') => `${protocol === 'http' ? 'http' : 'https'}://${host}:${port}${path}`,
    behaviour: () => behaviour,
    setBehaviour: async (next) => {
      if (closed) throw new Error('endpoint is closed');
      const previous = behaviour;
      behaviour = next;
      // Sockets held by an earlier `timeout` would never be answered; a closed port keeps no connections.
      if (previous === 'timeout' || next === 'refuse') dropSockets();
      if (next === 'refuse') await unlisten();
      else if (!listener) await listen();
    },
    setBody: (next, type) => {
      body = next;
      if (type) contentType = type;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      dropSockets();
      await unlisten();
      for (const server of tlsServers.values()) server.close();
      http.close();
    },
  };
}
