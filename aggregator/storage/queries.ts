// The SQL the batch writer runs; shared by both backends.
import type { ProblemKind } from '../../contracts/status.ts';

export const PROBLEM_COLUMNS: [ProblemKind, string][] = [
  ['not-delivered', 'not_delivered'],
  ['cannot-sign-in', 'cannot_sign_in'],
  ['activation', 'activation'],
  ['calls-fail', 'calls_fail'],
  ['other', 'other'],
];
export const COUNT_COLUMNS = ['reports', 'clients', 'working', ...PROBLEM_COLUMNS.map(([, c]) => c)];

const PROBLEM_COUNTS = PROBLEM_COLUMNS.map(([p]) => `count(*) FILTER (WHERE problem = '${p}')`).join(', ');
// One statement per batch: claim dedup slots, store the winners, fold them into the bucket aggregates; it returns only
// the ids that lost a dedup race (usually none), so the answer stays small.
export const WRITE_REPORTS = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
      AS i(id, service, kind, problem, client_id, at, evidence)
  ), won AS (
    INSERT INTO dedup (service, client_id, at, report_id) SELECT service, client_id, at, id FROM input
    ON CONFLICT (service, client_id) DO UPDATE SET at = EXCLUDED.at, report_id = EXCLUDED.report_id
    WHERE dedup.at <= EXCLUDED.at - $8::bigint
    RETURNING report_id
  ), stored AS (
    INSERT INTO reports (id, service, kind, problem, client_id, at, evidence)
    SELECT i.id, i.service, i.kind, i.problem, i.client_id, i.at, i.evidence FROM input i JOIN won ON won.report_id = i.id
    RETURNING id, service, kind, problem, client_id, at
  ), counted AS (
    INSERT INTO aggregates (service, bucket_start, ${COUNT_COLUMNS.join(', ')})
    SELECT service, at - mod(at, $9::bigint), count(*) FILTER (WHERE kind = 'problem'),
      count(DISTINCT client_id) FILTER (WHERE kind = 'problem'), count(*) FILTER (WHERE kind = 'working'), ${PROBLEM_COUNTS}
    FROM stored GROUP BY 1, 2
    ON CONFLICT (service, bucket_start) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = aggregates.${c} + EXCLUDED.${c}`).join(', ')}
  )
  SELECT i.id FROM input i WHERE NOT EXISTS (SELECT 1 FROM won WHERE won.report_id = i.id)`;
export const INSERT_ANSWERS = `INSERT INTO idempotency (key, status, body, at)
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[]) ON CONFLICT (key) DO NOTHING`;
