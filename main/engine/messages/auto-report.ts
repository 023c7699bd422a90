// "Report automatically when my iMessages fail": one problem report per iMessage outage, carrying the counts.
import type { Settings } from '../../../contracts/settings.ts';
import type { ReportOutcome, ReportRequest, ServiceState } from '../../../contracts/status.ts';
import type { MessagesWatch } from './watch.ts';

export interface AutoReportParts {
  watch: MessagesWatch;
  settings: () => Settings;
  /** The shown iMessage state after this round's hysteresis. */
  imessageState: () => ServiceState;
  /** Submits through the engine's report path (evidence, offline queue). */
  submit: (request: ReportRequest) => Promise<ReportOutcome>;
  log: (line: string) => void;
}

/** Sends at most one report per outage: re-armed only once iMessage is shown working again. */
export class MessagesAutoReport {
  private reportedThisOutage = false;

  constructor(private readonly parts: AutoReportParts) {}

  /** Called after each round's alerts; never throws. */
  afterRound(): void {
    const { watch, settings, imessageState, submit, log } = this.parts;
    const state = imessageState();
    if (state === 'operational') this.reportedThisOutage = false;
    // Only failed sends are "not delivered": messages that went as text messages did arrive.
    if (state !== 'outage' || this.reportedThisOutage || !watch.status().failing) return;
    const current = settings();
    if (!current.messagesAutoReport || !current.communityReports) return;
    this.reportedThisOutage = true;
    submit({ service: 'imessage', kind: 'problem', problem: 'not-delivered' }).then(
      (outcome) => log(`automatic iMessage report: ${outcome.result}`),
      (e: unknown) => log(`automatic iMessage report failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
}
