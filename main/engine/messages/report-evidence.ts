// The counts a problem report carries when this Mac's iMessages fail: three numbers, nothing that identifies anyone.
import type { MessagesCounts } from '../../../contracts/messages.ts';

export interface MessagesReportEvidence {
  /** Outgoing iMessages in the window. */
  sent: number;
  /** Of those, failed since the last delivery. */
  failed: number;
  /** Distinct recipients of those failures. */
  recipients: number;
}

/** The report's `evidence.messages` for these counts, or undefined when nothing failed. */
export function reportEvidence(counts: MessagesCounts | null): MessagesReportEvidence | undefined {
  if (!counts || counts.failedSinceDelivery === 0) return undefined;
  return { sent: counts.sent, failed: counts.failedSinceDelivery, recipients: counts.recipientsSinceDelivery };
}
