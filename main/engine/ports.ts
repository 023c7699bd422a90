// The seams of the engine: everything the desktop app, the CLI, the tests and the lab inject.
// Plain Node only: never import electron under main/engine.
import type { EngineOperations } from '../../contracts/popover-api.ts';
import type { Settings } from '../../contracts/settings.ts';
import type {
  AlertNotification,
  CommunitySnapshot,
  NetworkState,
  OfficialSnapshot,
  ProbeResult,
  Snapshot,
} from '../../contracts/status.ts';

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
