// MonitorApi over the browser-mode bridge: plain fetch for requests, one EventSource per subscription.
import type { IncidentsResponse, TrendResponse } from '../../../contracts/aggregator-api.ts';
import type { ConnectionTest, Fetched, MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import type { ShellStatus } from '../../../contracts/shell-status.ts';
import type { ReportOutcome, ReportRequest, ServiceId, Snapshot } from '../../../contracts/status.ts';
import { SNAPSHOT_EVENT, WEB_ROUTES, type WebBridgeError } from '../../../contracts/web-bridge.ts';

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

  async function call<T>(route: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(base + route, init);
    } catch {
      throw new Error('Lost contact with the monitor. Is it still running?');
    }
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const err = body as WebBridgeError | null;
      throw new Error(err?.error ?? `The monitor answered ${response.status}.`);
    }
    return body as T;
  }

  const post = (body?: unknown, method = 'POST'): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

  async function fetched<T>(route: string): Promise<Fetched<T>> {
    try {
      return await call<Fetched<T>>(route);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    mode: 'browser',
    getSnapshot: () => call<Snapshot>(WEB_ROUTES.snapshot),
    subscribe(listener: (snapshot: Snapshot) => void): () => void {
      const source = new EventSource(base + WEB_ROUTES.events);
      source.addEventListener(SNAPSHOT_EVENT, (event) => {
        try {
          listener(JSON.parse((event as MessageEvent<string>).data) as Snapshot);
        } catch {
          // A malformed event is dropped; the next one replaces it.
        }
      });
      return () => source.close();
    },
    checkNow: () => call<Snapshot>(WEB_ROUTES.check, post()),
    report: (request: ReportRequest) => call<ReportOutcome>(WEB_ROUTES.report, post(request)),
    getTrend: (service: ServiceId, hours: number) =>
      fetched<TrendResponse>(`${WEB_ROUTES.trend}?service=${encodeURIComponent(service)}&hours=${hours}`),
    getIncidents: (service: ServiceId, limit: number) =>
      fetched<IncidentsResponse>(`${WEB_ROUTES.incidents}?service=${encodeURIComponent(service)}&limit=${limit}`),
    getSettings: () => call<Settings>(WEB_ROUTES.settings),
    setSettings: (patch: SettingsPatch) => call<Settings>(WEB_ROUTES.settings, post(patch, 'PUT')),
    testAggregator: (target: string) => call<ConnectionTest>(WEB_ROUTES.testAggregator, post({ url: target })),
    openExternal: (target: string) => call<void>(WEB_ROUTES.openExternal, post({ url: target })),
    quit: () => call<void>(WEB_ROUTES.quit, post()),
    getShellStatus: () => call<ShellStatus>(WEB_ROUTES.shellStatus),
    // No desktop shell in a browser: its status never changes, and a tab cannot hide itself.
    subscribeShellStatus: () => () => {},
    hide: async () => {},
  };
}
