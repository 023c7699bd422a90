// A TCP connect followed by a TLS handshake, timed separately; the socket is closed right after.
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect, type ConnectionOptions, type PeerCertificate, type SecureContext } from 'node:tls';
import { RequestTimeoutError, tlsInfoOf, type RequestStage, type TlsInfo } from './http-request.ts';
import type { LookupFunction } from './resolver.ts';

export interface HandshakeOptions {
  timeoutMs: number;
  lookup?: LookupFunction;
  ca?: string[];
  /** Prebuilt context with the trusted CAs; preferred over `ca`. */
  secureContext?: SecureContext;
  alpn?: string[];
  /** SNI; defaults to the host. */
  servername?: string;
  /** Host name check; return an Error to mark the certificate as not valid for the host. */
  checkServerIdentity?: (hostname: string, cert: PeerCertificate) => Error | undefined;
  signal?: AbortSignal;
}

export interface HandshakeResult {
  connectMs: number;
  tlsMs: number;
  alpnProtocol: string | false;
  tls: TlsInfo;
}

/** Connects to host:port and completes a TLS handshake; rejects with RequestTimeoutError or the socket's error. */
export function tlsHandshake(host: string, port: number, options: HandshakeOptions): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let stage: RequestStage = isIP(host) ? 'connecting' : 'resolving';
    let connectMs: number | undefined;
    let settled = false;
    const connectOptions: ConnectionOptions = {
      host,
      port,
      servername: options.servername ?? host,
      ALPNProtocols: options.alpn,
      ca: options.secureContext ? undefined : options.ca,
      secureContext: options.secureContext,
      // Validity is judged by the caller from `authorized`, so interception and bad chains can be told apart.
      rejectUnauthorized: false,
      lookup: options.lookup,
    };
    if (options.checkServerIdentity) connectOptions.checkServerIdentity = options.checkServerIdentity;
    const socket = connect(connectOptions);
    const finish = (error: Error | null, result?: HandshakeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else if (result) resolve(result);
    };
    const onAbort = (): void => finish(new RequestTimeoutError(stage, options.timeoutMs));
    const timer = setTimeout(onAbort, options.timeoutMs);
    socket.on('lookup', () => (stage = 'connecting'));
    socket.once('connect', () => {
      connectMs = performance.now() - start;
      stage = 'tls';
    });
    socket.once('secureConnect', () => {
      const tlsMs = performance.now() - start;
      finish(null, { connectMs: connectMs ?? tlsMs, tlsMs, alpnProtocol: socket.alpnProtocol ?? false, tls: tlsInfoOf(socket) });
    });
    socket.on('error', (error) => finish(error));
    socket.once('close', () => finish(Object.assign(new Error(`${host}:${port} closed the connection`), { code: 'ECONNRESET' })));
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
