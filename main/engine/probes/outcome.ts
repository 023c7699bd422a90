// Turning what happened on the wire into a ProbeResult: error codes to outcomes, slow marking, never throwing.
import type { ProbeId, ProbeOutcome, ProbeResult } from '../../../contracts/status.ts';
import { RequestTimeoutError, TlsVerifyError, stageWords } from '../net/http-request.ts';
import { DnsLookupError, describeDnsCode } from '../net/resolver.ts';
import type { ProbeContext } from './context.ts';
import { errorText } from '../../../contracts/results.ts';

export interface Classified {
  outcome: ProbeOutcome;
  detail: string;
  tlsIssuer?: string;
}

const WORKING: ReadonlySet<ProbeOutcome> = new Set(['ok', 'slow']);

/** Maps a connection or request failure to an outcome and a short sentence about `target`. */
export function classifyError(error: unknown, target: string): Classified {
  if (error instanceof DnsLookupError) {
    return { outcome: 'dns-error', detail: `${error.hostname} did not resolve: ${describeDnsCode(error.code)}` };
  }
  if (error instanceof RequestTimeoutError) {
    // A name that never resolved within the deadline is a DNS problem, not the endpoint's.
    if (error.stage === 'resolving') return { outcome: 'dns-error', detail: `resolving ${target} took longer than ${error.timeoutMs} ms` };
    return { outcome: 'timeout', detail: `no answer from ${target} within ${error.timeoutMs} ms (${stageWords(error.stage)})` };
  }
  if (error instanceof TlsVerifyError) {
    const who = error.tls.issuerLabel ? ` issued by ${error.tls.issuerLabel}` : '';
    return {
      outcome: 'tls-error',
      detail: `certificate of ${target}${who} does not validate (${error.tls.authorizationError ?? 'unknown reason'})`,
      tlsIssuer: error.tls.issuerLabel,
    };
  }
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  const message = errorText(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { outcome: 'refused', detail: `connection refused by ${target}` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return { outcome: 'reset', detail: `connection to ${target} was reset` };
    case 'ETIMEDOUT':
      return { outcome: 'timeout', detail: `connection to ${target} timed out` };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return {
        outcome: 'unreachable',
        detail: `${target} is unreachable (${code === 'EHOSTUNREACH' ? 'no route to host' : 'network unreachable'})`,
      };
    default:
      // A TLS alert or a server hanging up mid-handshake reads as a reset; other failures keep their words.
      if (/socket hang up|disconnected before secure/i.test(message))
        return { outcome: 'reset', detail: `${target} closed the connection` };
      if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))
        return { outcome: 'tls-error', detail: `TLS with ${target} failed (${code})` };
      return { outcome: 'error', detail: `${target}: ${message || code || 'unknown error'}` };
  }
}

export interface ResultFields extends Classified {
  connectMs?: number;
  httpStatus?: number;
}

/** A finished probe's result; a working probe over `slowMs` becomes `slow`. */
export function buildProbeResult(
  ctx: ProbeContext,
  id: ProbeId,
  target: string,
  at: number,
  startedMs: number,
  fields: ResultFields,
): ProbeResult {
  const latencyMs = Math.round((ctx.elapsed() - startedMs) * 10) / 10;
  let { outcome, detail } = fields;
  if (outcome === 'ok' && latencyMs > ctx.timings.slowMs) {
    outcome = 'slow';
    detail = `${detail} (slow: ${Math.round(latencyMs)} ms, over ${ctx.timings.slowMs} ms)`;
  }
  const result: ProbeResult = { id, outcome, ok: WORKING.has(outcome), latencyMs, detail, target, at };
  if (fields.connectMs !== undefined) result.connectMs = Math.round(fields.connectMs * 10) / 10;
  if (fields.httpStatus !== undefined) result.httpStatus = fields.httpStatus;
  if (fields.tlsIssuer !== undefined) result.tlsIssuer = fields.tlsIssuer;
  return result;
}

/** Runs a probe body; anything it throws becomes an `error` result instead of escaping. */
export async function guarded(
  ctx: ProbeContext,
  id: ProbeId,
  target: string,
  body: (at: number, startedMs: number) => Promise<ProbeResult>,
): Promise<ProbeResult> {
  const at = ctx.now();
  const startedMs = ctx.elapsed();
  try {
    return await body(at, startedMs);
  } catch (error) {
    const message = errorText(error);
    return buildProbeResult(ctx, id, target, at, startedMs, { outcome: 'error', detail: `probe failed: ${message}` });
  }
}

/** "host:port" of a URL, for `target`. */
export function urlTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`;
  } catch {
    return url;
  }
}
