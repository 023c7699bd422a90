// The monitor engine: wires rounds, schedules, verdicts, alerts, reports and the snapshot into one MonitorEngine.
import { Notifier } from './alerts/notifier.ts';
import { CommunityReports } from './community-reports.ts';
import { errorText, SILENT_LOG, type EngineDeps } from './engine-deps.ts';
import { LiveSettings } from './live-settings.ts';
import { MessagesAutoReport } from './messages/auto-report.ts';
import { MessagesWatch } from './messages/watch.ts';
import type { MonitorEngine } from './ports.ts';
import { ProbeCycle } from './probe-cycle.ts';
import { Schedules } from './schedules.ts';
import { SnapshotPublisher } from './snapshot-publisher.ts';
import { VerdictJudge } from './verdict/judge.ts';

export type { CommunityHistory, EngineDeps, EngineLog, ReportQueue } from './engine-deps.ts';

/** Creates the engine; nothing runs until start(). */
export function createEngine(deps: EngineDeps): MonitorEngine {
  const log = deps.log ?? SILENT_LOG;
  const settings = new LiveSettings(deps.settingsStore, log);
  const judge = new VerdictJudge(deps.hysteresis);
  const notifier = new Notifier(settings, log, deps.minutesOfDay);
  const messages = new MessagesWatch({
    source: deps.messagesSource ?? null,
    enabled: () => deps.messagesExplicit === true || settings.current.messagesSource,
    now: () => deps.clock.now(),
  });
  // The parts report changes through `changed`, which publishes once the publisher exists.
  const changed = () => publisher.publish();
  const reports = new CommunityReports({ reporter: deps.reporter, settings, judge, changed, log, messages: () => messages.status().counts });
  deps.reporter.onChange?.(changed);
  const autoReport = new MessagesAutoReport({
    watch: messages,
    settings: () => settings.current,
    imessageState: () => judge.services.imessage.state,
    submit: (request) => reports.submit(request),
    log: (line) => log.info(line),
  });
  const schedules: Schedules = new Schedules({ deps, settings, runRound: () => cycle.run(), changed, log });
  const cycle: ProbeCycle = new ProbeCycle({
    deps,
    settings,
    judge,
    notifier,
    paused: () => schedules.scheduler.paused,
    cameOnline: () => void reports.flush(),
    messages,
    afterAlerts: () => autoReport.afterRound(),
    changed,
    log,
  });
  const publisher = new SnapshotPublisher({ deps, settings, judge, cycle, log, messages });

  return {
    start() {
      schedules.start();
    },
    async stop() {
      await schedules.stop();
      await cycle.settled();
    },
    snapshot: () => publisher.snapshot(),
    onSnapshot: (listener) => publisher.listen(listener),
    onNotification: (listener) => notifier.listen(listener),
    async checkNow() {
      await Promise.all([cycle.run(), schedules.pollOfficial().catch(() => {}), schedules.pollCommunity(true).catch(() => {})]);
      schedules.scheduler.restart('probe');
      return publisher.snapshot();
    },
    report: (request) => reports.submit(request),
    trend: (service, hours) => deps.history.trend(service, hours).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    incidents: (service, limit) =>
      deps.history.incidents(service, limit).catch((e: unknown) => ({ ok: false, error: errorText(e) }) as const),
    settings: () => settings.current,
    updateSettings(patch) {
      const before = settings.current;
      settings.replace(deps.applySettingsPatch(before, patch));
      schedules.retime(before, settings.current);
      publisher.publish();
      return settings.current;
    },
    testAggregator: (url) => deps.testAggregator(url).catch((e: unknown) => ({ ok: false, message: errorText(e) })),
    handleSuspend() {
      schedules.suspend();
    },
    handleWake() {
      cycle.wake();
      judge.wake();
      publisher.publish();
      schedules.wake();
    },
    handleNetworkChange() {
      schedules.probeSoon();
    },
  };
}
