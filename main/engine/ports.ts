// The seams of the engine, in one file: everything the desktop app, the CLI, the tests and the lab inject
// (EngineDeps, filled by main/launch/create-engine.ts), and what the engine gives back (MonitorEngine).
// Plain Node only: never import electron under main/engine.
import type { IncidentSummaryResponse, IncidentsResponse, ReportBody, TrendResponse } from '../../contracts/aggregator-api.ts';
import type { EngineOperations } from '../../contracts/popover-api.ts';
import type { ConnectionTest, Fetched } from '../../contracts/results.ts';
import type { Settings } from '../../contracts/settings.ts';
import type {
  AlertNotification,
  CommunitySnapshot,
  NetworkState,
  ProbeResult,
  ReportOutcome,
  ReportRequest,
  ServiceId,
  Snapshot,
} from '../../contracts/status.ts';
import type { OfficialSnapshot } from '../../contracts/official-status.ts';
import type { MinutesOfDay } from './alerts/quiet-hours.ts';
import type { EngineLog } from './log.ts';
import type { MessagesSource } from './messages/source.ts';
import type { HysteresisOptions } from './verdict/hysteresis.ts';

export type TimerHandle = { readonly __timer: unique symbol } | object;

/** Time, injected so tests and the lab are exact. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Randomness (jitter, client ids, idempotency keys), injected for the same reason. */
export type Random = () => number;

/** Reads the machine's network state; the lab replaces it. */
export interface NetworkStateSource {
  read(): Promise<NetworkState>;
}

/** Where each probe goes. Defaults are Apple's real hosts; the lab and tests point them at loopback. */
export interface ProbeTargets {
  /** Host names resolved by the DNS probe. */
  dnsHosts: string[];
  /** DNS servers ("127.0.0.1:5353"); empty = the system's. */
  dnsServers: string[];
  /** Push courier host and its two ports. */
  apns: { host: string; port5223: number; port443: number };
  /** Identity services configuration bag. */
  idsUrl: string;
  /** FaceTime-specific HTTPS endpoint. */
  facetimeUrl: string;
  /** Captive-portal check; must answer a page titled Success. */
  captiveUrl: string;
  /** Neutral, non-Apple reference URLs (any HTTP answer counts as reachable). */
  referenceUrls: string[];
  /** Extra trusted CA certificates (PEM), added to Node's roots. */
  extraCa: string[];
  /** Issuer organisations Apple's certificates come from; anything else on an Apple host means TLS inspection. */
  appleIssuers: string[];
}

export interface ProbeTimings {
  /** Per-probe timeout, ms; always shorter than the round interval. */
  timeoutMs: number;
  /** Above this a working probe is reported `slow`, ms. */
  slowMs: number;
}

/** One probe round: every probe, concurrently. Never rejects. */
export interface ProbeRound {
  startedAt: number;
  finishedAt: number;
  network: NetworkState;
  results: ProbeResult[];
  /** How long, in ms, this process could not run during the round (its event loop was late by this much in all). */
  stalledMs: number;
}

export type ProbeRunner = (targets: ProbeTargets, timings: ProbeTimings) => Promise<ProbeRound>;

/** Apple's System Status feed, polled. Never rejects: failures come back as a stale snapshot with an error. */
export interface OfficialStatusSource {
  poll(): Promise<OfficialSnapshot>;
  current(): OfficialSnapshot;
  /** ms until the next poll should happen (backoff while the feed is unreachable). */
  nextPollDelay(defaultMs: number): number;
}

/** The community aggregator's status. Never rejects. */
export interface CommunityStatusSource {
  poll(): Promise<CommunitySnapshot>;
  current(): CommunitySnapshot;
  /** Live updates while the stream works; `onDown` once each time it fails or drops (the engine polls then). Returns a stop function. */
  watch?(onSnapshot: (snapshot: CommunitySnapshot) => void, onDown?: () => void): () => void;
}

/** Where alert decisions go: the Electron Notification module, the CLI, or the lab's event log. */
export type NotificationSink = (notification: AlertNotification) => void;

/** Keeps settings across restarts: electron-store in the desktop app, a JSON file in browser mode and the CLI. */
export interface SettingsStore {
  load(): Settings;
  save(settings: Settings): void;
}

/**
 * What the shells (Electron main, browser-mode bridge, CLI) and the lab drive. Created by createEngine().
 * The methods that answer the popover (snapshot, checkNow, report, trend, incidents, settings, updateSettings,
 * testAggregator, …) take their names and signatures from the popover API spec, contracts/popover-api.ts.
 */
export interface MonitorEngine extends EngineOperations {
  /** Starts the schedules; the first probe round runs at once. */
  start(): void;
  /** Stops every timer and stream; resolves when in-flight work has settled. */
  stop(): Promise<void>;
  /** Called after every change of the snapshot; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  /** Alert decisions, already filtered by the user's notification settings and quiet hours. */
  onNotification(listener: NotificationSink): () => void;
  /** Validates anything it is given (throws a SettingsError naming the field), stores and applies a settings change. */
  updateSettings(patch: unknown): Settings;
  /** The machine is going to sleep: pause schedules. */
  handleSuspend(): void;
  /** The machine woke: the time asleep is unknown, re-check at once, no alert from the first round. */
  handleWake(): void;
  /** An interface or route changed: re-check at once. */
  handleNetworkChange(): void;
}

/** The settings in force (live-settings.ts): loaded once from the store, saved on every change. */
export interface SettingsInForce {
  readonly current: Settings;
  /** Why the last save failed (the settings then live in memory only); null once a save succeeds. */
  readonly saveError: string | null;
  /** Puts new settings in force and saves them. */
  replace(next: Settings): void;
  /** The "notify me when it's back" bell is one-shot: it rang for this outage. */
  clearBell(service: ServiceId): void;
}

/** Sends the user's reports, keeping them in the offline queue until the aggregator has them (community/report-sender.ts). */
export interface ReportSender {
  submit(request: ReportRequest, evidence?: ReportBody['evidence']): Promise<ReportOutcome>;
  /** Sends what waits in the queue now. */
  flush(): Promise<unknown>;
  pending(): number;
  /** The aggregator answered (a good poll or stream event): what waits goes out by itself. */
  aggregatorAnswered?(): void;
  /** What of its files (queue, client id) could not be written to disk, in words; null when all are saved. */
  storageProblem?(): string | null;
  /** Tells when the queue emptied (or not) by itself, so the snapshot's count follows. */
  onChange?(listener: () => void): void;
}

/** Trend and incident history from the aggregator. */
export interface CommunityHistory {
  trend(service: ServiceId, hours: number): Promise<Fetched<TrendResponse>>;
  incidents(service: ServiceId, limit: number, before: string | null): Promise<Fetched<IncidentsResponse>>;
  incidentSummary(service: ServiceId): Promise<Fetched<IncidentSummaryResponse>>;
}

/** What the engine is built from. */
export interface EngineDeps {
  clock: Clock;
  /** Passed on to whatever needs randomness; the engine's own decisions are deterministic. */
  random?: Random;
  probeRunner: ProbeRunner;
  targets: ProbeTargets;
  /** Probe timeout and slow threshold for a round interval. */
  timings: (probeIntervalMs: number) => ProbeTimings;
  official: OfficialStatusSource;
  community: CommunityStatusSource;
  reporter: ReportSender;
  history: CommunityHistory;
  settings: SettingsInForce;
  testAggregator: (url: string) => Promise<ConnectionTest>;
  hysteresis?: HysteresisOptions;
  minutesOfDay?: MinutesOfDay;
  /** The platform alert and popover advice is worded for; process.platform when absent. */
  platform?: NodeJS.Platform;
  log?: EngineLog;
  /** This Mac's Messages database reader; absent where there is none (Windows, Linux) and no path was given. */
  messagesSource?: MessagesSource | null;
  /** The database path was given explicitly (CLI, lab, tests): read it whatever the opt-in setting says. */
  messagesExplicit?: boolean;
}
