// Assembles the snapshot the UI shows and hands it to listeners, only when something in it changed.
import type { Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { errorText, type EngineDeps, type EngineLog } from './engine-deps.ts';
import { switchedFeeds, type LiveSettings } from './live-settings.ts';
import type { MessagesWatch } from './messages/watch.ts';
import type { ProbeCycle } from './probe-cycle.ts';
import { storageProblem } from './storage-problem.ts';
import type { VerdictJudge } from './verdict/judge.ts';
import { overallStatus } from './verdict/overall.ts';

export interface SnapshotParts {
  deps: Pick<EngineDeps, 'official' | 'community' | 'reporter'>;
  settings: LiveSettings;
  judge: VerdictJudge;
  cycle: ProbeCycle;
  log: EngineLog;
  messages?: MessagesWatch;
}

/** Builds snapshots and publishes them to subscribers. */
export class SnapshotPublisher {
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private lastPublished = '';

  constructor(private readonly parts: SnapshotParts) {}

  /** Everything the UI shows, as of now. */
  snapshot(): Snapshot {
    const { settings, judge, cycle } = this.parts;
    const services = judge.services;
    const { checkedAt } = cycle;
    const states = { imessage: services.imessage.state, facetime: services.facetime.state };
    return {
      checkedAt,
      checking: cycle.checking,
      round: cycle.roundNo,
      overall: overallStatus(judge.local.verdict, states, checkedAt !== null),
      local: judge.local,
      services,
      probes: cycle.probes,
      ...switchedFeeds(settings.current, this.parts.deps),
      queuedReports: this.queuedReports(),
      ...storageProblem(settings, this.parts.deps.reporter),
      watching: SERVICE_IDS.filter((id) => settings.current.notifyWhenBack[id]),
      // Only where Messages can be read at all: elsewhere the popover hides the setting.
      ...(this.parts.messages?.available ? { messages: this.parts.messages.status() } : {}),
    };
  }

  /** Adds a listener; returns its removal. */
  listen(listener: (s: Snapshot) => void): () => boolean {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publishes the current snapshot unless it equals the last one published. */
  publish(): void {
    const current = this.snapshot();
    const text = JSON.stringify(current);
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    for (const listener of this.listeners) {
      try {
        listener(current);
      } catch (e) {
        this.parts.log.warn(`snapshot listener failed: ${errorText(e)}`);
      }
    }
  }

  private queuedReports(): number {
    try {
      return this.parts.deps.reporter.pending();
    } catch {
      return 0;
    }
  }
}
