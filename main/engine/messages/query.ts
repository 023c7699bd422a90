// The one query the Messages source runs: a fixed text, counts only, bounded by time. Never edit it to read more.
//
// Reads only the columns date, error, is_delivered, is_from_me, service and handle_id of `message`, and ROWID and id
// of `handle` (only to match people inside SQLite: every service has its own handle row for the same phone number),
// aggregated to numbers: no text, attributed body, subject, handle, chat or attachment can come out of it. The time
// bounds come in as bound parameters (@cutoff_ns, @cutoff_s, @known_ns, @known_s), never spliced into the text.

/** Seconds from 1970-01-01 to 2001-01-01, Apple's reference date for `message.date`. */
export const APPLE_EPOCH_UNIX_S = 978_307_200;

/** `date` values above this are nanoseconds (macOS 10.13+); below it, seconds (older releases). */
export const NANOSECOND_DATES_FROM = 100_000_000_000;

/** Someone this Mac's iMessages reached this recently uses iMessage: a text message to them went green. */
export const IMESSAGE_USERS_LOOKBACK_MS = 30 * 24 * 60 * 60_000;

// `mine` reads the window once: outgoing iMessages and text messages (SMS/RCS). Every iMessage count comes from
// `recent`. Text messages count twice over: how many went out without an error (Text Message Forwarding works on this
// Mac, so the popover may say how to send one here), and `green`: those since the last delivered iMessage to people
// whom this Mac's iMessages reached in the last 30 days (messages falling back to SMS). A failed text message is the
// carrier's problem, not a fallback, so it is not green.
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
last AS (SELECT MAX(at_ms) AS at_ms FROM recent WHERE delivered),
green AS (
  SELECT person.id AS person
  FROM mine JOIN handle AS person ON person.ROWID = mine.recipient
  WHERE NOT imessage AND NOT failed AND at_ms > COALESCE((SELECT at_ms FROM last), 0)
    AND EXISTS (
      SELECT 1 FROM handle AS known JOIN message AS earlier ON earlier.handle_id = known.ROWID
      WHERE known.id = person.id AND earlier.is_from_me = 1 AND earlier.service = 'iMessage'
        AND earlier.error = 0 AND earlier.is_delivered = 1
        AND (earlier.date >= @known_ns OR earlier.date BETWEEN @known_s AND ${NANOSECOND_DATES_FROM})
    )
)
SELECT
  COUNT(*) AS sent,
  COALESCE(SUM(failed), 0) AS failed,
  COALESCE(SUM(delivered), 0) AS delivered,
  COUNT(DISTINCT CASE WHEN failed THEN recipient END) AS failedRecipients,
  (SELECT at_ms FROM last) AS lastDeliveryAt,
  COALESCE(SUM(failed AND at_ms > COALESCE((SELECT at_ms FROM last), 0)), 0) AS failedSinceDelivery,
  COUNT(DISTINCT CASE WHEN failed AND at_ms > COALESCE((SELECT at_ms FROM last), 0) THEN recipient END) AS recipientsSinceDelivery,
  (SELECT COUNT(*) FROM mine WHERE NOT imessage AND NOT failed) AS smsSent,
  (SELECT COUNT(*) FROM green) AS greenSent,
  (SELECT COUNT(DISTINCT person) FROM green) AS greenRecipients
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
  'greenSent',
  'greenRecipients',
] as const;

/** Apple's `date` bounds for an epoch-ms time: nanoseconds (computed as BigInt: they exceed 2^53) and seconds. */
function appleBounds(atMs: number): { ns: bigint; s: bigint } {
  const appleMs = BigInt(Math.max(0, Math.floor(atMs) - APPLE_EPOCH_UNIX_S * 1000));
  return { ns: appleMs * 1_000_000n, s: appleMs / 1000n };
}

/** The sqlite3 shell script for one read: busy timeout, JSON output, the four bound cutoffs, the fixed query. */
export function countScript(cutoffMs: number, busyTimeoutMs: number): string {
  const cutoff = appleBounds(cutoffMs);
  const known = appleBounds(cutoffMs - IMESSAGE_USERS_LOOKBACK_MS);
  return [
    `.timeout ${Math.max(0, Math.floor(busyTimeoutMs))}`,
    '.mode json',
    `.parameter set @cutoff_ns ${cutoff.ns}`,
    `.parameter set @cutoff_s ${cutoff.s}`,
    `.parameter set @known_ns ${known.ns}`,
    `.parameter set @known_s ${known.s}`,
    MESSAGES_COUNT_QUERY,
    '',
  ].join('\n');
}
