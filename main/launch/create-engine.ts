// Fills the engine's seams (main/engine/ports.ts) with the real modules; startMonitor() (start-monitor.ts) calls it
// for the desktop app, browser mode and the CLI, and the lab and tests call it directly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../contracts/settings.ts';
import type { CommunityReach } from '../../contracts/status.ts';
import { createAggregatorClient, testAggregatorConnection } from '../engine/community/client.ts';
import { communityReach, effectiveAggregatorUrl } from '../engine/community/reach.ts';
import { createReportSender } from '../engine/community/report-sender.ts';
import { createCommunityStatusSource } from '../engine/community/source.ts';
import { systemClock } from '../engine/clock.ts';
import { createEngine } from '../engine/engine.ts';
import { LiveSettings } from '../engine/live-settings.ts';
import { SILENT_LOG, type EngineLog } from '../engine/log.ts';
import { messagesWiring } from '../engine/messages/platform.ts';
import { APPLE_CONSUMER_FEED_URL, APPLE_DEVELOPER_FEED_URL, createOfficialStatusSource } from '../engine/official/source.ts';
import type { Clock, MonitorEngine, NetworkStateSource, ProbeTargets, ProbeTimings, Random, SettingsStore } from '../engine/ports.ts';
import { systemNetworkState } from '../engine/probes/network-state.ts';
import { createProbeRunner } from '../engine/probes/round.ts';
import { DEFAULT_TARGETS, timingsForInterval } from '../engine/probes/targets.ts';
import { jsonFileSettingsStore } from '../engine/settings/json-file-store.ts';
import type { HysteresisOptions } from '../engine/verdict/hysteresis.ts';

export const SETTINGS_FILE = 'settings.json';

export interface DefaultEngineOptions {
  /** Where settings (unless a store is given), the report queue and the client id live; startMonitor() defaults it to
   * MONITOR_DATA_DIR, else ~/.imessage-status-monitor. */
  dataDir: string;
  settingsStore?: SettingsStore;
  /** Probe targets; unset keys keep Apple's real hosts. */
  targets?: Partial<ProbeTargets>;
  network?: NetworkStateSource;
  officialUrls?: { consumerUrl: string; developerUrl: string };
  /** Overrides the stored aggregator URL for this run (--aggregator, the lab); startMonitor() defaults it to AGGREGATOR_URL. */
  aggregatorUrl?: string;
  /** Who reports to that server, when its address can't tell (the lab's loopback stand-in for a shared crowd). */
  communityReach?: CommunityReach;
  /** Overrides the stored settings for this run without saving them (the lab's compressed intervals, --interval). */
  settingsOverride?: Partial<Settings>;
  /** Probe timings for a round interval; default: timeout 0.8 × interval up to 10 s. */
  timings?: (probeIntervalMs: number) => ProbeTimings;
  hysteresis?: HysteresisOptions;
  /** A Messages database to read whatever the platform and the opt-in say (--messages-db, the lab, tests). */
  messagesDbPath?: string;
  clock?: Clock;
  random?: Random;
  /** The engine's log lines; default none. */
  log?: EngineLog;
}

/** Creates the engine with the real probes, Apple feed, aggregator client, report sender and settings. */
export function createDefaultEngine(opts: DefaultEngineOptions): MonitorEngine {
  const clock = opts.clock ?? systemClock;
  const now = () => clock.now();
  mkdirSync(opts.dataDir, { recursive: true });
  const warn = (line: string) => opts.log?.warn(line);
  const store = withOverrides(opts.settingsStore ?? jsonFileSettingsStore(join(opts.dataDir, SETTINGS_FILE), warn), opts);
  const settings = new LiveSettings(store, opts.log ?? SILENT_LOG);
  // Read on every request, so a settings change of the aggregator URL takes effect at once.
  const aggregatorUrl = () => effectiveAggregatorUrl(settings.current.aggregatorUrl, opts.aggregatorUrl);
  const reach = () => communityReach(aggregatorUrl(), opts.communityReach);
  // One client for status, history and reports: one connection policy, one status ETag.
  const aggregator = createAggregatorClient({ baseUrl: aggregatorUrl, now });
  // On macOS the opt-in setting decides; elsewhere nothing runs unless a path was given.
  const messages = messagesWiring(opts.messagesDbPath);
  return createEngine({
    clock,
    random: opts.random,
    probeRunner: createProbeRunner({ network: opts.network ?? systemNetworkState(), now }),
    targets: { ...DEFAULT_TARGETS, ...opts.targets },
    timings: opts.timings ?? timingsForInterval,
    official: createOfficialStatusSource({
      consumerUrl: opts.officialUrls?.consumerUrl ?? APPLE_CONSUMER_FEED_URL,
      developerUrl: opts.officialUrls?.developerUrl ?? APPLE_DEVELOPER_FEED_URL,
      now,
    }),
    community: createCommunityStatusSource({ client: aggregator, reach, now }),
    reporter: createReportSender({ dataDir: opts.dataDir, client: aggregator, now, clock, random: opts.random, log: warn }),
    history: aggregator,
    settings,
    testAggregator: (url) => testAggregatorConnection(url),
    hysteresis: opts.hysteresis,
    log: opts.log,
    messagesSource: messages.source,
    messagesExplicit: messages.explicit,
  });
}

/** Applies run-only overrides on load and keeps them out of what is saved. */
function withOverrides(store: SettingsStore, opts: DefaultEngineOptions): SettingsStore {
  const override = opts.settingsOverride;
  if (!override) return store;
  return {
    load: () => ({ ...store.load(), ...override }),
    save: (settings) => {
      const stored = store.load();
      const kept = Object.fromEntries(Object.keys(override).map((k) => [k, stored[k as keyof Settings]]));
      store.save({ ...settings, ...kept });
    },
  };
}
