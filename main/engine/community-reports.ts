// The user's reports: submitted with this machine's evidence, queued while offline, flushed once back online.
import type { MessagesCounts } from '../../contracts/messages.ts';
import type { ReportOutcome, ReportRequest } from '../../contracts/status.ts';
import { errorText, type EngineLog, type ReportQueue } from './engine-deps.ts';
import type { LiveSettings } from './live-settings.ts';
import { reportEvidence } from './messages/report-evidence.ts';
import type { VerdictJudge } from './verdict/judge.ts';

export interface ReportParts {
  reporter: ReportQueue;
  settings: LiveSettings;
  judge: VerdictJudge;
  /** Called when the queue may have changed. */
  changed: () => void;
  log: EngineLog;
  /** This Mac's latest Messages counts, carried by iMessage problem reports. */
  messages?: () => MessagesCounts | null;
}

/** Submits and flushes community reports; never throws to the caller. */
export class CommunityReports {
  constructor(private readonly parts: ReportParts) {}

  /** Sends (or queues) one report with the local verdict and this service's failing probes as evidence. */
  async submit(request: ReportRequest): Promise<ReportOutcome> {
    const { reporter, settings, judge } = this.parts;
    if (!settings.current.communityReports) return { result: 'rejected', message: 'Community reports are switched off in Settings.' };
    const failedProbes = judge.services[request.service].evidence.failedProbes;
    const outcome = await reporter
      .submit(request, { local: judge.local.verdict, failedProbes, ...this.messagesEvidence(request) })
      .catch((e: unknown): ReportOutcome => ({ result: 'rejected', message: `The report could not be saved: ${errorText(e)}` }));
    this.parts.changed();
    return outcome;
  }

  /** The counts of this Mac's failed iMessages, for an iMessage problem report. */
  private messagesEvidence(request: ReportRequest): { messages?: ReturnType<typeof reportEvidence> } {
    if (request.service !== 'imessage' || request.kind !== 'problem') return {};
    const messages = reportEvidence(this.parts.messages?.() ?? null);
    return messages ? { messages } : {};
  }

  /** Delivers what was queued while offline; a failure is logged and retried at the next chance. */
  async flush(): Promise<void> {
    try {
      await this.parts.reporter.flush();
    } catch (e) {
      this.parts.log.warn(`report queue flush failed: ${errorText(e)}`);
    }
    this.parts.changed();
  }
}
