// Validates a POST /v1/reports body into a typed report or a { error, field } for the 400.
import type { ReportBody } from '../../contracts/aggregator-api.ts';
import type { ProblemKind, ServiceId } from '../../contracts/status.ts';
import { PROBLEM_KINDS, SERVICE_IDS } from '../../contracts/status.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[\x21-\x7e]{1,128}$/;
const SHORT = /^[\x20-\x7e]{1,40}$/;

export type ValidReport = {
  service: ServiceId;
  kind: 'problem' | 'working';
  problem: ProblemKind | null;
  clientId: string;
  idempotencyKey: string | null;
  evidence: string | null;
};

export type Invalid = { error: string; field: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed JSON body; unknown top-level fields are ignored for forward compatibility. */
export function validateReport(raw: unknown): ValidReport | Invalid {
  if (!isObject(raw)) return { error: 'body must be a JSON object', field: 'body' };
  const body = raw as Partial<Record<keyof ReportBody, unknown>>;
  if (typeof body.service !== 'string' || !(SERVICE_IDS as readonly string[]).includes(body.service)) {
    return { error: `service must be one of ${SERVICE_IDS.join(', ')}`, field: 'service' };
  }
  if (body.kind !== 'problem' && body.kind !== 'working') return { error: 'kind must be "problem" or "working"', field: 'kind' };
  let problem: ProblemKind | null = null;
  if (body.kind === 'problem') {
    if (typeof body.problem !== 'string' || !(PROBLEM_KINDS as readonly string[]).includes(body.problem)) {
      return { error: `problem must be one of ${PROBLEM_KINDS.join(', ')}`, field: 'problem' };
    }
    problem = body.problem as ProblemKind;
  } else if (body.problem !== undefined) {
    return { error: 'problem is only allowed when kind is "problem"', field: 'problem' };
  }
  if (typeof body.clientId !== 'string' || !UUID.test(body.clientId)) return { error: 'clientId must be a UUID', field: 'clientId' };
  let idempotencyKey: string | null = null;
  if (body.idempotencyKey !== undefined) {
    if (typeof body.idempotencyKey !== 'string' || !KEY.test(body.idempotencyKey)) {
      return { error: 'idempotencyKey must be 1–128 printable ASCII characters', field: 'idempotencyKey' };
    }
    idempotencyKey = body.idempotencyKey;
  }
  const evidence = validateEvidence(body.evidence);
  if (evidence !== null && typeof evidence === 'object') return evidence;
  return { service: body.service as ServiceId, kind: body.kind, problem, clientId: body.clientId.toLowerCase(), idempotencyKey, evidence };
}

function validateEvidence(raw: unknown): string | null | Invalid {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) return { error: 'evidence must be an object', field: 'evidence' };
  const out: NonNullable<ReportBody['evidence']> = {};
  if (raw.local !== undefined) {
    if (typeof raw.local !== 'string' || !SHORT.test(raw.local))
      return { error: 'evidence.local must be a short string', field: 'evidence.local' };
    out.local = raw.local;
  }
  if (raw.failedProbes !== undefined) {
    const list = raw.failedProbes;
    if (!Array.isArray(list) || list.length > 16 || !list.every((p) => typeof p === 'string' && SHORT.test(p))) {
      return { error: 'evidence.failedProbes must be up to 16 short strings', field: 'evidence.failedProbes' };
    }
    out.failedProbes = list as string[];
  }
  if (raw.messages !== undefined) {
    // Three counts from the reporter's own Messages app, nothing else (see main/engine/messages).
    const m = raw.messages;
    const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000;
    if (
      !isObject(m) ||
      Object.keys(m).some((k) => !['sent', 'failed', 'recipients'].includes(k)) ||
      !count(m.sent) ||
      !count(m.failed) ||
      !count(m.recipients)
    ) {
      return { error: 'evidence.messages must be { sent, failed, recipients } as whole numbers', field: 'evidence.messages' };
    }
    out.messages = { sent: m.sent, failed: m.failed, recipients: m.recipients };
  }
  return JSON.stringify(out);
}

export function isInvalid(v: ValidReport | Invalid): v is Invalid {
  return 'error' in v;
}
