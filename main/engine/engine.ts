// The monitor engine: schedules probe rounds and feed polls, judges, decides alerts, and keeps the snapshot.
import type { IncidentsResponse, ReportBody, TrendResponse } from '../../contracts/aggregator-api.ts';
import type { ConnectionTest, Fetched } from '../../contracts/monitor-api.ts';
import type { Settings } from '../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import type {
  AlertNotification,
  CommunitySnapshot,
  OfficialSnapshot,
  ProbeResult,
  ReportOutcome,
  ReportRequest,
  ServiceId,
  Snapshot,
} from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { AlertDecider } from './alerts/decide.ts';
import type { MinutesOfDay } from './alerts/quietHours.ts';
import type {
  Clock,
  CommunityStatusSource,
  MonitorEngine,
  NotificationSink,
  OfficialStatusSource,
  ProbeRound,
  ProbeRunner,
  ProbeTargets,
  ProbeTimings,
  Random,
  SettingsStore,
} from './ports.ts';
import { Scheduler } from './clock.ts';
import type { HysteresisOptions } from './verdict/hysteresis.ts';
import { VerdictJudge } from './verdict/judge.ts';
import { overallStatus } from './verdict/overall.ts';

/** The offline report queue as the engine uses it. */
export interface ReportQueue {
  submit(request: ReportRequest, evidence?: ReportBody['evidence']): Promise<ReportOutcome>;
  flush(): Promise<unknown>;
  pending(): number;
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
  reporter: ReportQueue;
  history: CommunityHistory;
  settingsStore: SettingsStore;
  /** Validates and merges a patch; throws a SettingsError naming the field. */
  applySettingsPatch: (current: Settings, patch: unknown) => Settings;
  testAggregator: (url: string) => Promise<ConnectionTest>;
  hysteresis?: HysteresisOptions;
  minutesOfDay?: MinutesOfDay;
  log?: EngineLog;
}

const EMPTY_OFFICIAL: OfficialSnapshot = { fetchedAt: null, stale: false, error: null, services: {} };
const EMPTY_COMMUNITY: CommunitySnapshot = { fetchedAt: null, stale: false, error: null, services: {} };
const SILENT_LOG: EngineLog = { info: () => {}, warn: () => {} };
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Creates the engine; nothing runs until start(). */
export function createEngine(deps: EngineDeps): MonitorEngine {
  const { clock, log = SILENT_LOG } = deps;
  let settings = loadSettings(deps.settingsStore, log);
  const judge = new VerdictJudge(deps.hysteresis);
  const alerts = new AlertDecider(deps.minutesOfDay);
  const snapshotListeners = new Set<(s: Snapshot) => void>();
  const notificationListeners = new Set<NotificationSink>();
  let probes: ProbeResult[] = [];
  let checkedAt: number | null = null;
  let roundNo = 0;
  let roundInFlight: Promise<void> | null = null;
  let wakeEpoch = 0;
  let roundEpoch = 0;
  let quietRoundsLeft = 0; // rounds whose alerts are withheld (the first one after a wake)
  let lastWatchAt = -Infinity;
  let stopWatch: (() => void) | null = null;
  let lastEmitted = '';
  const scheduler = new Scheduler(clock, (name, e) => log.warn(`${name} failed: ${errorText(e)}`));

  const officialNow = (): OfficialSnapshot => (settings.officialFeed ? deps.official.current() : EMPTY_OFFICIAL);
  const communityNow = (): CommunitySnapshot => (settings.communityReports ? deps.community.current() : EMPTY_COMMUNITY);

  function snapshot(): Snapshot {
    const services = judge.services;
    return {
      checkedAt,
      checking: roundInFlight !== null,
      round: roundNo,
      overall: overallStatus(judge.local.verdict, { imessage: services.imessage.state, facetime: services.facetime.state }, checkedAt !== null),
      local: judge.local,
      services,
      probes,
      official: officialNow(),
      community: communityNow(),
      queuedReports: safePending(),
      watching: SERVICE_IDS.filter((id) => settings.notifyWhenBack[id]),
    };
  }

  function safePending(): number {
    try {
      return deps.reporter.pending();
    } catch {
      return 0;
    }
  }

  function emit(): void {
    const current = snapshot();
    const text = JSON.stringify(current);
    if (text === lastEmitted) return;
    lastEmitted = text;
    for (const listener of snapshotListeners) {
      try {
        listener(current);
      } catch (e) {
        log.warn(`snapshot listener failed: ${errorText(e)}`);
      }
    }
  }

  function notify(notification: AlertNotification): void {
    log.info(`notification: ${notification.title}`);
    for (const listener of notificationListeners) {
      try {
        listener(notification);
      } catch (e) {
        log.warn(`notification listener failed: ${errorText(e)}`);
      }
    }
  }

  function runRound(): Promise<void> {
    // Never two rounds at once: a caller during a round shares it, unless that round began before a wake.
    if (roundInFlight && roundEpoch === wakeEpoch) return roundInFlight;
    roundEpoch = wakeEpoch;
    const current: Promise<void> = (roundInFlight ?? Promise.resolve())
      .then(probeRound)
      .catch((e: unknown) => log.warn(`probe round could not be judged: ${errorText(e)}`))
      .finally(() => {
        if (roundInFlight === current) roundInFlight = null;
        emit();
      });
    roundInFlight = current;
    emit();
    return current;
  }

  async function probeRound(): Promise<void> {
    const epoch = wakeEpoch;
    const timings = deps.timings(settings.probeIntervalMs);
    let round: ProbeRound;
    try {
      round = await deps.probeRunner(deps.targets, timings);
    } catch (e) {
      log.warn(`probe round failed: ${errorText(e)}`);
      return;
    }
    // A round that spans a sleep describes no single moment: drop it.
    if (epoch !== wakeEpoch || scheduler.paused) return;
    roundNo += 1;
    probes = round.results;
    checkedAt = round.finishedAt;
    const wasOnline = judge.local.verdict === 'online';
    const now = clock.now();
    judge.judge(round, settings.officialFeed ? officialNow() : null, settings.communityReports ? communityNow() : null, now);
    if (!wasOnline && judge.local.verdict === 'online') void flushReports();
    if (quietRoundsLeft > 0) {
      // Its evidence may come from a half-awake network; the next round decides (transitions are kept, not lost).
      quietRoundsLeft -= 1;
      return;
    }
    for (const service of SERVICE_IDS) decideAlert(service, now);
  }

  function decideAlert(service: ServiceId, now: number): void {
    const verdict = judge.services[service];
    const decision = alerts.observe(service, verdict.state, verdict.reason, settings, now);
    if (decision.notification) notify(decision.notification);
    if (decision.clearBell) {
      // The bell is one-shot: it rang for this outage.
      settings = { ...settings, notifyWhenBack: { ...settings.notifyWhenBack, [service]: false } };
      saveSettings();
    }
  }

  async function flushReports(): Promise<void> {
    try {
      await deps.reporter.flush();
    } catch (e) {
      log.warn(`report queue flush failed: ${errorText(e)}`);
    }
    emit();
  }

  async function pollOfficial(): Promise<void> {
    if (!settings.officialFeed) return;
    await deps.official.poll();
    emit();
  }

  async function pollCommunity(force = false): Promise<void> {
    if (!settings.communityReports) return;
    // The live stream already keeps it fresh.
    if (!force && clock.now() - lastWatchAt < settings.communityPollMs) return;
    await deps.community.poll();
    emit();
  }

  function startWatch(): void {
    stopWatch?.();
    stopWatch = null;
    if (!settings.communityReports || !deps.community.watch) return;
    try {
      stopWatch = deps.community.watch(() => {
        lastWatchAt = clock.now();
        emit();
      });
    } catch (e) {
      log.warn(`community stream failed: ${errorText(e)}`);
    }
  }

  function defineTasks(): void {
    scheduler.define('probe', () => settings.probeIntervalMs, runRound);
    scheduler.define('official', () => deps.official.nextPollDelay(settings.officialPollMs), pollOfficial, () => settings.officialFeed);
    scheduler.define('community', () => settings.communityPollMs, () => pollCommunity(), () => settings.communityReports);
  }
  defineTasks();

  function saveSettings(): void {
    try {
      deps.settingsStore.save(settings);
    } catch (e) {
      log.warn(`settings could not be saved: ${errorText(e)}`);
    }
  }

  return {
    start() {
      scheduler.start();
      startWatch();
    },
    async stop() {
      stopWatch?.();
      stopWatch = null;
      await scheduler.stop();
      await roundInFlight;
    },
    snapshot,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onNotification(listener) {
      notificationListeners.add(listener);
      return () => notificationListeners.delete(listener);
    },
    async checkNow() {
      await Promise.all([runRound(), pollOfficial().catch(() => {}), pollCommunity(true).catch(() => {})]);
      scheduler.restart('probe');
      return snapshot();
    },
    async report(request) {
      if (!settings.communityReports) return { result: 'rejected', message: 'Community reports are switched off in Settings.' };
      const failedProbes = judge.services[request.service].evidence.failedProbes;
      const outcome = await deps.reporter
        .submit(request, { local: judge.local.verdict, failedProbes })
        .catch((e: unknown): ReportOutcome => ({ result: 'rejected', message: `The report could not be saved: ${errorText(e)}` }));
      emit();
      return outcome;
    },
    trend: (service, hours) => deps.history.trend(service, hours).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    incidents: (service, limit) =>
      deps.history.incidents(service, limit).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    settings: () => settings,
    updateSettings(patch) {
      const before = settings;
      const next = deps.applySettingsPatch(settings, patch);
      settings = next;
      saveSettings();
      if (before.probeIntervalMs !== next.probeIntervalMs) scheduler.restart('probe');
      if (before.officialPollMs !== next.officialPollMs || before.officialFeed !== next.officialFeed) scheduler.restart('official');
      if (before.communityPollMs !== next.communityPollMs || before.communityReports !== next.communityReports) scheduler.restart('community');
      if (before.communityReports !== next.communityReports || before.aggregatorUrl !== next.aggregatorUrl) {
        if (scheduler.running) startWatch();
        if (next.communityReports) scheduler.restart('community', 0);
      }
      emit();
      return settings;
    },
    testAggregator: (url) => deps.testAggregator(url).catch((e: unknown) => ({ ok: false, message: errorText(e) })),
    handleSuspend() {
      scheduler.pause();
      stopWatch?.();
      stopWatch = null;
    },
    handleWake() {
      wakeEpoch += 1;
      quietRoundsLeft = 1;
      judge.wake();
      emit();
      if (!scheduler.running) return;
      scheduler.resume();
      startWatch();
    },
    handleNetworkChange() {
      if (scheduler.running && !scheduler.paused) scheduler.restart('probe', 0);
    },
  };
}

/** Loads stored settings; a broken store never stops the engine. */
function loadSettings(store: SettingsStore, log: EngineLog): Settings {
  try {
    return store.load();
  } catch (e) {
    log.warn(`settings could not be loaded, using defaults: ${errorText(e)}`);
    return DEFAULT_SETTINGS;
  }
}
