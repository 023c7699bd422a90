// Folds an owning node's provider deltas (provider_batches: one JSON row per batch and bucket, written by WRITE_OWNED)
// into provider_counts, one row per key and bucket, a slice at a time: each slice is its own call, so the storage
// worker runs the batches queued meanwhile between slices. Folding the appended rows in one statement held the worker
// for ≈ 9 µs a row (≈ 5.5 s for 600,000 rows: a minute of flood), and every batch waited behind it.
// Exact at every step: a bucket's sums are inserted and the rows they came from deleted in one transaction, and
// readers sum provider_counts after folding everything (ReportStore.loadProviders). Only an owning node (PGlite, the one
// writer) appends here, one statement at a time, so a row with a lower id than one already read is never committed
// later.
import type { SqlDriver } from './driver.ts';
import type { ProviderDelta, ProviderRow } from './owned-batch.ts';
import { OWN_NETWORKS_PROVIDER, isOwnNetworkRow } from './provider-rows.ts';
import { textArray } from './report-batch.ts';

/** provider_batches rows read a slice (≈ 64 deltas each under a flood: ≈ 8,000 a slice, ≈ 10–40 ms). */
const SLICE_ROWS = 128;
/**
 * Keys summed before they are written (≈ 18 MB at most, for a moment): bounds the worker's memory when keys don't
 * repeat, e.g. a flood from unannounced IPv6 /32s, each its own provider. AS numbers and countries repeat: a real
 * outage's bucket is a few thousand keys, and a bucket of `wrk` flood from random /24s (3 million reports) ≈ 79,000,
 * each written once (≈ 0.7 s, the longest call of a fold).
 */
const MAX_KEYS = 100_000;

/** A key's sums in the bucket being folded. */
type Sum = Omit<ProviderRow, 'bucket'>;

export class ProviderFold {
  /** The bucket being folded, the last id read of it, and what those rows add up to (nothing written yet). */
  private bucket: number | null = null;
  private lastId = 0;
  private sums = new Map<string, Sum>();
  /** One slice at a time (the timer's fold and a reader's may meet). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: SqlDriver) {}

  /** Folds one slice of the oldest bucket before `before` that has deltas; false once there is nothing left. */
  slice(before: number): Promise<boolean> {
    const next = this.queue.then(() => this.step(before));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Folds everything before `before`, slice after slice. */
  async drain(before: number): Promise<void> {
    while (await this.slice(before));
  }

  private async step(before: number): Promise<boolean> {
    try {
      if (this.bucket === null || this.bucket >= before) {
        const rows = await this.db.query<{ b: unknown }>(
          'SELECT min(bucket_start) AS b FROM provider_batches WHERE bucket_start < $1::bigint',
          [before],
          'fold_next_bucket',
        );
        const b = rows[0]?.b;
        if (b === null || b === undefined) return false;
        this.start(Number(b));
      }
      const rows = await this.db.query<{ id: unknown; deltas: string }>(
        'SELECT id, deltas FROM provider_batches WHERE bucket_start = $1::bigint AND id > $2::bigint ORDER BY id LIMIT $3::int',
        [this.bucket, this.lastId, SLICE_ROWS],
        'fold_slice',
      );
      for (const r of rows) {
        for (const d of JSON.parse(r.deltas) as ProviderDelta[]) this.add(d);
        this.lastId = Number(r.id);
      }
      const more = rows.length === SLICE_ROWS;
      if (more && this.sums.size < MAX_KEYS) return true;
      await this.write();
      // A full slice leaves the bucket open (its sums were written: they start again from nothing); a short one ends it.
      if (more) this.sums = new Map();
      else this.bucket = null;
      return true;
    } catch (error) {
      // Nothing was deleted: the next fold reads this bucket again from the start.
      this.bucket = null;
      this.sums = new Map();
      throw error;
    }
  }

  private start(bucket: number): void {
    this.bucket = bucket;
    this.lastId = 0;
    this.sums = new Map();
  }

  /** Unannounced IPv4 networks (each its own provider) become one row per key of the rest, as memory holds them. */
  private add([service, kind, provider, group, country, networks, hourNetworks]: ProviderDelta): void {
    const own = isOwnNetworkRow({ provider, group }) ? OWN_NETWORKS_PROVIDER : provider;
    const key = [service, kind, own, group, country].join('|');
    const sum = this.sums.get(key);
    if (sum) {
      sum.networks += networks;
      sum.hourNetworks += hourNetworks;
    } else this.sums.set(key, { service, kind, provider: own, group, country, networks, hourNetworks });
  }

  /** The sums in, the rows they came from out: one transaction. */
  private async write(): Promise<void> {
    const sums = [...this.sums.values()];
    const bucket = this.bucket as number;
    await this.db.transaction(async (tx) => {
      if (sums.length > 0)
        await tx.query(
          `INSERT INTO provider_counts (service, bucket_start, kind, provider, grp, country, networks, hour_networks)
           SELECT s, $2::bigint, k, p, g, c, n, h FROM unnest($1::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
             AS t(s, k, p, g, c, n, h)`,
          [
            textArray(sums.map((s) => s.service)),
            bucket,
            textArray(sums.map((s) => s.kind)),
            textArray(sums.map((s) => s.provider)),
            textArray(sums.map((s) => s.group)),
            textArray(sums.map((s) => s.country)),
            `{${sums.map((s) => s.networks).join(',')}}`,
            `{${sums.map((s) => s.hourNetworks).join(',')}}`,
          ],
        );
      await tx.query('DELETE FROM provider_batches WHERE bucket_start = $1::bigint AND id <= $2::bigint', [bucket, this.lastId]);
    });
  }
}
