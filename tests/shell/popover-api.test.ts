// One spec, two transports: IPC and browser-mode HTTP take every operation's limits from contracts/popover-api-args.ts,
// so the same argument is refused (or accepted) by both. Each case goes through the real handler path of each side:
// registerIpcHandlers (sender check, schema, envelope) and handleApi (query/body, schema, status).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import { INCIDENTS_BEFORE_MAX_LENGTH, INCIDENTS_LIMIT_MAX, TREND_HOURS_MAX } from '../../contracts/aggregator-api.ts';
import { URL_TEXT_MAX } from '../../contracts/popover-api-args.ts';
import { ipcChannel, OPERATION_NAMES, POPOVER_OPERATIONS, type OperationName } from '../../contracts/popover-api.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { SHELL_STATUS_NOT_AVAILABLE } from '../../contracts/shell-status.ts';
import type { MonitorEngine } from '../../main/engine/ports.ts';
import { APP_PAGE_URL } from '../../main/shell/app-scheme.ts';

type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<IpcEnvelope<unknown>>;
const ipcHandlers = vi.hoisted(() => new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => void ipcHandlers.delete(channel),
  },
}));

const { monitorHandlers, registerIpcHandlers } = await import('../../main/electron/ipc-handlers.ts');
const { handleApi } = await import('../../main/web/api-routes.ts');

/** What reached the engine, per engine method. */
const calls: { method: string; args: unknown[] }[] = [];
const record =
  (method: string, answer: unknown) =>
  (...args: unknown[]) => {
    calls.push({ method, args });
    return answer;
  };
const engine = {
  snapshot: record('snapshot', { round: 1 }),
  checkNow: record('checkNow', Promise.resolve({ round: 2 })),
  report: record('report', Promise.resolve({ result: 'sent', message: 'Sent.' })),
  trend: record('trend', Promise.resolve({ ok: true, data: { buckets: [] } })),
  incidents: record('incidents', Promise.resolve({ ok: true, data: { incidents: [] } })),
  incidentSummary: record('incidentSummary', Promise.resolve({ ok: true, data: { days: 90 } })),
  settings: record('settings', DEFAULT_SETTINGS),
  updateSettings: record('updateSettings', DEFAULT_SETTINGS),
  testAggregator: record('testAggregator', Promise.resolve({ ok: true, message: 'Reached.' })),
} as unknown as MonitorEngine;

const frame = { url: APP_PAGE_URL };
const popover = { id: 1, mainFrame: frame };
let server: Server;
let origin = '';

beforeAll(async () => {
  registerIpcHandlers(
    monitorHandlers(engine, {
      openLink: async () => true,
      quit: () => {},
      settingsChanged: () => {},
      shellStatus: () => SHELL_STATUS_NOT_AVAILABLE,
      hide: () => {},
    }),
    { popoverId: () => 1, popoverFileUrl: APP_PAGE_URL, log: () => {} },
  );
  const ctx = { engine, openExternal: () => {}, onQuit: () => {}, streams: new Set<() => void>() };
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void handleApi(ctx, url.pathname.replace('/api/', ''), req, url, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Over IPC, as the popover's own frame: did main accept the arguments (the engine got them)? */
async function overIpc(op: OperationName, args: unknown[]): Promise<boolean> {
  const handler = ipcHandlers.get(ipcChannel(op)) as IpcHandler;
  const before = calls.length;
  const envelope = await handler({ sender: popover, senderFrame: frame }, ...args);
  return envelope.ok && calls.length > before;
}

/** Over HTTP, the way the browser client sends it (query or JSON body, by the spec's parameter names). */
async function overHttp(op: OperationName, args: unknown[]): Promise<boolean> {
  const { params, http } = POPOVER_OPERATIONS[op];
  if (http === null) throw new Error(`${op} has no route`);
  const names: readonly string[] = params;
  const before = calls.length;
  let response: Response;
  if (http.method === 'GET') {
    // A null argument stays out of the query, as the browser client leaves it out.
    const given = names.flatMap((n, i) => (args[i] === null || args[i] === undefined ? [] : [[n, String(args[i])] as [string, string]]));
    response = await fetch(`${origin}/api/${http.route}?${new URLSearchParams(given).toString()}`);
  } else {
    const body = 'body' in http ? args[0] : Object.fromEntries(names.map((n, i) => [n, args[i]]));
    response = await fetch(`${origin}/api/${http.route}`, {
      method: http.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  await response.arrayBuffer();
  return response.ok && calls.length > before;
}

// Each limited operation: the boundary, just past it, and just below the floor.
const cases: [OperationName, string, unknown[], boolean][] = [
  ['getTrend', 'hours at the limit', ['imessage', TREND_HOURS_MAX], true],
  ['getTrend', 'hours past the limit', ['imessage', TREND_HOURS_MAX + 1], false],
  ['getTrend', 'hours 0', ['facetime', 0], false],
  ['getTrend', 'fractional hours', ['facetime', 1.5], false],
  ['getIncidents', 'limit at the limit', ['facetime', INCIDENTS_LIMIT_MAX], true],
  ['getIncidents', 'limit past the limit', ['facetime', INCIDENTS_LIMIT_MAX + 1], false],
  ['getIncidents', 'limit 0', ['imessage', 0], false],
  ['getIncidents', 'an unknown service', ['whatsapp', 5], false],
  ['getIncidents', 'the first page (before null)', ['imessage', 5, null], true],
  ['getIncidents', 'a page before an ISO time', ['imessage', 5, '2026-11-19T14:09:00.000Z'], true],
  ['getIncidents', 'a page before an ISO time with an offset', ['imessage', 5, '2026-11-19T15:09:00.123456789+01:00'], true],
  ['getIncidents', 'before in words', ['imessage', 5, 'yesterday'], false],
  ['getIncidents', 'before a date without a time', ['imessage', 5, '2026-11-19'], false],
  ['getIncidents', 'before an impossible date', ['imessage', 5, '2026-13-45T00:00:00Z'], false],
  [
    'getIncidents',
    'before past the length limit',
    ['imessage', 5, `2026-11-19T14:09:00.${'0'.repeat(INCIDENTS_BEFORE_MAX_LENGTH)}Z`],
    false,
  ],
  ['getIncidents', 'before as a number', ['imessage', 5, 1_763_561_340_000], false],
  ['getIncidentSummary', 'a known service', ['facetime'], true],
  ['getIncidentSummary', 'an unknown service', ['whatsapp'], false],
  ['testAggregator', 'a URL at the length limit', [`http://a.example/${'x'.repeat(URL_TEXT_MAX - 17)}`], true],
  ['testAggregator', 'a URL past the length limit', [`http://a.example/${'x'.repeat(URL_TEXT_MAX - 16)}`], false],
  ['setSettings', 'the shortest interval', [{ probeIntervalMs: 1_000 }], true],
  ['setSettings', 'an interval below it', [{ probeIntervalMs: 999 }], false],
  ['report', 'a working report naming a problem', [{ service: 'imessage', kind: 'working', problem: 'other' }], false],
];

describe('IPC and HTTP agree on every limit (one spec)', () => {
  it.each(cases)('%s: %s', async (op, _what, args, accepted) => {
    expect(await overIpc(op, args)).toBe(accepted);
    expect(await overHttp(op, args)).toBe(accepted);
  });

  it('hands the engine a null before as null, and an ISO one as given, on both sides', async () => {
    calls.length = 0;
    await overIpc('getIncidents', ['imessage', 5, null]);
    await overHttp('getIncidents', ['imessage', 5, null]);
    await overHttp('getIncidents', ['facetime', 7, '2026-11-19T14:09:00.000+01:00']);
    await overHttp('getIncidentSummary', ['facetime']);
    expect(calls).toEqual([
      { method: 'incidents', args: ['imessage', 5, null] },
      { method: 'incidents', args: ['imessage', 5, null] },
      { method: 'incidents', args: ['facetime', 7, '2026-11-19T14:09:00.000+01:00'] },
      { method: 'incidentSummary', args: ['facetime'] },
    ]);
  });

  it("use the aggregator's own limits: trend hours ≤ 168, incidents limit ≤ 100", () => {
    expect([TREND_HOURS_MAX, INCIDENTS_LIMIT_MAX]).toEqual([168, 100]);
  });

  it('derive every channel and route from the spec: one handler per operation, one route per operation with one', async () => {
    expect([...ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
    expect(ipcChannel('getShellStatus')).toBe('monitor:get-shell-status');
    for (const op of OPERATION_NAMES) {
      const http = POPOVER_OPERATIONS[op].http;
      if (http === null) continue;
      expect((await fetch(`${origin}/api/${http.route}`, { method: 'DELETE' })).status, op).toBe(405);
    }
    expect((await fetch(`${origin}/api/constructor`)).status).toBe(404);
  });
});
