// What the opt-in Messages source (this Mac's own chat.db, counts only) hands the engine and the popover.

/** Counts of this Mac's outgoing iMessages in the recent window; never text, people or chats. */
export interface MessagesCounts {
  /** Length of the window the counts cover, ms. */
  windowMs: number;
  /** Outgoing iMessages in the window (SMS/RCS and incoming never count). */
  sent: number;
  /** Of those, marked "Not Delivered" (non-zero error). */
  failed: number;
  /** Of those, delivered. */
  delivered: number;
  /** Distinct recipients the failures went to (a count of ids, never the ids). */
  failedRecipients: number;
  /** Epoch ms of the last delivered iMessage in the window, null when none. */
  lastDeliveryAt: number | null;
  /** Failures after the last delivery (all failures when nothing was delivered). */
  failedSinceDelivery: number;
  /** Distinct recipients of those failures. */
  recipientsSinceDelivery: number;
  /** Outgoing SMS/RCS this Mac sent without an error in the window (Text Message Forwarding works here); absent where not counted. */
  smsSent?: number;
  /** Of those, sent since the last delivered iMessage to people this Mac's iMessages reached in the last 30 days (gone green). */
  greenSent?: number;
  /** Distinct people those went to (a count, never who). */
  greenRecipients?: number;
}

/**
 * The source's state: `off` (not opted in, or not a Mac), `ok`, `missing` (no database file), `no-permission`
 * (macOS Full Disk Access not granted), `unsupported` (not a Messages database, or one without the columns we read),
 * `busy` (locked longer than the busy timeout; the next round retries), `error` (anything else, e.g. no sqlite3).
 */
export type MessagesSourceState = 'off' | 'ok' | 'missing' | 'no-permission' | 'unsupported' | 'busy' | 'error';

export interface MessagesStatus {
  state: MessagesSourceState;
  /** One sentence for the popover and the CLI. */
  message: string;
  /** Epoch ms of the last read attempt, null before the first. */
  readAt: number | null;
  counts: MessagesCounts | null;
  /** The counts are strong evidence: iMessages to 2+ people failed in the window with nothing delivered since. */
  failing: boolean;
}

/** System Settings → Privacy & Security → Full Disk Access. */
export const FULL_DISK_ACCESS_URL = 'x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles';

/** Fewest distinct recipients whose failures count as evidence: one recipient alone is likely a wrong number. */
export const MIN_FAILED_RECIPIENTS = 2;
