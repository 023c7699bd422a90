// The community's status kept fresh: the aggregator's live stream while it works, and the engine's poll loop (a task on
// its clock) whenever the stream is down. A poll is skipped while the stream has spoken within one poll interval.
import type { Settings } from '../../../contracts/settings.ts';
import type { CommunitySnapshot } from '../../../contracts/status.ts';
import { errorText } from '../../../contracts/results.ts';
import type { EngineLog } from '../log.ts';
import type { CommunityStatusSource } from '../ports.ts';
import { isFreshAnswer } from './queue-drain.ts';

export interface CommunityLiveOptions {
  source: CommunityStatusSource;
  settings: () => Settings;
  now: () => number;
  /** The aggregator answered (a good poll or stream event): the report queue may send what waits. */
  answered: () => void;
  /** A new community snapshot arrived: publish it. */
  arrived: () => void;
  /** The stream failed or dropped: the poll loop takes over at once, then runs on its interval until the stream is back. */
  pollNow: () => void;
  log: EngineLog;
}

export class CommunityLiveStatus {
  private lastStreamedAt = -Infinity;
  private closeStream: (() => void) | null = null;

  constructor(private readonly opts: CommunityLiveOptions) {}

  /** One poll of the loop; `force` polls even while the stream is fresh (Check now). */
  async poll(force: boolean): Promise<void> {
    const { communityReports, communityPollMs } = this.opts.settings();
    if (!communityReports) return;
    if (!force && this.opts.now() - this.lastStreamedAt < communityPollMs) return;
    this.received(await this.opts.source.poll());
  }

  /** (Re)opens the live stream, when community reports are on and the source has one. */
  open(): void {
    this.close();
    if (!this.opts.settings().communityReports || !this.opts.source.watch) return;
    const streamed = (snapshot: CommunitySnapshot): void => {
      this.lastStreamedAt = this.opts.now();
      this.received(snapshot);
    };
    const down = (): void => {
      this.lastStreamedAt = -Infinity;
      this.opts.pollNow();
    };
    try {
      this.closeStream = this.opts.source.watch(streamed, down);
    } catch (e) {
      this.opts.log.warn(`community stream failed: ${errorText(e)}`);
    }
  }

  close(): void {
    this.closeStream?.();
    this.closeStream = null;
  }

  private received(snapshot: CommunitySnapshot): void {
    if (isFreshAnswer(snapshot)) this.opts.answered();
    this.opts.arrived();
  }
}
