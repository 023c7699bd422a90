// Live status from GET /v1/stream over fetch's streaming body (Node has no EventSource): resume, reconnect, report.
import { lightFetch } from '../net/light-fetch.ts';
import type { StatusResponse } from '../../../contracts/aggregator-api.ts';
import { readStatusResponse } from './aggregator-shapes.ts';
import { createSseParser } from './sse-parser.ts';
import { errorText } from '../../../contracts/results.ts';

export interface StatusStreamOptions {
  /** Full URL of the stream, read again on every (re)connect. */
  url: () => string;
  onStatus(status: StatusResponse, eventId: string | null): void;
  /** The stream is connected and answering. */
  onOpen?(): void;
  /** The stream failed or dropped: poll until onOpen is called again. */
  onDown?(reason: string): void;
  /** Time allowed for the response headers. Default 8 s. */
  connectTimeoutMs?: number;
  /** No byte (event or heartbeat) for this long → reconnect. Default 60 s. */
  idleTimeoutMs?: number;
  /** First reconnect delay, doubled per failure up to maxDelayMs. Defaults 1 s and 60 s. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface StatusStream {
  close(): void;
  connected(): boolean;
  lastEventId(): string | null;
}

/** Opens the stream and keeps it open until close(); never throws, never rejects. */
export function openStatusStream(opts: StatusStreamOptions): StatusStream {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 8_000;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 60_000;
  const minDelayMs = opts.minDelayMs ?? 1_000;
  const maxDelayMs = opts.maxDelayMs ?? 60_000;
  let closed = false;
  let open = false;
  let failures = 0;
  let lastId: string | null = null;
  let retryHint: number | null = null;
  let controller: AbortController | null = null;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const arm = (ms: number): void => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = setTimeout(() => controller?.abort(), ms);
  };

  async function connectOnce(): Promise<string> {
    controller = new AbortController();
    arm(connectTimeoutMs);
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (lastId !== null) headers['last-event-id'] = lastId;
    const res = await lightFetch(opts.url(), { headers, signal: controller.signal });
    if (res.status !== 200 || !res.body) return `the live stream answered HTTP ${res.status}`;
    if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream')) {
      await res.body.cancel().catch(() => undefined);
      return 'the live stream is not an event stream';
    }
    open = true;
    opts.onOpen?.();
    arm(idleTimeoutMs);
    const parser = createSseParser(1_000_000, lastId);
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'the live stream was closed by the server';
      arm(idleTimeoutMs);
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        lastId = event.id;
        if (event.event !== 'status') continue;
        let status: StatusResponse;
        try {
          status = readStatusResponse(JSON.parse(event.data));
        } catch {
          continue; // one bad event is skipped, the stream stays
        }
        failures = 0;
        opts.onStatus(status, event.id);
      }
      retryHint = parser.retryMs();
    }
  }

  function run(): void {
    reconnectTimer = null;
    if (closed) return;
    connectOnce()
      .catch((err: unknown) => (closed ? 'closed' : describe(err, open)))
      .then((reason) => {
        if (watchdog) clearTimeout(watchdog);
        controller?.abort();
        open = false;
        if (closed) return;
        failures += 1;
        opts.onDown?.(reason);
        const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(failures - 1, 16));
        reconnectTimer = setTimeout(run, Math.min(maxDelayMs, Math.max(backoff, retryHint ?? 0)));
      })
      .catch(() => undefined);
  }

  run();
  return {
    close() {
      closed = true;
      if (watchdog) clearTimeout(watchdog);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      controller?.abort();
      open = false;
    },
    connected: () => open,
    lastEventId: () => lastId,
  };
}

function describe(err: unknown, wasOpen: boolean): string {
  if (err instanceof Error && err.name === 'AbortError')
    return wasOpen ? 'the live stream went silent' : 'the live stream did not answer in time';
  if (wasOpen) return 'the live stream dropped';
  const cause = err instanceof Error ? (err as Error & { cause?: { code?: unknown } }).cause : undefined;
  if (cause && typeof cause.code === 'string') return `the live stream is unreachable (${cause.code})`;
  return `the live stream failed (${errorText(err)})`;
}
