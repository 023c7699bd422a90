// A batch whose claims were decided in memory (intake/owned-claims.ts), as the parameters of one plain statement: the
// counted reports, the overflow counters, the provider rows and the bucket deltas are all computed here, so storage
// only appends and adds (no claim or dedup rows, no ranking).
import { acceptedAnswer } from '../http/report-answer.ts';
import { PROBLEM_COLUMNS } from './queries.ts';
import { textArray } from './report-batch.ts';
import type { PendingReport, StoredAnswer } from './store-rows.ts';

/** What the claim rules made of a report (the part of ClaimDecision storage needs). */
export interface OwnedOutcome {
  network: string;
  counted: boolean;
  openedKind: boolean;
  hourFirst: boolean;
}

/** The statement's parameters (see WRITE_OWNED), the idempotency answers among them included. */
export interface OwnedBatch {
  size: number;
  /** NULL only for the reports' JSON when the batch counted none. */
  params: (string | null)[];
}

export interface OwnedTiming {
  bucketMs: number;
  claimWindowMs: number;
}

const ints = (xs: readonly number[]): string => ['{', xs.join(','), '}'].join('');

/**
 * Encodes decided reports; `opened` gets, per report that opened its claim or its hour, its position in the whole
 * batch (`positions[i]`, 1-based) × 4 + 1 (claim of its kind) + 2 (hour): what the shared statement returns, so the
 * caller adds the same provider delta to memory either way.
 */
export function encodeOwned(
  reports: readonly PendingReport[],
  outcomes: readonly OwnedOutcome[],
  positions: readonly number[],
  timing: OwnedTiming,
  opened: number[],
  /** Answers stored with the batch besides its own keyed reports' (duplicates answered meanwhile). */
  answers: readonly StoredAnswer[] = [],
): OwnedBatch {
  const stored: PendingReport[] = [];
  const storedNetworks: string[] = [];
  const overflow = new Map<string, { service: string; network: string; window: number; problems: number; working: number }>();
  // One provider row per key the batch opened a claim or an hour in (readers sum them): a real outage's networks
  // crowd into a few providers, so this is often far fewer rows than reports.
  const providerRows = new Map<string, ProviderRow>();
  const buckets = new Map<string, { service: string; bucket: number; counts: number[]; clients: Set<string> }>();
  const answered: StoredAnswer[] = [...answers];
  for (let i = 0; i < reports.length; i += 1) {
    const r = reports[i] as PendingReport;
    const o = outcomes[i] as OwnedOutcome;
    const bucket = r.at - (r.at % timing.bucketMs);
    if (o.openedKind || o.hourFirst) {
      opened.push((positions[i] as number) * 4 + (o.openedKind ? 1 : 0) + (o.hourFirst ? 2 : 0));
      const { provider, group, country } = r.origin;
      const key = `${r.service}|${bucket}|${r.kind}|${provider}|${group}|${country}`;
      let row = providerRows.get(key);
      if (!row)
        providerRows.set(key, (row = { service: r.service, bucket, kind: r.kind, provider, group, country, networks: 0, hourNetworks: 0 }));
      if (o.openedKind) row.networks += 1;
      if (o.hourFirst) row.hourNetworks += 1;
    }
    // Every report this statement writes or counts over its cap is accepted: its key's answer is the 202.
    if (r.idempotencyKey) answered.push({ key: r.idempotencyKey, at: r.at, ...acceptedAnswer(r.id) });
    if (!o.counted) {
      const window = r.at - (r.at % timing.claimWindowMs);
      const key = `${r.service}|${o.network}|${window}`;
      let row = overflow.get(key);
      if (!row) overflow.set(key, (row = { service: r.service, network: o.network, window, problems: 0, working: 0 }));
      if (r.kind === 'problem') row.problems += 1;
      else row.working += 1;
      continue;
    }
    stored.push(r);
    storedNetworks.push(o.network);
    const key = `${r.service}|${bucket}`;
    let b = buckets.get(key);
    if (!b)
      buckets.set(
        key,
        (b = { service: r.service, bucket, counts: new Array<number>(4 + PROBLEM_COLUMNS.length).fill(0), clients: new Set() }),
      );
    // COUNT_COLUMNS order: reports, clients, working, networks, then one per problem kind.
    if (r.kind === 'problem') {
      b.counts[0] = (b.counts[0] as number) + 1;
      b.clients.add(r.clientId);
      if (o.openedKind) b.counts[3] = (b.counts[3] as number) + 1;
      const p = PROBLEM_COLUMNS.findIndex(([kind]) => kind === r.problem);
      if (p >= 0) b.counts[4 + p] = (b.counts[4 + p] as number) + 1;
    } else {
      b.counts[2] = (b.counts[2] as number) + 1;
    }
  }
  const over = [...overflow.values()].sort((a, b) => cmp(a.service, b.service) || cmp(a.network, b.network) || a.window - b.window);
  const rows = [...buckets.values()].sort((a, b) => cmp(a.service, b.service) || a.bucket - b.bucket);
  for (const b of rows) b.counts[1] = b.clients.size;
  const provided = [...providerRows.values()];
  return {
    size: reports.length,
    params: [
      ...storedBatch(stored, storedNetworks),
      textArray(over.map((o) => o.service)),
      textArray(over.map((o) => o.network)),
      ints(over.map((o) => o.window)),
      ints(over.map((o) => o.problems)),
      ints(over.map((o) => o.working)),
      textArray(provided.map((p) => p.service)),
      ints(provided.map((p) => p.bucket)),
      textArray(provided.map((p) => p.kind)),
      textArray(provided.map((p) => p.provider)),
      textArray(provided.map((p) => p.group)),
      textArray(provided.map((p) => p.country)),
      ints(provided.map((p) => p.networks)),
      ints(provided.map((p) => p.hourNetworks)),
      textArray(rows.map((b) => b.service)),
      ints(rows.map((b) => b.bucket)),
      ...(rows[0] === undefined
        ? new Array<string>(4 + PROBLEM_COLUMNS.length).fill('{}')
        : (rows[0].counts.map((_, c) => ints(rows.map((b) => b.counts[c] as number))) as string[])),
      textArray(answered.map((a) => a.key)),
      ints(answered.map((a) => a.status)),
      textArray(answered.map((a) => a.body)),
      ints(answered.map((a) => a.at)),
    ],
  };
}

interface ProviderRow {
  service: string;
  bucket: number;
  kind: string;
  provider: string;
  group: string;
  country: string;
  networks: number;
  hourNetworks: number;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The counted reports as one row's parameters (report_batches): first and last time, and one JSON text of rows in
 * the order the report_batches migration names (NULL when the batch counted none). One row a batch, not one a report: storage no longer
 * parses eight arrays and inserts a heap tuple per report, which was most of the batch statement's cost.
 */
function storedBatch(stored: readonly PendingReport[], networks: readonly string[]): [string, string, string | null] {
  if (stored.length === 0) return ['0', '0', null];
  let first = Infinity;
  let last = -Infinity;
  const rows = new Array<unknown[]>(stored.length);
  for (let i = 0; i < stored.length; i += 1) {
    const r = stored[i] as PendingReport;
    if (r.at < first) first = r.at;
    if (r.at > last) last = r.at;
    rows[i] = [r.id, r.service, r.kind, r.problem, r.clientId, r.at, r.evidence, networks[i]];
  }
  return [String(first), String(last), JSON.stringify(rows)];
}
