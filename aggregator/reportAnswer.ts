// The reply a report gets: built the same way live and when stored for an idempotency key.
import type { ReportResponse } from '../contracts/aggregator-api.ts';

export interface Answer {
  status: number;
  body: string;
}

/** 202 with the id when counted; 200 duplicate (with the original id and when another report will count) otherwise. */
export function answerFor(report: { id: string }, accepted: boolean, retryAfterSec?: number): Answer {
  const body: ReportResponse = accepted
    ? { id: report.id, accepted: true }
    : { accepted: false, reason: 'duplicate', id: report.id, ...(retryAfterSec ? { retryAfterSec } : {}) };
  return { status: accepted ? 202 : 200, body: JSON.stringify(body) };
}
