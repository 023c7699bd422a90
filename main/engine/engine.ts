// The monitor engine, top to bottom. On each tick: a probe round → the verdicts → the alerts → the snapshot.
// On a report: this machine's evidence → the offline queue → sent now, or by itself once the aggregator answers.
// Apple's feed is polled on a timer of its own; the community's status comes from its live stream, or its poll loop while
// the stream is down (community/live-status.ts). The snapshot is published whenever what it shows changed.
import type { Settings } from '../../contracts/settings.ts';
import type { AlertNotification, ReportOutcome, ReportRequest, Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { errorText } from '../../contracts/results.ts';
import { AlertDecider } from './alerts/decide.ts';
import { HeldOutages } from './alerts/held-outages.ts';
import { CommunityLiveStatus } from './community/live-status.ts';
import { Listeners } from './listeners.ts';
import { SILENT_LOG } from './log.ts';
import { switchedFeeds } from './live-settings.ts';
import { MessagesAutoReport } from './messages/auto-report.ts';
import { reportEvidence } from './messages/report-evidence.ts';
import { MessagesWatch } from './messages/watch.ts';
import type { EngineDeps, MonitorEngine, ProbeRound } from './ports.ts';
import { ProbeRounds } from './probe-rounds.ts';
import { RepeatingTasks } from './repeating-tasks.ts';
import { applySettingsPatch, validateSettingsPatch } from './settings/validate.ts';
import { buildSnapshot } from './snapshot.ts';
import { VerdictJudge } from './verdict/judge.ts';

/** Creates the engine; nothing runs until start(). */
export function createEngine(deps: EngineDeps): MonitorEngine {
  const { clock } = deps;
  const log = deps.log ?? SILENT_LOG;
  const { settings } = deps;
  const rounds = new ProbeRounds();
  const judge = new VerdictJudge(deps.hysteresis);
  const platform = deps.platform ?? process.platform;
  const alerts = new AlertDecider(deps.minutesOfDay, platform);
  const held = new HeldOutages();
  const messages = new MessagesWatch({
    source: deps.messagesSource ?? null,
    enabled: () => deps.messagesExplicit === true || settings.current.messagesSource,
    now: () => clock.now(),
  });
  const autoReport = new MessagesAutoReport({
    watch: messages,
    settings: () => settings.current,
    imessageState: () => judge.services.imessage.state,
    submit: report,
    log: (line) => log.info(line),
  });
  const notifications = new Listeners<AlertNotification>('notification listener', log);
  const snapshots = new Listeners<Snapshot>('snapshot listener', log);
  const tasks = new RepeatingTasks(clock, (name, e) => log.warn(`${name} failed: ${errorText(e)}`));
  tasks.define('probe', () => settings.current.probeIntervalMs, checkRound);
  tasks.define(
    'official',
    () => deps.official.nextPollDelay(settings.current.officialPollMs),
    pollOfficial,
    () => settings.current.officialFeed,
  );
  const community = new CommunityLiveStatus({
    source: deps.community,
    settings: () => settings.current,
    now: () => clock.now(),
    answered: () => deps.reporter.aggregatorAnswered?.(),
    arrived: publish,
    pollNow: () => tasks.restart('community', 0),
    log,
  });
  tasks.define(
    'community',
    () => settings.current.communityPollMs,
    () => community.poll(false),
    () => settings.current.communityReports,
  );
  // The queue also empties by itself (aggregator back, Retry-After passed): its count in the snapshot follows.
  deps.reporter.onChange?.(publish);

  /** On each tick: one round at a time, shown as "checking" while it runs. `asked`: someone is waiting for a verdict. */
  function checkRound(asked = false): Promise<void> {
    const running = rounds.run(
      (epoch) => probeAndJudge(epoch, asked),
      (e) => log.warn(`probe round could not be judged: ${errorText(e)}`),
    );
    publish();
    return running.finally(publish);
  }

  /**
   * Probes → verdicts → alerts; a round that spans a sleep is dropped, the first after a wake sends no alert. A round
   * that failed in a stall of this process is set aside and looked at again at once; when asked (Check now,
   * `monitor --once`) that second look counts whatever it finds, so the one asking gets a verdict.
   */
  async function probeAndJudge(epoch: number, asked: boolean): Promise<void> {
    const timings = deps.timings(settings.current.probeIntervalMs);
    const messagesRead = messages.refresh(settings.current.probeIntervalMs, judge.local.verdict); // never rejects
    let round: ProbeRound | undefined;
    for (let look = 1; ; look += 1) {
      round = await deps.probeRunner(deps.targets, timings).catch((e: unknown) => void log.warn(`probe round failed: ${errorText(e)}`));
      if (!round) return;
      await messagesRead;
      const counted = rounds.record(epoch, round, tasks.paused, { timeoutMs: timings.timeoutMs, countStalled: asked && look > 1 });
      if (counted === 'counted') break;
      if (counted === 'asleep') return;
      log.info(`probe round not counted: this computer was too busy to wait for answers (stalled ${round.stalledMs} ms)`);
      if (look > 1) return;
    }
    const wasOnline = judge.local.verdict === 'online';
    const now = clock.now();
    const { officialFeed, communityReports, crowdAlerts } = settings.current;
    const feeds = switchedFeeds(settings.current, deps);
    judge.judge({
      round,
      official: officialFeed ? feeds.official : null,
      community: communityReports ? feeds.community : null,
      messages: messages.evidence(),
      now,
      crowdAlerts,
    });
    // Back online: what was queued while offline goes out.
    if (!wasOnline && judge.local.verdict === 'online') void flushReports();
    if (rounds.takeQuietRound()) return;
    for (const service of SERVICE_IDS) {
      const { state, reason, evidence } = judge.services[service];
      const decision = alerts.observe(service, state, reason, settings.current, now, evidence.official);
      if (decision.notification) {
        log.info(`notification: ${decision.notification.title}`);
        notifications.emit(decision.notification);
      }
      if (decision.clearBell) settings.clearBell(service);
      if (decision.held) held.add(decision.held, now);
    }
    autoReport.afterRound();
  }

  async function pollOfficial(): Promise<void> {
    if (!settings.current.officialFeed) return;
    await deps.official.poll();
    publish();
  }

  // ── On a report: this machine's evidence → the offline queue → the aggregator ──
  async function report(request: ReportRequest): Promise<ReportOutcome> {
    if (!settings.current.communityReports) return { result: 'rejected', message: 'Community reports are switched off in Settings.' };
    const failedProbes = judge.services[request.service].evidence.failedProbes;
    // An iMessage problem report carries the counts of this Mac's failed iMessages.
    const counts = request.service === 'imessage' && request.kind === 'problem' ? reportEvidence(messages.status().counts) : null;
    const outcome = await deps.reporter
      .submit(request, { local: judge.local.verdict, failedProbes, ...(counts ? { messages: counts } : {}) })
      .catch((e: unknown): ReportOutcome => ({ result: 'rejected', message: `The report could not be saved: ${errorText(e)}` }));
    publish();
    return outcome;
  }

  async function flushReports(): Promise<void> {
    try {
      await deps.reporter.flush();
    } catch (e) {
      log.warn(`report queue flush failed: ${errorText(e)}`); // retried at the next chance
    }
    publish();
  }

  // ── The snapshot, published only when what it shows changed ──
  let lastPublished = '';
  function publish(): void {
    const snapshot = buildSnapshot({ deps, settings, judge, rounds, messages, held, alerts, platform, now: clock.now() });
    const text = JSON.stringify(snapshot);
    if (text === lastPublished) return;
    lastPublished = text;
    snapshots.emit(snapshot);
  }

  /** A settings change re-times what it touches. */
  function retime(before: Settings, next: Settings): void {
    if (before.probeIntervalMs !== next.probeIntervalMs) tasks.restart('probe');
    if (before.officialPollMs !== next.officialPollMs || before.officialFeed !== next.officialFeed) tasks.restart('official');
    if (before.communityPollMs !== next.communityPollMs || before.communityReports !== next.communityReports) tasks.restart('community');
    if (before.communityReports !== next.communityReports || before.aggregatorUrl !== next.aggregatorUrl) {
      if (tasks.running) community.open();
      if (next.communityReports) tasks.restart('community', 0);
    }
  }

  return {
    start() {
      tasks.start();
      community.open();
    },
    async stop() {
      community.close();
      await tasks.stop();
      await rounds.settled();
    },
    snapshot: () => buildSnapshot({ deps, settings, judge, rounds, messages, held, alerts, platform, now: clock.now() }),
    onSnapshot: (listener) => snapshots.add(listener),
    onNotification: (listener) => notifications.add(listener),
    async checkNow() {
      await Promise.all([checkRound(true), pollOfficial().catch(() => {}), community.poll(true).catch(() => {})]);
      tasks.restart('probe');
      return buildSnapshot({ deps, settings, judge, rounds, messages, held, alerts, platform, now: clock.now() });
    },
    report,
    trend: (service, hours) => deps.history.trend(service, hours).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    incidents: (service, limit, before) =>
      deps.history.incidents(service, limit, before).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    incidentSummary: (service) =>
      deps.history.incidentSummary(service).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    settings: () => settings.current,
    updateSettings(patch) {
      const before = settings.current;
      settings.replace(applySettingsPatch(before, validateSettingsPatch(patch)));
      retime(before, settings.current);
      publish();
      return settings.current;
    },
    async sendQueuedReports() {
      await flushReports();
      return buildSnapshot({ deps, settings, judge, rounds, messages, held, alerts, platform, now: clock.now() });
    },
    testAggregator: (url) => deps.testAggregator(url).catch((e: unknown) => ({ ok: false, message: errorText(e) })),
    handleSuspend() {
      tasks.pause();
      community.close();
    },
    handleWake() {
      rounds.wake();
      judge.wake();
      publish();
      // Everything runs at once (unless the engine was never started).
      if (!tasks.running) return;
      tasks.resume();
      community.open();
    },
    handleNetworkChange() {
      if (tasks.running && !tasks.paused) tasks.restart('probe', 0);
    },
  };
}
