// The reply a report gets: built the same way live and when stored for an idempotency key.
import type { ReportResponse } from '../../contracts/aggregator-api.ts';

export interface Answer {
  status: number;
  body: string;
}

/** 202 with the id when counted; 200 duplicate (with the original id and when another report will count) otherwise. */
export function answerFor(report: { id: string }, accepted: boolean, retryAfterSec?: number): Answer {
  if (accepted) return acceptedAnswer(report.id);
  const body: ReportResponse = { accepted: false, reason: 'duplicate', id: report.id, ...(retryAfterSec ? { retryAfterSec } : {}) };
  return { status: 200, body: JSON.stringify(body) };
}

/** The 202 for a stored report; the same bytes as JSON.stringify({ id, accepted: true }) without the generic serialiser. */
export function acceptedAnswer(id: string): Answer {
  return { status: 202, body: `{"id":${JSON.stringify(id)},"accepted":true}` };
}
