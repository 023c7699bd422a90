// The one query the Messages source runs: a fixed text, counts only, bounded by time. Never edit it to read more.
//
// Reads only the columns date, error, is_delivered, is_from_me, service and handle_id of `message`, aggregated to
// numbers: no text, attributed body, subject, handle, chat or attachment can come out of it. The time bounds come
// in as bound parameters (@cutoff_ns, @cutoff_s), never spliced into the text.

/** Seconds from 1970-01-01 to 2001-01-01, Apple's reference date for `message.date`. */
export const APPLE_EPOCH_UNIX_S = 978_307_200;

/** `date` values above this are nanoseconds (macOS 10.13+); below it, seconds (older releases). */
export const NANOSECOND_DATES_FROM = 100_000_000_000;

// `mine` reads the table once: outgoing iMessages and text messages (SMS/RCS) in the window. Every iMessage count comes
// from `recent`; the only thing taken from text messages is how many went out without an error (Text Message
// Forwarding works on this Mac, so the popover may say how to send one here).
export const MESSAGES_COUNT_QUERY = `WITH mine AS (
  SELECT
    (CASE WHEN date > ${NANOSECOND_DATES_FROM} THEN date / 1000000 ELSE date * 1000 END) + ${APPLE_EPOCH_UNIX_S}000 AS at_ms,
    service = 'iMessage' AS imessage,
    error <> 0 AS failed,
    error = 0 AND is_delivered = 1 AS delivered,
    handle_id AS recipient
  FROM message
  WHERE (date >= @cutoff_ns OR date BETWEEN @cutoff_s AND ${NANOSECOND_DATES_FROM})
    AND is_from_me = 1 AND service IN ('iMessage', 'SMS', 'RCS')
),
recent AS (SELECT at_ms, failed, delivered, recipient FROM mine WHERE imessage),
last AS (SELECT MAX(at_ms) AS at_ms FROM recent WHERE delivered)
SELECT
  COUNT(*) AS sent,
  COALESCE(SUM(failed), 0) AS failed,
  COALESCE(SUM(delivered), 0) AS delivered,
  COUNT(DISTINCT CASE WHEN failed THEN recipient END) AS failedRecipients,
  (SELECT at_ms FROM last) AS lastDeliveryAt,
  COALESCE(SUM(failed AND at_ms > COALESCE((SELECT at_ms FROM last), 0)), 0) AS failedSinceDelivery,
  COUNT(DISTINCT CASE WHEN failed AND at_ms > COALESCE((SELECT at_ms FROM last), 0) THEN recipient END) AS recipientsSinceDelivery,
  (SELECT COUNT(*) FROM mine WHERE NOT imessage AND NOT failed) AS smsSent
FROM recent;`;

/** The output columns, in the order the query names them: the only keys a reading may carry. */
export const MESSAGES_COUNT_COLUMNS = [
  'sent',
  'failed',
  'delivered',
  'failedRecipients',
  'lastDeliveryAt',
  'failedSinceDelivery',
  'recipientsSinceDelivery',
  'smsSent',
] as const;

/** The sqlite3 shell script for one read: busy timeout, JSON output, the two bound cutoffs, the fixed query. */
export function countScript(cutoffMs: number, busyTimeoutMs: number): string {
  const appleMs = BigInt(Math.max(0, Math.floor(cutoffMs) - APPLE_EPOCH_UNIX_S * 1000));
  // Nanoseconds exceed 2^53, so they are computed as BigInt and written as integer literals.
  const cutoffNs = appleMs * 1_000_000n;
  const cutoffS = appleMs / 1000n;
  return [
    `.timeout ${Math.max(0, Math.floor(busyTimeoutMs))}`,
    '.mode json',
    `.parameter set @cutoff_ns ${cutoffNs}`,
    `.parameter set @cutoff_s ${cutoffS}`,
    MESSAGES_COUNT_QUERY,
    '',
  ].join('\n');
}
