// One HTTP(S) GET with a deadline, a capped body, timings and the peer certificate's issuer.
// Each call uses a fresh connection (no agent), so it measures reachability rather than a pooled socket.
import { request as httpRequestRaw, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequestRaw, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { PeerCertificate, SecureContext, TLSSocket } from 'node:tls';
import type { LookupFunction } from './resolver.ts';
import { issuerLabel, issuerOrganisation } from './trust.ts';

export interface HttpRequestOptions {
  timeoutMs: number;
  lookup?: LookupFunction;
  /** Trusted CAs for https (see trustedCa). */
  ca?: string[];
  /** Prebuilt context with the trusted CAs (see trustedContext); preferred over `ca`. */
  secureContext?: SecureContext;
  headers?: Record<string, string>;
  /** Bytes of body kept; the rest is not read. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Aborts the request early (the round was cancelled). */
  signal?: AbortSignal;
}

export interface TlsInfo {
  authorized: boolean;
  /** OpenSSL's reason when not authorized (e.g. UNABLE_TO_GET_ISSUER_CERT_LOCALLY, ERR_TLS_CERT_ALTNAME_INVALID). */
  authorizationError?: string;
  issuerOrganisation?: string;
  issuerLabel?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  bodyTruncated: boolean;
  timing: { connectMs?: number; tlsMs?: number; totalMs: number };
  tls?: TlsInfo;
}

export type RequestStage = 'resolving' | 'connecting' | 'tls' | 'waiting';

/** The deadline passed; `stage` says where the request was. */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly stage: RequestStage,
    readonly timeoutMs: number,
  ) {
    super(`no answer within ${timeoutMs} ms (${stageWords(stage)})`);
    this.name = 'RequestTimeoutError';
  }
}

/** The certificate did not validate; the request was not sent. */
export class TlsVerifyError extends Error {
  readonly code = 'ETLSVERIFY';
  constructor(readonly tls: TlsInfo) {
    super(`certificate did not validate (${tls.authorizationError ?? 'unknown reason'})`);
    this.name = 'TlsVerifyError';
  }
}

/** Words for a request stage. */
export function stageWords(stage: RequestStage): string {
  return { resolving: 'resolving the name', connecting: 'connecting', tls: 'TLS handshake', waiting: 'waiting for the answer' }[stage];
}

/** Describes a TLS socket's certificate check. */
export function tlsInfoOf(socket: TLSSocket): TlsInfo {
  let cert: PeerCertificate | null;
  try {
    cert = socket.getPeerCertificate();
  } catch {
    cert = null;
  }
  const err = socket.authorizationError as unknown;
  return {
    authorized: socket.authorized,
    authorizationError:
      err === null || err === undefined ? undefined : typeof err === 'string' ? err : String((err as { code?: string }).code ?? err),
    issuerOrganisation: issuerOrganisation(cert),
    issuerLabel: issuerLabel(cert),
  };
}

/** GETs `url`; resolves with any HTTP answer, rejects with RequestTimeoutError, TlsVerifyError or a socket error. */
export function httpRequest(url: string, options: HttpRequestOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    if (!isHttps && target.protocol !== 'http:') return reject(new Error(`unsupported URL scheme ${target.protocol}`));
    const maxBody = options.maxBodyBytes ?? 65_536;
    // An address needs no resolving: a hang there is a connect problem, not DNS.
    let stage: RequestStage = isIP(target.hostname.replace(/^\[|\]$/g, '')) ? 'connecting' : 'resolving';
    let connectMs: number | undefined;
    let tlsMs: number | undefined;
    let tls: TlsInfo | undefined;
    let settled = false;
    const finish = (error: Error | null, response?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else if (response) resolve(response);
    };
    const onAbort = (): void => finish(new RequestTimeoutError(stage, options.timeoutMs));
    const timer = setTimeout(() => finish(new RequestTimeoutError(stage, options.timeoutMs)), options.timeoutMs);

    const common = {
      method: 'GET',
      headers: { 'user-agent': 'imessage-status-monitor', connection: 'close', ...options.headers },
      agent: false as const,
      lookup: options.lookup,
    };
    // https passes `secureContext` through to tls.connect; Node's typings just do not list it.
    const tlsOptions: HttpsRequestOptions & { secureContext?: SecureContext } = {
      ...common,
      ca: options.secureContext ? undefined : options.ca,
      secureContext: options.secureContext,
      rejectUnauthorized: false,
    };
    const req = isHttps ? httpsRequestRaw(target, tlsOptions) : httpRequestRaw(target, common);

    req.on('socket', (socket: Socket) => {
      socket.on('lookup', () => (stage = 'connecting'));
      socket.once('connect', () => {
        connectMs = performance.now() - start;
        stage = isHttps ? 'tls' : 'waiting';
      });
      socket.once('secureConnect', () => {
        tlsMs = performance.now() - start;
        stage = 'waiting';
        tls = tlsInfoOf(socket as TLSSocket);
        // Nothing is sent over a connection whose certificate does not validate.
        if (!tls.authorized) finish(new TlsVerifyError(tls));
      });
    });
    req.on('error', (error) => finish(error));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (): void =>
        finish(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          bodyTruncated: truncated,
          timing: { connectMs, tlsMs, totalMs: performance.now() - start },
          tls,
        });
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxBody) {
          chunks.push(chunk.subarray(0, maxBody - size));
          size = maxBody;
          truncated = true;
          done();
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      res.on('error', (error) => finish(error));
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}
