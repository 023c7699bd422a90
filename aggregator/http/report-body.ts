// A POST /v1/reports body, checked by the one report schema (contracts/report-schema.ts), in the form intake stores:
// a typed report, or a { error, field } for the 400.
import { checkReportBody, isInvalidReport, type InvalidReport } from '../../contracts/report-schema.ts';
import type { ProblemKind, ServiceId } from '../../contracts/status.ts';

export type ValidReport = {
  service: ServiceId;
  kind: 'problem' | 'working';
  problem: ProblemKind | null;
  clientId: string;
  idempotencyKey: string | null;
  /** The evidence as stored: compact JSON of the checked fields only. */
  evidence: string | null;
};

export type Invalid = InvalidReport;

/** Checks a parsed JSON body; unknown top-level fields are ignored for forward compatibility. */
export function validateReport(raw: unknown): ValidReport | Invalid {
  const body = checkReportBody(raw);
  if (isInvalidReport(body)) return body;
  return {
    service: body.service,
    kind: body.kind,
    problem: body.problem ?? null,
    clientId: body.clientId.toLowerCase(),
    idempotencyKey: body.idempotencyKey ?? null,
    evidence: body.evidence ? JSON.stringify(body.evidence) : null,
  };
}

export function isInvalid(v: ValidReport | Invalid): v is Invalid {
  return 'error' in v;
}
