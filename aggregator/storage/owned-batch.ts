// A batch whose claims were decided in memory (intake/owned-claims.ts), as the parameters of one plain statement: the
// counted reports, the overflow counters, the provider deltas and the bucket deltas are all computed here, so storage
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

/**
 * A decided report as it crosses to the storage worker: a flat array of its fields (a structured clone of arrays costs
 * a fraction of building the statement's parameters, which the worker does: it has the spare time, the HTTP thread
 * has none). `flags`: counted 1, openedKind 2, hourFirst 4.
 */
export type OwnedRow = [
  id: string,
  service: string,
  kind: string,
  problem: string | null,
  clientId: string,
  at: number,
  evidence: string | null,
  network: string,
  provider: string,
  group: string,
  country: string,
  idempotencyKey: string | null,
  flags: number,
];

/** A batch's decided reports, the answers stored with it (duplicates answered meanwhile), and the time grid. */
export interface OwnedReports {
  rows: OwnedRow[];
  answers: StoredAnswer[];
  timing: OwnedTiming;
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

const COUNTED = 1;
const OPENED_KIND = 2;
const HOUR_FIRST = 4;

/**
 * A report and its decision as an OwnedRow. A report that opened its claim or its hour adds `position` (1-based in the
 * whole batch) × 4 + 1 (claim of its kind) + 2 (hour) to `opened`: what the shared statement returns, so the caller
 * adds the same provider delta to memory either way.
 */
export function ownedRow(r: PendingReport, o: OwnedOutcome, position: number, opened: number[]): OwnedRow {
  const flags = (o.counted ? COUNTED : 0) | (o.openedKind ? OPENED_KIND : 0) | (o.hourFirst ? HOUR_FIRST : 0);
  if (o.openedKind || o.hourFirst) opened.push(position * 4 + (o.openedKind ? 1 : 0) + (o.hourFirst ? 2 : 0));
  const { provider, group, country } = r.origin;
  return [r.id, r.service, r.kind, r.problem, r.clientId, r.at, r.evidence, o.network, provider, group, country, r.idempotencyKey, flags];
}

const ints = (xs: readonly number[]): string => ['{', xs.join(','), '}'].join('');

/** Encodes decided reports as WRITE_OWNED's parameters. */
export function encodeOwned({ rows: reports, answers, timing }: OwnedReports): OwnedBatch {
  const stored: OwnedRow[] = [];
  const overflow = new Map<string, { service: string; network: string; window: number; problems: number; working: number }>();
  // One provider delta per key the batch opened a claim or an hour in, stored as one JSON row per bucket
  // (provider-fold.ts): a heap tuple per key was ≈ a third of the statement when every report brings a new provider.
  const providerRows = new Map<string, ProviderRow>();
  const buckets = new Map<string, { service: string; bucket: number; counts: number[]; clients: Set<string> }>();
  const answered: StoredAnswer[] = [...answers];
  for (const r of reports) {
    const [id, service, kind, problem, clientId, at, , network, provider, group, country, idempotencyKey, flags] = r;
    const bucket = at - (at % timing.bucketMs);
    const openedKind = (flags & OPENED_KIND) !== 0;
    const hourFirst = (flags & HOUR_FIRST) !== 0;
    if (openedKind || hourFirst) {
      const key = `${service}|${bucket}|${kind}|${provider}|${group}|${country}`;
      let row = providerRows.get(key);
      if (!row) providerRows.set(key, (row = { service, bucket, kind, provider, group, country, networks: 0, hourNetworks: 0 }));
      if (openedKind) row.networks += 1;
      if (hourFirst) row.hourNetworks += 1;
    }
    // Every report this statement writes or counts over its cap is accepted: its key's answer is the 202.
    if (idempotencyKey) answered.push({ key: idempotencyKey, at, ...acceptedAnswer(id) });
    if ((flags & COUNTED) === 0) {
      const window = at - (at % timing.claimWindowMs);
      const key = `${service}|${network}|${window}`;
      let row = overflow.get(key);
      if (!row) overflow.set(key, (row = { service, network, window, problems: 0, working: 0 }));
      if (kind === 'problem') row.problems += 1;
      else row.working += 1;
      continue;
    }
    stored.push(r);
    const key = `${service}|${bucket}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { service, bucket, counts: new Array<number>(4 + PROBLEM_COLUMNS.length).fill(0), clients: new Set() }));
    // COUNT_COLUMNS order: reports, clients, working, networks, then one per problem kind.
    if (kind === 'problem') {
      b.counts[0] = (b.counts[0] as number) + 1;
      b.clients.add(clientId);
      if (openedKind) b.counts[3] = (b.counts[3] as number) + 1;
      const p = PROBLEM_COLUMNS.findIndex(([k]) => k === problem);
      if (p >= 0) b.counts[4 + p] = (b.counts[4 + p] as number) + 1;
    } else {
      b.counts[2] = (b.counts[2] as number) + 1;
    }
  }
  const over = [...overflow.values()].sort((a, b) => cmp(a.service, b.service) || cmp(a.network, b.network) || a.window - b.window);
  const rows = [...buckets.values()].sort((a, b) => cmp(a.service, b.service) || a.bucket - b.bucket);
  for (const b of rows) b.counts[1] = b.clients.size;
  const provided = providerBatches(providerRows.values());
  return {
    size: reports.length,
    params: [
      ...storedBatch(stored),
      textArray(over.map((o) => o.service)),
      textArray(over.map((o) => o.network)),
      ints(over.map((o) => o.window)),
      ints(over.map((o) => o.problems)),
      ints(over.map((o) => o.working)),
      ints(provided.map((p) => p.bucket)),
      textArray(provided.map((p) => p.deltas)),
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

/** One key's delta in a provider_batches row (its bucket is the row's). */
export type ProviderDelta = [
  service: string,
  kind: string,
  provider: string,
  group: string,
  country: string,
  networks: number,
  hourNetworks: number,
];

/** One key's counts in a batch (its bucket included). */
export interface ProviderRow {
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

/** The provider deltas grouped per bucket, each bucket's as one JSON text of ProviderDelta tuples. */
function providerBatches(rows: Iterable<ProviderRow>): { bucket: number; deltas: string }[] {
  const byBucket = new Map<number, ProviderDelta[]>();
  for (const r of rows) {
    let list = byBucket.get(r.bucket);
    if (!list) byBucket.set(r.bucket, (list = []));
    list.push([r.service, r.kind, r.provider, r.group, r.country, r.networks, r.hourNetworks]);
  }
  return [...byBucket].map(([bucket, list]) => ({ bucket, deltas: JSON.stringify(list) }));
}

/**
 * The counted reports as one row's parameters (report_batches): first and last time, and one JSON text of rows in
 * the order the report_batches migration names (NULL when the batch counted none). One row a batch, not one a report:
 * storage no longer parses eight arrays and inserts a heap tuple per report, most of the batch statement's cost.
 */
function storedBatch(stored: readonly OwnedRow[]): [string, string, string | null] {
  if (stored.length === 0) return ['0', '0', null];
  let first = Infinity;
  let last = -Infinity;
  const rows = new Array<unknown[]>(stored.length);
  for (let i = 0; i < stored.length; i += 1) {
    const r = stored[i] as OwnedRow;
    const at = r[5];
    if (at < first) first = at;
    if (at > last) last = at;
    rows[i] = r.slice(0, 8); // an OwnedRow starts with the stored columns, in their order
  }
  return [String(first), String(last), JSON.stringify(rows)];
}
