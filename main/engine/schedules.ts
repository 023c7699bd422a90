// When things run: probe rounds, Apple's feed and community polls on their intervals, the community live stream.
import type { Settings } from '../../contracts/settings.ts';
import { Scheduler } from './clock.ts';
import { errorText, type EngineDeps, type EngineLog } from './engine-deps.ts';
import type { LiveSettings } from './live-settings.ts';

export interface ScheduleParts {
  deps: Pick<EngineDeps, 'clock' | 'official' | 'community'>;
  settings: LiveSettings;
  runRound: () => Promise<void>;
  /** Called whenever what the snapshot shows may have changed. */
  changed: () => void;
  log: EngineLog;
}

/** The engine's timers and the live stream, re-timed when settings change and held while asleep. */
export class Schedules {
  readonly scheduler: Scheduler;
  private lastWatchAt = -Infinity;
  private stopWatch: (() => void) | null = null;

  constructor(private readonly parts: ScheduleParts) {
    const { deps, log } = parts;
    const settings = () => parts.settings.current;
    this.scheduler = new Scheduler(deps.clock, (name, e) => log.warn(`${name} failed: ${errorText(e)}`));
    this.scheduler.define('probe', () => settings().probeIntervalMs, parts.runRound);
    this.scheduler.define('official', () => deps.official.nextPollDelay(settings().officialPollMs), () => this.pollOfficial(), () => settings().officialFeed);
    this.scheduler.define('community', () => settings().communityPollMs, () => this.pollCommunity(), () => settings().communityReports);
  }

  start(): void {
    this.scheduler.start();
    this.startWatch();
  }

  /** Clears every timer and the stream, and waits for running tasks. */
  async stop(): Promise<void> {
    this.endWatch();
    await this.scheduler.stop();
  }

  /** Asleep: nothing runs. */
  suspend(): void {
    this.scheduler.pause();
    this.endWatch();
  }

  /** Awake: everything runs at once (unless the engine was never started). */
  wake(): void {
    if (!this.scheduler.running) return;
    this.scheduler.resume();
    this.startWatch();
  }

  /** A probe round now, unless stopped or asleep. */
  probeSoon(): void {
    if (this.scheduler.running && !this.scheduler.paused) this.scheduler.restart('probe', 0);
  }

  /** Re-times the tasks whose settings changed. */
  retime(before: Settings, next: Settings): void {
    const { scheduler } = this;
    if (before.probeIntervalMs !== next.probeIntervalMs) scheduler.restart('probe');
    if (before.officialPollMs !== next.officialPollMs || before.officialFeed !== next.officialFeed) scheduler.restart('official');
    if (before.communityPollMs !== next.communityPollMs || before.communityReports !== next.communityReports) scheduler.restart('community');
    if (before.communityReports !== next.communityReports || before.aggregatorUrl !== next.aggregatorUrl) {
      if (scheduler.running) this.startWatch();
      if (next.communityReports) scheduler.restart('community', 0);
    }
  }

  async pollOfficial(): Promise<void> {
    if (!this.parts.settings.current.officialFeed) return;
    await this.parts.deps.official.poll();
    this.parts.changed();
  }

  /** Polls the aggregator; skipped while the live stream keeps it fresh, unless forced. */
  async pollCommunity(force = false): Promise<void> {
    const { settings, deps } = this.parts;
    if (!settings.current.communityReports) return;
    if (!force && deps.clock.now() - this.lastWatchAt < settings.current.communityPollMs) return;
    await deps.community.poll();
    this.parts.changed();
  }

  private startWatch(): void {
    this.endWatch();
    const { settings, deps } = this.parts;
    if (!settings.current.communityReports || !deps.community.watch) return;
    try {
      this.stopWatch = deps.community.watch(() => {
        this.lastWatchAt = deps.clock.now();
        this.parts.changed();
      });
    } catch (e) {
      this.parts.log.warn(`community stream failed: ${errorText(e)}`);
    }
  }

  private endWatch(): void {
    this.stopWatch?.();
    this.stopWatch = null;
  }
}
