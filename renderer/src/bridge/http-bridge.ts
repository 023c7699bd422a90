// MonitorApi over the browser-mode bridge, built from the popover API spec's routes (contracts/popover-api.ts, the
// zod-free half): plain fetch for operations, one EventSource per subscription.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import {
  POPOVER_EVENTS,
  POPOVER_OPERATIONS,
  popoverMethods,
  popoverSubscriptions,
  type EventName,
  type OperationName,
} from '../../../contracts/popover-api.ts';
import type { WebBridgeError } from '../../../contracts/web-bridge.ts';

export class BridgeUnavailableError extends Error {
  override name = 'BridgeUnavailableError';
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Builds the HTTP bridge for a page served by browser mode (same-origin requests carry its session cookie). */
export function createHttpBridge(pageUrl: string, fetchImpl: FetchLike = (i, init) => fetch(i, init)): MonitorApi {
  const url = new URL(pageUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BridgeUnavailableError('This page only works when opened from the address printed by `npm run web`.');
  }
  const base = `${url.origin}/api/`;

  async function call(op: OperationName, args: readonly unknown[]): Promise<unknown> {
    const { params, http } = POPOVER_OPERATIONS[op];
    // No route: a browser tab has no such thing (hiding itself), so there is nothing to do.
    if (http === null) return undefined;
    const names: readonly string[] = params;
    let target = base + http.route;
    let init: RequestInit | undefined;
    if (http.method === 'GET') {
      // A null argument (the first incident page's `before`) is left out: the route reads a missing one as null.
      const given = names.flatMap((name, i) =>
        args[i] === null || args[i] === undefined ? [] : [[name, String(args[i])] as [string, string]],
      );
      if (given.length > 0) target += `?${new URLSearchParams(given).toString()}`;
    } else {
      const body = 'body' in http ? args[0] : Object.fromEntries(names.map((name, i) => [name, args[i]]));
      init = { method: http.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) };
    }
    let response: Response;
    try {
      response = await fetchImpl(target, init);
    } catch {
      throw new Error('Lost contact with the monitor. Is it still running?');
    }
    if (response.status === 204) return undefined;
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const err = answer as WebBridgeError | null;
      throw new Error(err?.error ?? `The monitor answered ${response.status}.`);
    }
    return answer;
  }

  function listen(event: EventName, listener: (payload: never) => void): () => void {
    const { http } = POPOVER_EVENTS[event];
    // No stream: nothing a browser tab hears about (the desktop shell's status never changes here).
    if (http === null) return () => {};
    const source = new EventSource(base + http.route);
    source.addEventListener(http.event, (message) => {
      try {
        listener(JSON.parse((message as MessageEvent<string>).data) as never);
      } catch {
        // A malformed event is dropped; the next one replaces it.
      }
    });
    return () => source.close();
  }

  return {
    mode: 'browser',
    ...popoverMethods((op, args) => call(op, args) as never),
    ...popoverSubscriptions(listen),
  } satisfies MonitorApi;
}
