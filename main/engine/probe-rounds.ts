// One probe round at a time: run it, judge it, decide its alerts; a round that spans a sleep is dropped.
import type { ProbeResult } from '../../contracts/status.ts';
import type { Notifier } from './alerts/notifier.ts';
import { errorText, type EngineDeps, type EngineLog } from './engine-deps.ts';
import { switchedFeeds, type LiveSettings } from './live-settings.ts';
import type { MessagesWatch } from './messages/watch.ts';
import type { ProbeRound } from './ports.ts';
import type { VerdictJudge } from './verdict/judge.ts';

export interface ProbeCycleParts {
  deps: Pick<EngineDeps, 'clock' | 'probeRunner' | 'targets' | 'timings' | 'official' | 'community'>;
  settings: LiveSettings;
  judge: VerdictJudge;
  notifier: Notifier;
  /** True while the machine sleeps: a round finishing then is dropped. */
  paused: () => boolean;
  /** Called when the local verdict turns online (deliver queued reports). */
  cameOnline: () => void;
  /** This Mac's Messages counts, read alongside each round (absent when the platform has none). */
  messages?: MessagesWatch;
  /** Called after a round's alerts were decided (the Messages auto-report). */
  afterAlerts?: () => void;
  /** Called whenever what the snapshot shows may have changed. */
  changed: () => void;
  log: EngineLog;
}

/** Runs probe rounds, never two at once, and keeps what the last judged round found. */
export class ProbeCycle {
  probes: ProbeResult[] = [];
  checkedAt: number | null = null;
  roundNo = 0;
  private inFlight: Promise<void> | null = null;
  private wakeEpoch = 0;
  private roundEpoch = 0;
  private quietRoundsLeft = 0; // rounds whose alerts are withheld (the first one after a wake)

  constructor(private readonly parts: ProbeCycleParts) {}

  /** A round is running now. */
  get checking(): boolean {
    return this.inFlight !== null;
  }

  /** Resolves once the running round (if any) has settled. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  /** Starts a round, or shares the running one unless that began before a wake. */
  run(): Promise<void> {
    if (this.inFlight && this.roundEpoch === this.wakeEpoch) return this.inFlight;
    this.roundEpoch = this.wakeEpoch;
    const current: Promise<void> = (this.inFlight ?? Promise.resolve())
      .then(() => this.probeRound())
      .catch((e: unknown) => this.parts.log.warn(`probe round could not be judged: ${errorText(e)}`))
      .finally(() => {
        if (this.inFlight === current) this.inFlight = null;
        this.parts.changed();
      });
    this.inFlight = current;
    this.parts.changed();
    return current;
  }

  /** After a wake: rounds begun before it are dropped, and the first one after it sends no alert. */
  wake(): void {
    this.wakeEpoch += 1;
    this.quietRoundsLeft = 1;
  }

  private async probeRound(): Promise<void> {
    const { deps, settings, judge, log } = this.parts;
    const epoch = this.wakeEpoch;
    const timings = deps.timings(settings.current.probeIntervalMs);
    const messagesRead = this.parts.messages?.refresh(settings.current.probeIntervalMs, judge.local.verdict);
    let round: ProbeRound;
    try {
      round = await deps.probeRunner(deps.targets, timings);
    } catch (e) {
      log.warn(`probe round failed: ${errorText(e)}`);
      return;
    }
    await messagesRead; // never rejects
    // A round that spans a sleep describes no single moment: drop it.
    if (epoch !== this.wakeEpoch || this.parts.paused()) return;
    this.roundNo += 1;
    this.probes = round.results;
    this.checkedAt = round.finishedAt;
    const wasOnline = judge.local.verdict === 'online';
    const now = deps.clock.now();
    const { officialFeed, communityReports, crowdAlerts } = settings.current;
    const feeds = switchedFeeds(settings.current, deps);
    judge.messages = this.parts.messages?.evidence() ?? null;
    judge.judge(round, officialFeed ? feeds.official : null, communityReports ? feeds.community : null, now, crowdAlerts);
    if (!wasOnline && judge.local.verdict === 'online') this.parts.cameOnline();
    if (this.quietRoundsLeft > 0) {
      // Its evidence may come from a half-awake network; the next round decides (transitions are kept, not lost).
      this.quietRoundsLeft -= 1;
      return;
    }
    this.parts.notifier.afterRound(judge.services, now);
    this.parts.afterAlerts?.();
  }
}
