// What a valid report is, written once: the popover's request (IPC and browser mode), the engine's report sender and
// the aggregator's POST /v1/reports all check with these. Hand-written rather than zod: the aggregator runs it on every
// report it takes in, and each failure names its field, which the aggregator's 400 answers with.
import type { ReportBody } from './aggregator-api.ts';
import { PROBLEM_KINDS, SERVICE_IDS, type ProblemKind, type ReportRequest, type ServiceId } from './status.ts';

export const REPORT_KINDS = ['problem', 'working'] as const;

export const REPORT_LIMITS = {
  /** An idempotency key: printable ASCII, no spaces. */
  idempotencyKeyChars: 128,
  /** evidence.local and each of evidence.failedProbes: printable ASCII. */
  evidenceTextChars: 40,
  failedProbes: 16,
  /** Each of evidence.messages' counts, a whole number from 0. */
  messagesCount: 100_000,
} as const;

/** Why a report is refused, and the field at fault ("body" for the whole). */
export type InvalidReport = { error: string; field: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = new RegExp(`^[\\x21-\\x7e]{1,${REPORT_LIMITS.idempotencyKeyChars}}$`);
const SHORT = new RegExp(`^[\\x20-\\x7e]{1,${REPORT_LIMITS.evidenceTextChars}}$`);
const REQUEST_FIELDS = ['service', 'kind', 'problem'];
const MESSAGES_FIELDS = ['sent', 'failed', 'recipients'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (error: string, field: string): InvalidReport => ({ error, field });

export function isInvalidReport(v: object): v is InvalidReport {
  return 'error' in v;
}

/**
 * Checks what the user asks for (service, kind, and the problem of a problem report). `exactFields`: any other field
 * is refused too (the popover's request); the aggregator ignores unknown fields so that older servers take newer clients.
 */
export function checkReportRequest(raw: unknown, { exactFields = false } = {}): ReportRequest | InvalidReport {
  if (!isObject(raw)) return invalid('body must be a JSON object', 'body');
  const { service, kind, problem } = raw;
  if (typeof service !== 'string' || !(SERVICE_IDS as readonly string[]).includes(service)) {
    return invalid(`service must be one of ${SERVICE_IDS.join(', ')}`, 'service');
  }
  if (kind !== 'problem' && kind !== 'working') return invalid('kind must be "problem" or "working"', 'kind');
  if (kind === 'working' && problem !== undefined) return invalid('problem is only allowed when kind is "problem"', 'problem');
  if (kind === 'problem' && (typeof problem !== 'string' || !(PROBLEM_KINDS as readonly string[]).includes(problem))) {
    return invalid(`problem must be one of ${PROBLEM_KINDS.join(', ')}`, 'problem');
  }
  const unknown = exactFields ? Object.keys(raw).find((key) => !REQUEST_FIELDS.includes(key)) : undefined;
  if (unknown !== undefined) return invalid(`${unknown} is not a field of a report`, unknown);
  // A fresh object: nothing of the caller's (a prototype, extra fields) travels on.
  const request: ReportRequest = { service: service as ServiceId, kind };
  if (kind === 'problem') request.problem = problem as ProblemKind;
  return request;
}

/** Checks a POST /v1/reports body: the request, the install's id, the idempotency key and the small evidence. */
export function checkReportBody(raw: unknown): ReportBody | InvalidReport {
  const request = checkReportRequest(raw);
  if (isInvalidReport(request)) return request;
  const { clientId, idempotencyKey, evidence } = raw as Record<string, unknown>;
  if (typeof clientId !== 'string' || !UUID.test(clientId)) return invalid('clientId must be a UUID', 'clientId');
  const body: ReportBody = { ...request, clientId };
  if (idempotencyKey !== undefined) {
    if (typeof idempotencyKey !== 'string' || !KEY.test(idempotencyKey)) {
      return invalid(`idempotencyKey must be 1–${REPORT_LIMITS.idempotencyKeyChars} printable ASCII characters`, 'idempotencyKey');
    }
    body.idempotencyKey = idempotencyKey;
  }
  if (evidence === undefined || evidence === null) return body;
  const checked = checkEvidence(evidence);
  if (isInvalidReport(checked)) return checked;
  body.evidence = checked;
  return body;
}

type Evidence = NonNullable<ReportBody['evidence']>;

function checkEvidence(raw: unknown): Evidence | InvalidReport {
  if (!isObject(raw)) return invalid('evidence must be an object', 'evidence');
  const out: Evidence = {};
  if (raw.local !== undefined) {
    if (typeof raw.local !== 'string' || !SHORT.test(raw.local)) return invalid('evidence.local must be a short string', 'evidence.local');
    out.local = raw.local;
  }
  if (raw.failedProbes !== undefined) {
    const list = raw.failedProbes;
    if (!Array.isArray(list) || list.length > REPORT_LIMITS.failedProbes || !list.every((p) => typeof p === 'string' && SHORT.test(p))) {
      return invalid(`evidence.failedProbes must be up to ${REPORT_LIMITS.failedProbes} short strings`, 'evidence.failedProbes');
    }
    out.failedProbes = list as string[];
  }
  if (raw.messages !== undefined) {
    // Three counts from the reporter's own Messages app, nothing else (see main/engine/messages).
    const m = raw.messages;
    const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= REPORT_LIMITS.messagesCount;
    if (
      !isObject(m) ||
      Object.keys(m).some((k) => !MESSAGES_FIELDS.includes(k)) ||
      !count(m.sent) ||
      !count(m.failed) ||
      !count(m.recipients)
    ) {
      return invalid('evidence.messages must be { sent, failed, recipients } as whole numbers', 'evidence.messages');
    }
    out.messages = { sent: m.sent, failed: m.failed, recipients: m.recipients };
  }
  return out;
}
