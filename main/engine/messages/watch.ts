// Keeps the latest Messages reading for the verdicts and the popover; reads once per probe round when switched on.
import type { MessagesCounts, MessagesStatus } from '../../../contracts/messages.ts';
import type { LocalVerdictKind } from '../../../contracts/status.ts';
import type { MessagesSource } from './source.ts';
import { greenIsEvidence, failuresAreEvidence, messagesAreEvidence, messagesSeen, messagesWindowMs, windowWords } from './window.ts';

const OFF: MessagesStatus = {
  state: 'off',
  message: 'Reading this Mac’s Messages is switched off.',
  readAt: null,
  counts: null,
  failing: false,
};

/** Local verdicts under which a send fails for local reasons: failures from then are not Apple's. */
const LOCAL_FAULTS: ReadonlySet<LocalVerdictKind> = new Set(['offline', 'captive', 'dns', 'limited']);

export interface MessagesWatchParts {
  /** The database reader; null when this platform has none and no path was given. */
  source: MessagesSource | null;
  /** Whether to read now (the opt-in setting, or an explicit database path). */
  enabled: () => boolean;
  now: () => number;
}

/** The Messages source as the engine sees it: one read per round, the last status, the evidence it makes. */
export class MessagesWatch {
  private current: MessagesStatus = OFF;
  private lastLocalFaultAt = -Infinity;

  constructor(private readonly parts: MessagesWatchParts) {}

  /** Whether this build and platform can read Messages at all (the setting is hidden otherwise). */
  get available(): boolean {
    return this.parts.source !== null;
  }

  status(): MessagesStatus {
    return this.current;
  }

  /** The counts when they are strong evidence (failures, or a burst of green), else null. */
  evidence(): MessagesCounts | null {
    const { counts } = this.current;
    return counts && messagesAreEvidence(counts) ? counts : null;
  }

  /** Reads the counts for this round; `local` is the shown local verdict before it. Never rejects. */
  async refresh(probeIntervalMs: number, local: LocalVerdictKind): Promise<void> {
    const { source, enabled, now } = this.parts;
    if (!source || !enabled()) {
      this.current = OFF;
      return;
    }
    const at = now();
    if (LOCAL_FAULTS.has(local)) this.lastLocalFaultAt = at;
    const windowMs = messagesWindowMs(probeIntervalMs);
    // Sends that failed while this Mac itself was offline say nothing about Apple.
    const cutoff = Math.max(at - windowMs, this.lastLocalFaultAt);
    let reading: Awaited<ReturnType<MessagesSource['read']>>;
    try {
      reading = await source.read(cutoff, windowMs);
    } catch (e) {
      reading = { state: 'error', message: `The Messages database could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!enabled()) {
      this.current = OFF;
      return;
    }
    if (reading.state !== 'ok') {
      this.current = { state: reading.state, message: reading.message, readAt: at, counts: null, failing: false };
      return;
    }
    const failing = failuresAreEvidence(reading.counts);
    this.current = { state: 'ok', message: describeCounts(reading.counts, failing), readAt: at, counts: reading.counts, failing };
  }
}

/** The popover's line about the counts. */
export function describeCounts(counts: MessagesCounts, failing: boolean): string {
  // Text messages went through, so "nothing delivered" would be wrong once they count.
  if (greenIsEvidence(counts)) return `${messagesSeen(counts)}, with no iMessage delivered since.`;
  if (failing) return `${messagesSeen(counts)}, with nothing delivered since.`;
  const window = windowWords(counts.windowMs);
  if (counts.sent === 0) return `No iMessages sent from this Mac in the last ${window}.`;
  const failed =
    counts.failed === 0
      ? 'none failed'
      : `${counts.failed} failed (to ${counts.failedRecipients} ${counts.failedRecipients === 1 ? 'person' : 'people'})`;
  return `${counts.sent} iMessage${counts.sent === 1 ? '' : 's'} sent in the last ${window}, ${counts.delivered} delivered, ${failed}.`;
}
