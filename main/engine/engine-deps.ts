// What the engine is built from: its seams, plus the small shared pieces its modules use (log, error text).
import type { IncidentsResponse, ReportBody, TrendResponse } from '../../contracts/aggregator-api.ts';
import type { ConnectionTest, Fetched } from '../../contracts/monitor-api.ts';
import type { ReportOutcome, ReportRequest, ServiceId } from '../../contracts/status.ts';
import type { MinutesOfDay } from './alerts/quiet-hours.ts';
import type { Clock, CommunityStatusSource, OfficialStatusSource, ProbeRunner, ProbeTargets, ProbeTimings, Random } from './ports.ts';
import type { LiveSettings } from './live-settings.ts';
import type { MessagesSource } from './messages/source.ts';
import type { HysteresisOptions } from './verdict/hysteresis.ts';

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
  incidents(service: ServiceId, limit: number): Promise<Fetched<IncidentsResponse>>;
}

export interface EngineLog {
  info(message: string): void;
  warn(message: string): void;
}

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
  /** The settings in force, loaded once from the store and saved on every change. */
  settings: LiveSettings;
  testAggregator: (url: string) => Promise<ConnectionTest>;
  hysteresis?: HysteresisOptions;
  minutesOfDay?: MinutesOfDay;
  log?: EngineLog;
  /** This Mac's Messages database reader; absent where there is none (Windows, Linux) and no path was given. */
  messagesSource?: MessagesSource | null;
  /** The database path was given explicitly (CLI, lab, tests): read it whatever the opt-in setting says. */
  messagesExplicit?: boolean;
}

export const SILENT_LOG: EngineLog = { info: () => {}, warn: () => {} };

/** The message of anything thrown, for a log line or a user-facing error. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
