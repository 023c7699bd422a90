// How long the storage worker is held when a bucket's provider counts are folded after a flood: an owning node's
// deltas folded a slice at a time (storage/provider-fold.ts), beside the same deltas appended as provider_counts rows
// (the write path before it) and compacted in one statement, in the same run. Origins are real: each report comes
// from a random /24 through the AS and country datasets, as bench/wrk-reports.lua sends them.
// `npm run bench -- --only provider-fold`; `npx tsx bench/provider-fold.ts` alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAddress } from '../aggregator/http/ip-address.ts';
import { loadProviderLookup } from '../aggregator/networks/provider-lookup.ts';
import { migrate } from '../aggregator/storage/migrations.ts';
import type { OwnedRow } from '../aggregator/storage/owned-batch.ts';
import { openPglite } from '../aggregator/storage/pglite-driver.ts';
import { encodeBatch, textArray } from '../aggregator/storage/report-batch.ts';
import { ReportStore } from '../aggregator/storage/store.ts';

const BUCKET_MS = 300_000;
const OPTS = { dedupWindowMs: 900_000, bucketMs: BUCKET_MS, networkCap: 3, claimWindowMs: 600_000, hourMs: 3_600_000 };

/** compactProviders as it was before provider_batches (af0c7ab): every row of the range deleted and re-inserted as sums. */
const PREVIOUS_COMPACTION = `WITH gone AS (DELETE FROM provider_counts WHERE bucket_start >= $1::bigint AND bucket_start < $2::bigint
    RETURNING service, bucket_start, kind, provider, grp, country, networks, hour_networks)
  INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
  SELECT service, bucket_start, kind, provider, grp, country, sum(networks)::int, sum(hour_networks)::int FROM gone
  GROUP BY 1, 2, 3, 4, 5, 6`;

export interface ProviderFoldResult {
  reports: number;
  /** Distinct provider keys (service, AS or shared row, country) in the bucket. */
  keys: number;
  slices: { calls: number; longestCallMs: number; totalMs: number };
  oneStatement: { appendedRows: number; ms: number };
}

/** A batch's reports from random /24s, every one opening its claim and hour (a flood of fresh networks). */
function floodBatch(bucket: number, n: number, lookup: ReturnType<typeof loadProviderLookup>, seq: number): OwnedRow[] {
  const rows: OwnedRow[] = [];
  for (let k = 0; k < n; k += 1) {
    const r = Math.floor(Math.random() * 0xdfffff);
    const address = parseAddress(`${1 + Math.floor(r / 65536)}.${Math.floor(r / 256) % 256}.${r % 256}.1`);
    if (!address) throw new Error('bench address did not parse');
    const asn = lookup.asnOf(address);
    const id = `${seq.toString(16).padStart(8, '0')}${k.toString(16).padStart(8, '0')}`;
    rows.push([
      `00000000-0000-4000-8000-${id.slice(4)}`,
      Math.random() < 0.7 ? 'imessage' : 'facetime',
      'problem',
      'not-delivered',
      id,
      bucket + seq,
      null,
      id,
      asn > 0 ? `as${asn}` : `n${id}`,
      '',
      lookup.countryOf(address) ?? '',
      null,
      7,
    ]);
  }
  return rows;
}

/** The rows the write path before provider_batches appended for a batch: one per key it opened a claim in. */
async function appendAsBefore(store: ReportStore, bucket: number, rows: readonly OwnedRow[]): Promise<number> {
  const keys = new Map<string, [string, string, string, number]>();
  for (const r of rows) {
    const key = `${r[1]}|${r[8]}|${r[10]}`;
    const k = keys.get(key);
    if (k) k[3] += 1;
    else keys.set(key, [r[1], r[8], r[10], 1]);
  }
  const list = [...keys.values()];
  await store.db.query(
    `INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
     SELECT s, $2::bigint, 'problem', p, '', c, n, n FROM unnest($1::text[], $3::text[], $4::text[], $5::int[]) AS t(s, p, c, n)`,
    [
      textArray(list.map((k) => k[0])),
      bucket,
      textArray(list.map((k) => k[1])),
      textArray(list.map((k) => k[2])),
      `{${list.map((k) => k[3]).join(',')}}`,
    ],
  );
  return list.length;
}

export async function benchProviderFold(batches = 4700, batchSize = 64): Promise<ProviderFoldResult> {
  const lookup = loadProviderLookup();
  const dirs = [mkdtempSync(join(tmpdir(), 'bench-fold-')), mkdtempSync(join(tmpdir(), 'bench-fold-'))];
  const stores: ReportStore[] = [];
  try {
    for (const dir of dirs) {
      const db = await openPglite(dir);
      await migrate(db);
      stores.push(new ReportStore(db));
    }
    const [folding, before] = stores as [ReportStore, ReportStore];
    const bucket = Date.now() - (Date.now() % BUCKET_MS) - 2 * BUCKET_MS;
    let appendedRows = 0;
    for (let b = 0; b < batches; b += 1) {
      const rows = floodBatch(bucket, batchSize, lookup, b);
      await folding.writeBatch(encodeBatch([]), [], OPTS, {
        rows,
        answers: [],
        timing: { bucketMs: BUCKET_MS, claimWindowMs: OPTS.claimWindowMs },
      });
      appendedRows += await appendAsBefore(before, bucket, rows);
    }
    // What the timer does after the bucket (network-history.ts providerCompactor): fold slices, then compact.
    const start = performance.now();
    let calls = 0;
    let longest = 0;
    for (let more = true; more;) {
      const t = performance.now();
      more = await folding.foldProviders(bucket + BUCKET_MS);
      longest = Math.max(longest, performance.now() - t);
      calls += 1;
    }
    const c = performance.now();
    await folding.compactProviders(bucket, bucket + BUCKET_MS);
    longest = Math.max(longest, performance.now() - c);
    calls += 1;
    const totalMs = performance.now() - start;
    const o = performance.now();
    await before.db.query(PREVIOUS_COMPACTION, [bucket, bucket + BUCKET_MS]);
    const oneMs = performance.now() - o;
    const keys = Number((await folding.db.query<{ n: string }>('SELECT count(*)::text AS n FROM provider_counts'))[0]?.n);
    return {
      reports: batches * batchSize,
      keys,
      slices: { calls, longestCallMs: Math.round(longest), totalMs: Math.round(totalMs) },
      oneStatement: { appendedRows, ms: Math.round(oneMs) },
    };
  } finally {
    for (const s of stores) await s.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('provider-fold.ts')) console.log(JSON.stringify(await benchProviderFold(), null, 2));
