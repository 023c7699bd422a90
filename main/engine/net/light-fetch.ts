// The small part of fetch the engine uses, over node:http(s): the global fetch loads undici, ~12 MB of RSS on first use.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { nextRedirect } from './redirect-policy.ts';

export interface LightResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: {
    getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>; cancel(): Promise<void> };
    cancel(): Promise<void>;
  } | null;
}

export interface LightInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Redirects followed, same origin only (see redirect-policy.ts); default 5. */
  maxRedirects?: number;
}

/** One request like fetch(url, init): resolves at the headers, the body is read through getReader(). */
export function lightFetch(url: string, init: LightInit = {}): Promise<LightResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
    if (!send) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    if (init.signal?.aborted) return reject(init.signal.reason);
    const req = send(target, { method: init.method ?? 'GET', headers: init.headers, signal: init.signal }, (res) => {
      const location = res.headers.location;
      const left = init.maxRedirects ?? 5;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location && left > 0) {
        res.resume();
        const next = nextRedirect(target, location, res.statusCode, init.method ?? 'GET', init.body);
        if (typeof next === 'string') return reject(new TypeError('fetch failed', { cause: new Error(`redirect refused: ${next}`) }));
        resolve(lightFetch(next.url, { ...init, method: next.method, body: next.body, maxRedirects: left - 1 }));
        return;
      }
      // After the headers the signal still ends the body, as with fetch.
      init.signal?.addEventListener('abort', () => res.destroy(init.signal?.reason as Error), { once: true });
      resolve(wrap(res));
    });
    req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
    req.end(init.body);
  });
}

function wrap(res: IncomingMessage): LightResponse {
  const chunks = res[Symbol.asyncIterator]();
  const cancel = async (): Promise<void> => void res.destroy();
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    body: {
      getReader: () => ({
        async read() {
          const next = await chunks.next();
          return next.done ? { done: true as const } : { done: false as const, value: next.value as Buffer };
        },
        cancel,
      }),
      cancel,
    },
  };
}
