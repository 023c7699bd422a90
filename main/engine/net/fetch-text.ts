// One bounded HTTP request: lightFetch, a hard timeout covering headers and body, a size cap, errors as values.
import { lightFetch, type LightResponse } from './light-fetch.ts';
import { errorText } from '../../../contracts/results.ts';

export type FetchFailureKind = 'network' | 'timeout' | 'truncated' | 'too-large';

export interface FetchTextOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Bodies above this many bytes are cut off and reported as too-large. */
  maxBytes: number;
}

export type FetchTextResult =
  { ok: true; status: number; headers: LightResponse['headers']; text: string } | { ok: false; kind: FetchFailureKind; message: string };

/** Performs one request and reads the whole body as UTF-8 text; never rejects. */
export async function fetchText(url: string, opts: FetchTextOptions): Promise<FetchTextResult> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: LightResponse;
  try {
    res = await lightFetch(url, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body, signal });
  } catch (err) {
    return failure(err, signal, url, false);
  }
  try {
    const text = await readCapped(res, opts.maxBytes);
    if (text === null)
      return { ok: false, kind: 'too-large', message: `the answer from ${hostOf(url)} is larger than ${opts.maxBytes} bytes` };
    return { ok: true, status: res.status, headers: res.headers, text };
  } catch (err) {
    return failure(err, signal, url, true);
  }
}

async function readCapped(res: LightResponse, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function failure(err: unknown, signal: AbortSignal, url: string, duringBody: boolean): FetchTextResult {
  const host = hostOf(url);
  if (signal.aborted) return { ok: false, kind: 'timeout', message: `${host} did not answer in time` };
  if (duringBody) return { ok: false, kind: 'truncated', message: `the connection to ${host} dropped before the answer was complete` };
  return { ok: false, kind: 'network', message: `cannot reach ${host} (${causeOf(err)})` };
}

/** The network reason behind a fetch failure, e.g. ECONNREFUSED. */
function causeOf(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (cause instanceof Error) return cause.message;
  return errorText(err);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Retry-After header (seconds or an HTTP date) → ms from now, or null. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.min(date - now, 86_400_000));
}
