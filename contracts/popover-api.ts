// The popover API, written once: every operation window.monitor offers, who answers it, how it travels (IPC channel,
// HTTP route) and what it answers. Each operation's argument schema, with its limits, is in popover-api-args.ts.
// Its one runtime import is the leaf results.ts, so the renderer and the preload bundle it without zod.
// Adding an operation: an entry here, its schema there, the engine method (or shell action) that answers it, and the
// popover code that calls it. Channels, handlers, the preload, routes and the browser client all follow.
import type { z } from 'zod';
import type { IncidentSummaryResponse, IncidentsResponse, TrendResponse } from './aggregator-api.ts';
import type { ConnectionTest, Fetched } from './results.ts';
import type { POPOVER_ARGS } from './popover-api-args.ts';
import type { Settings, SettingsPatch } from './settings.ts';
import type { ShellStatus } from './shell-status.ts';
import type { ReportOutcome, ReportRequest, ServiceId, Snapshot } from './status.ts';
import { errorText } from './results.ts';

/** Type markers (nothing at runtime): `now` for an answer given at once, `later` for a promise of one, `args` for what the popover passes. */
const now = <T>() => undefined as unknown as T;
const later = <T>() => undefined as unknown as Promise<T>;
const args = <T extends unknown[]>() => undefined as unknown as T;

interface HttpShape {
  method: 'GET' | 'POST' | 'PUT';
  /** Path under /api/. */
  route: string;
  /** GET sends the arguments as query parameters and POST/PUT as a JSON object, both by name; 'whole' sends the one argument as the body. */
  body?: 'whole';
}

interface OperationShape {
  /** Argument names, in call order (HTTP uses them as query or body keys). */
  params: readonly string[];
  /** The argument types the popover passes; the schema in popover-api-args.ts must accept them (checked there). */
  args: unknown[];
  result: unknown;
  /** The MonitorEngine method that answers; absent: each shell (desktop, browser) answers it itself. */
  engine?: string;
  /** null: no browser route, the browser client resolves with nothing (a tab has no such thing). */
  http: HttpShape | null;
  /** Failures come back as a Fetched `{ ok: false, error }` value, never as a rejection. */
  fetched?: true;
}

export const POPOVER_OPERATIONS = {
  getSnapshot: { params: [], args: args<[]>(), result: now<Snapshot>(), engine: 'snapshot', http: { method: 'GET', route: 'snapshot' } },
  /** Runs a probe round (and refreshes the feeds) now; resolves with the new snapshot. */
  checkNow: { params: [], args: args<[]>(), result: later<Snapshot>(), engine: 'checkNow', http: { method: 'POST', route: 'check' } },
  report: {
    params: ['request'],
    args: args<[request: ReportRequest]>(),
    result: later<ReportOutcome>(),
    engine: 'report',
    http: { method: 'POST', route: 'report', body: 'whole' },
  },
  getTrend: {
    params: ['service', 'hours'],
    args: args<[service: ServiceId, hours: number]>(),
    result: later<Fetched<TrendResponse>>(),
    engine: 'trend',
    http: { method: 'GET', route: 'trend' },
    fetched: true,
  },
  /** Newest first; `before` (an ISO time: the last start of the previous page) gives the next page, null the first. */
  getIncidents: {
    params: ['service', 'limit', 'before'],
    args: args<[service: ServiceId, limit: number, before: string | null]>(),
    result: later<Fetched<IncidentsResponse>>(),
    engine: 'incidents',
    http: { method: 'GET', route: 'incidents' },
    fetched: true,
  },
  /** The last INCIDENTS_DAYS_MAX days in numbers: incidents, outages, those Apple showed and the median lead. */
  getIncidentSummary: {
    params: ['service'],
    args: args<[service: ServiceId]>(),
    result: later<Fetched<IncidentSummaryResponse>>(),
    engine: 'incidentSummary',
    http: { method: 'GET', route: 'incident-summary' },
    fetched: true,
  },
  getSettings: { params: [], args: args<[]>(), result: now<Settings>(), engine: 'settings', http: { method: 'GET', route: 'settings' } },
  /** Validates and stores; resolves to the settings now in force, rejects with a message on invalid input. */
  setSettings: {
    params: ['patch'],
    args: args<[patch: SettingsPatch]>(),
    result: now<Settings>(),
    engine: 'updateSettings',
    http: { method: 'PUT', route: 'settings', body: 'whole' },
  },
  testAggregator: {
    params: ['url'],
    args: args<[url: string]>(),
    result: later<ConnectionTest>(),
    engine: 'testAggregator',
    http: { method: 'POST', route: 'test-aggregator' },
  },
  /** Opens a link in the user's browser: the desktop app allows only Apple's status pages and the aggregator's site. */
  openExternal: { params: ['url'], args: args<[url: string]>(), result: later<void>(), http: { method: 'POST', route: 'open-external' } },
  quit: { params: [], args: args<[]>(), result: now<void>(), http: { method: 'POST', route: 'quit' } },
  /** What the desktop shell reports (notification delivery, updates, login item); SHELL_STATUS_NOT_AVAILABLE in a browser. */
  getShellStatus: { params: [], args: args<[]>(), result: now<ShellStatus>(), http: { method: 'GET', route: 'shell-status' } },
  /** Sends the reports waiting in the offline queue now; resolves with the snapshot that counts what still waits. */
  sendQueuedReports: {
    params: [],
    args: args<[]>(),
    result: later<Snapshot>(),
    engine: 'sendQueuedReports',
    http: { method: 'POST', route: 'send-queued-reports' },
  },
  /** Hides the popover (Escape, the Hide button); a browser tab cannot hide itself, so it does nothing there. */
  hide: { params: [], args: args<[]>(), result: now<void>(), http: null },
} as const satisfies Record<string, OperationShape>;

/** Pushes from main to the popover; each is a `subscribe…(listener)` method that returns its unsubscribe function. */
export const POPOVER_EVENTS = {
  /** Calls back with every new snapshot. */
  subscribe: { channel: 'snapshot', payload: now<Snapshot>(), http: { route: 'events', event: 'snapshot' } },
  /** Calls back whenever the shell status changes (never in a browser). */
  subscribeShellStatus: { channel: 'shell-status', payload: now<ShellStatus>(), http: null },
} as const satisfies Record<string, { channel: string; payload: unknown; http: { route: string; event: string } | null }>;

type Operations = typeof POPOVER_OPERATIONS;
type Events = typeof POPOVER_EVENTS;
export type OperationName = keyof Operations;
export type EventName = keyof Events;

export const OPERATION_NAMES = Object.keys(POPOVER_OPERATIONS) as OperationName[];
export const EVENT_NAMES = Object.keys(POPOVER_EVENTS) as EventName[];

/** What the popover passes (before validation). */
export type OperationArgs<K extends OperationName> = Operations[K]['args'];
/** What the handler receives (after validation). */
export type ParsedArgs<K extends OperationName> = z.output<(typeof POPOVER_ARGS)[K]>;
/** What the implementation returns: a value, or a promise of one. */
export type OperationAnswer<K extends OperationName> = Operations[K]['result'];
export type OperationResult<K extends OperationName> = Awaited<OperationAnswer<K>>;
export type EventPayload<E extends EventName> = Events[E]['payload'];

// Compile-time guards: popover-api-args.ts has a schema for each operation, for as many arguments as its `params`,
// accepting every argument list the popover may pass.
type SchemaFits<K extends OperationName> =
  (typeof POPOVER_ARGS)[K] extends z.ZodType<{ length: Operations[K]['params']['length'] }> ? true : false;
type Accepts<K extends OperationName> = OperationArgs<K> extends z.input<(typeof POPOVER_ARGS)[K]> ? true : false;
const everyOperationHasItsSchema: [OperationName] extends [keyof typeof POPOVER_ARGS] ? true : never = true;
const everySchemaFits: false extends { [K in OperationName]: SchemaFits<K> }[OperationName] ? never : true = true;
const everyCallAccepted: false extends { [K in OperationName]: Accepts<K> }[OperationName] ? never : true = true;
void [everyOperationHasItsSchema, everySchemaFits, everyCallAccepted];

/** The popover's side: every call is a promise, every event a subscription. */
export type PopoverMethods = { [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>> };
export type PopoverSubscriptions = { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };

/** Main's side: one function per operation. */
export type OperationHandler<K extends OperationName> = (...args: ParsedArgs<K>) => OperationAnswer<K>;
export type PopoverHandlers = { [K in OperationName]: OperationHandler<K> };

/** Operations the engine answers, and the engine methods they call (MonitorEngine takes its signatures from here). */
export type EngineOperationName = { [K in OperationName]: Operations[K] extends { engine: string } ? K : never }[OperationName];
export type EngineMethodName<K extends EngineOperationName> = Operations[K]['engine'];
export type EngineOperations = { [K in EngineOperationName as EngineMethodName<K>]: OperationHandler<K> };
/** Operations each shell answers itself. */
export type ShellOperationName = Exclude<OperationName, EngineOperationName>;
/** Operations with a browser-mode route. */
export type HttpOperationName = { [K in OperationName]: Operations[K]['http'] extends null ? never : K }[OperationName];

/** "getShellStatus" → "get-shell-status". */
type Kebab<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${Kebab<Rest>}`
  : '';
export type IpcChannel<K extends OperationName> = `monitor:${Kebab<K>}`;
export type IpcEventChannelOf<E extends EventName> = `monitor:${Events[E]['channel']}`;

/** The IPC request channel of an operation: `monitor:<op in kebab-case>`. */
export function ipcChannel<K extends OperationName>(op: K): IpcChannel<K> {
  return `monitor:${op.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` as IpcChannel<K>;
}

/** The IPC channel main pushes an event on. */
export function ipcEventChannel<E extends EventName>(event: E): IpcEventChannelOf<E> {
  return `monitor:${POPOVER_EVENTS[event].channel}` as IpcEventChannelOf<E>;
}

/** Builds one popover method per operation from one generic function (the preload and the browser client). */
export function popoverMethods(
  call: <K extends OperationName>(op: K, args: OperationArgs<K>) => Promise<OperationResult<K>>,
): PopoverMethods {
  const methods = OPERATION_NAMES.map((op) => {
    const fetched = 'fetched' in POPOVER_OPERATIONS[op];
    const method = (...args: OperationArgs<typeof op>) => {
      const answer = call(op, args);
      return fetched ? answer.catch((error: unknown) => ({ ok: false, error: errorText(error) })) : answer;
    };
    return [op, method] as const;
  });
  return Object.fromEntries(methods) as unknown as PopoverMethods;
}

/** Builds one subscription per event from one generic function. */
export function popoverSubscriptions(
  listen: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void,
): PopoverSubscriptions {
  const subscriptions = EVENT_NAMES.map((event) => [
    event,
    (listener: (payload: EventPayload<typeof event>) => void) => listen(event, listener),
  ]);
  return Object.fromEntries(subscriptions) as unknown as PopoverSubscriptions;
}
