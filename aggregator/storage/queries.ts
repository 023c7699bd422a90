// The SQL the batch writer runs; shared by both backends.
import type { ProblemKind } from '../../contracts/status.ts';

export const PROBLEM_COLUMNS: [ProblemKind, string][] = [
  ['not-delivered', 'not_delivered'],
  ['cannot-sign-in', 'cannot_sign_in'],
  ['activation', 'activation'],
  ['calls-fail', 'calls_fail'],
  ['other', 'other'],
];
export const COUNT_COLUMNS = ['reports', 'clients', 'working', 'networks', ...PROBLEM_COLUMNS.map(([, c]) => c)];

const PROBLEM_COUNTS = PROBLEM_COLUMNS.map(([p, c]) => `count(*) FILTER (WHERE counted AND problem = '${p}')::int AS ${c}`).join(', ');
/** Whether the existing claim of kind `k` (problems / working) is older than the claim window ($12). */
const expired = (k: string) => `c.${k}_at <= EXCLUDED.${k}_at - $12::bigint`;
const claimSet = (k: string) =>
  `${k}_at = CASE WHEN EXCLUDED.${k} > 0 AND ${expired(k)} THEN EXCLUDED.${k}_at ELSE c.${k}_at END,
   ${k} = CASE WHEN EXCLUDED.${k} = 0 THEN c.${k} WHEN ${expired(k)} THEN EXCLUDED.${k} ELSE c.${k} + EXCLUDED.${k} END`;

/** A network's first problem report in an hour ($18, aligned) opens its hour: the baseline counts it once there. */
const HOUR_SET = `hour_until = CASE WHEN EXCLUDED.hour_problems > 0 AND c.hour_until < EXCLUDED.hour_until THEN EXCLUDED.hour_until ELSE c.hour_until END,
   hour_problems = CASE WHEN EXCLUDED.hour_problems = 0 THEN c.hour_problems WHEN c.hour_until < EXCLUDED.hour_until THEN EXCLUDED.hour_problems
     ELSE c.hour_problems + EXCLUDED.hour_problems END`;

/**
 * One statement per batch:
 * 1. drop the reports whose idempotency key already has a stored answer ($13: they are answered with it), claim dedup
 *    slots (a clientId deduplicates within its network);
 * 2. add each network's problem / working reports to its claim (reset when older than the claim window), row-locked,
 *    so two nodes racing on one network still count exactly: a report counts only while its claim holds ≤ cap ($11);
 * 3. store the counted reports raw; the rest only add to their network's overflow counter for the claim window
 *    (operators see a flood's size; a flood costs one row per network and window, not one per report);
 * 4. fold the counted reports into the bucket aggregates; `networks` counts claims opened by a problem report, which
 *    happens at most once per network inside any window of windowBuckets buckets.
 * It returns the ids that lost a dedup race (usually none), for each bucket it touched, the bucket's totals after
 * this commit (every node's reports so far), so a node's memory can only ever move up to a value the database held,
 * and one row with `opened`: per report (1-based position × 4) that opened its claim of its kind (+1) and/or its hour
 * (+2). From those the caller adds this batch's provider delta to memory (never above the stored sum).
 */
export const WRITE_REPORTS = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
      $14::text[], $15::text[], $16::text[], $17::text[])
      WITH ORDINALITY AS i(id, service, kind, problem, client_id, at, evidence, network, provider, grp, country, previous, n)
    WHERE i.id <> ALL($13::text[])
  ), won AS (
    INSERT INTO dedup (service, client_id, at, report_id) SELECT service, network || ':' || client_id, at, id FROM input
    ON CONFLICT (service, client_id) DO UPDATE SET at = EXCLUDED.at, report_id = EXCLUDED.report_id
    WHERE dedup.at <= EXCLUDED.at - $9::bigint
    RETURNING report_id
  ), winners AS (
    -- Just after midnight a network whose claim under yesterday's id still runs stays on it ($17): it counts once.
    SELECT i.n, i.id, i.service, i.kind, i.problem, i.client_id, i.at, i.evidence, i.provider, i.grp, i.country,
      CASE WHEN i.previous IS NULL THEN i.network ELSE COALESCE((SELECT y.network FROM network_claims y
        WHERE y.service = i.service AND y.network = i.previous
          AND CASE WHEN i.kind = 'problem' THEN y.problems_at ELSE y.working_at END > i.at - $12::bigint), i.network) END AS network
    FROM input i JOIN won ON won.report_id = i.id
  ), deltas AS (
    SELECT service, network, min(at) AS at,
      count(*) FILTER (WHERE kind = 'problem')::int AS dp, count(*) FILTER (WHERE kind = 'working')::int AS dw
    FROM winners GROUP BY service, network
  ), claimed AS (
    INSERT INTO network_claims AS c (service, network, problems_at, problems, working_at, working, hour_until, hour_problems)
    SELECT service, network, CASE WHEN dp > 0 THEN at ELSE 0 END, dp, CASE WHEN dw > 0 THEN at ELSE 0 END, dw,
      CASE WHEN dp > 0 THEN at - mod(at, $18::bigint) + $18::bigint ELSE 0 END, dp FROM deltas ORDER BY 1, 2
    ON CONFLICT (service, network) DO UPDATE SET ${claimSet('problems')}, ${claimSet('working')}, ${HOUR_SET}
    RETURNING service, network, problems, working, hour_problems
  ), ranked AS (
    SELECT s.n, s.id, s.service, s.kind, s.problem, s.client_id, s.at, s.evidence, s.network, s.at - mod(s.at, $10::bigint) AS bucket_start,
      CASE WHEN s.kind = 'problem' THEN c.problems - d.dp ELSE c.working - d.dw END + row_number() OVER w <= $11::int AS counted,
      s.kind = 'problem' AND c.problems = d.dp AND row_number() OVER w = 1 AS opened,
      CASE WHEN s.kind = 'problem' THEN c.problems = d.dp ELSE c.working = d.dw END AND row_number() OVER w = 1 AS opened_kind,
      s.kind = 'problem' AND c.hour_problems = d.dp AND row_number() OVER w = 1 AS hour_first, s.provider, s.grp, s.country
    FROM winners s JOIN deltas d ON d.service = s.service AND d.network = s.network
      JOIN claimed c ON c.service = s.service AND c.network = s.network
    WINDOW w AS (PARTITION BY s.service, s.network, s.kind ORDER BY s.at, s.id)
  ), stored AS (
    INSERT INTO reports (id, service, kind, problem, client_id, at, evidence, network)
    SELECT id, service, kind, problem, client_id, at, evidence, network FROM ranked WHERE counted
  ), overflow AS (
    INSERT INTO network_overflow AS o (service, network, window_start, problems, working)
    SELECT service, network, at - mod(at, $12::bigint), count(*) FILTER (WHERE kind = 'problem')::int,
      count(*) FILTER (WHERE kind = 'working')::int
    FROM ranked WHERE NOT counted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (service, network, window_start) DO UPDATE SET problems = o.problems + EXCLUDED.problems, working = o.working + EXCLUDED.working
  ), buckets AS (
    SELECT service, bucket_start, count(*) FILTER (WHERE counted AND kind = 'problem')::int AS reports,
      count(DISTINCT client_id) FILTER (WHERE counted AND kind = 'problem')::int AS clients,
      count(*) FILTER (WHERE counted AND kind = 'working')::int AS working, count(*) FILTER (WHERE opened)::int AS networks,
      ${PROBLEM_COUNTS}
    FROM ranked GROUP BY 1, 2 HAVING bool_or(counted)
  ), provided AS (
    -- Counted networks per provider, /32 group and country ($14-$16): diversity, baseline samples, top countries.
    -- Appended as this batch's delta (readers sum): no conflict check on a six-column key, no row lock, nothing returned.
    INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
    SELECT service, bucket_start, kind, provider, grp, country, count(*) FILTER (WHERE opened_kind)::int, count(*) FILTER (WHERE hour_first)::int
    FROM ranked WHERE opened_kind OR hour_first GROUP BY 1, 2, 3, 4, 5, 6
  ), folded AS (
    INSERT INTO aggregates (service, bucket_start, ${COUNT_COLUMNS.join(', ')})
    SELECT service, bucket_start, ${COUNT_COLUMNS.join(', ')} FROM buckets ORDER BY 1, 2
    ON CONFLICT (service, bucket_start) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = aggregates.${c} + EXCLUDED.${c}`).join(', ')}
    RETURNING service, bucket_start, ${COUNT_COLUMNS.join(', ')}
  )
  SELECT i.id, NULL::text AS service, NULL::bigint AS bucket_start, ${COUNT_COLUMNS.map((c) => `NULL::int AS ${c}`).join(', ')},
      NULL::int[] AS opened
    FROM input i WHERE NOT EXISTS (SELECT 1 FROM won WHERE won.report_id = i.id)
  UNION ALL SELECT NULL, service, bucket_start, ${COUNT_COLUMNS.join(', ')}, NULL FROM folded
  UNION ALL SELECT NULL, NULL, NULL, ${COUNT_COLUMNS.map(() => 'NULL').join(', ')},
      array_agg(n::int * 4 + CASE WHEN opened_kind THEN 1 ELSE 0 END + CASE WHEN hour_first THEN 2 ELSE 0 END)
    FROM ranked WHERE opened_kind OR hour_first HAVING count(*) > 0`;
/** The stored answers of idempotency keys (those this node no longer holds in memory). */
export const FIND_ANSWERS = `SELECT key, status, body FROM idempotency WHERE key = ANY($1::text[])`;
/** Keys answered since $1, after ($2, $3) in (at, key) order, at most $4: a page of what an owning node restores. */
export const ANSWERED_KEYS = `SELECT key, at FROM idempotency WHERE at >= $1::bigint AND (at, key) > ($2::bigint, $3::text)
  ORDER BY at, key LIMIT $4::int`;
export const INSERT_ANSWERS = `INSERT INTO idempotency (key, status, body, at)
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[]) ON CONFLICT (key) DO NOTHING`;

/** Where WRITE_OWNED's idempotency answers start: after the aggregates' service, bucket and count columns. */
export const OWNED_ANSWERS_AT = 13 + COUNT_COLUMNS.length;
/**
 * A batch whose claims were decided in memory by the only writer (storage/owned-batch.ts has the parameters): appends
 * the counted reports as one row, and the provider deltas as one row per bucket (provider-fold.ts folds them), adds to
 * the overflow counters and the bucket aggregates,
 * stores the batch's idempotency answers, and returns each touched bucket's stored totals. No claim, dedup or ranking
 * work, and one statement (atomic alone, no transaction) even with answers: that is what makes it cheap.
 */
export const WRITE_OWNED = `WITH stored AS (
    INSERT INTO report_batches (first_at, last_at, reports) SELECT $1::bigint, $2::bigint, $3::text WHERE $3::text IS NOT NULL
  ), overflow AS (
    INSERT INTO network_overflow AS o (service, network, window_start, problems, working)
    SELECT * FROM unnest($4::text[], $5::text[], $6::bigint[], $7::int[], $8::int[])
    ON CONFLICT (service, network, window_start) DO UPDATE SET problems = o.problems + EXCLUDED.problems, working = o.working + EXCLUDED.working
  ), provided AS (
    INSERT INTO provider_batches (bucket_start, deltas) SELECT * FROM unnest($9::bigint[], $10::text[])
  ), answered AS (
    INSERT INTO idempotency (key, status, body, at)
    SELECT * FROM unnest($${OWNED_ANSWERS_AT}::text[], $${OWNED_ANSWERS_AT + 1}::int[], $${OWNED_ANSWERS_AT + 2}::text[], $${OWNED_ANSWERS_AT + 3}::bigint[])
    ON CONFLICT (key) DO NOTHING
  )
  INSERT INTO aggregates (service, bucket_start, ${COUNT_COLUMNS.join(', ')})
  SELECT * FROM unnest($11::text[], $12::bigint[], ${COUNT_COLUMNS.map((_, i) => `$${13 + i}::int[]`).join(', ')})
  ON CONFLICT (service, bucket_start) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = aggregates.${c} + EXCLUDED.${c}`).join(', ')}
  RETURNING service, bucket_start, ${COUNT_COLUMNS.join(', ')}`;

/**
 * Counted reports since a time, oldest first, at most $2: what an owning node replays into its claims and dedup after a
 * restart (bounded, so a restart in a flood can't read millions of rows into memory). Not through the counted_reports
 * view: there `at` is computed from the JSON, so every batch of the 7 days would be expanded; here `last_at` skips them.
 */
export const RECENT_COUNTED = `SELECT * FROM (
    SELECT id, service, network, kind, client_id, at FROM reports WHERE at >= $1::bigint
    UNION ALL SELECT r->>0, r->>1, r->>7, r->>2, r->>4, (r->>5)::bigint
      FROM report_batches b, json_array_elements(b.reports::json) r WHERE b.last_at >= $1::bigint
  ) counted WHERE at >= $1::bigint ORDER BY at LIMIT $2::int`;
/** The latest end of a claim storage still holds (the shared statement's, or an owning node's before it): 0 if none. */
export const STORED_CLAIMS_UNTIL = `SELECT COALESCE(max(GREATEST(CASE WHEN problems > 0 THEN problems_at + $1::bigint ELSE 0 END,
    CASE WHEN working > 0 THEN working_at + $1::bigint ELSE 0 END, hour_until)), 0) AS until FROM network_claims`;
