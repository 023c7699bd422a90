// AGGREGATOR_STORE_WORKER_BUNDLE (set for these tests by cli-bundle-setup.ts): the storage worker starts from the named
// bundle; a bundle that is missing or broken costs the worker, not the data: the store opens in the main thread,
// says why, and keeps every report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAggregator } from '../../aggregator/server.ts';
import { STORE_WORKER_BUNDLE_ENV } from '../../aggregator/storage/worker-store.ts';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import { client, getJson, postFrom, networkAddress } from './backends.ts';

const before = process.env[STORE_WORKER_BUNDLE_ENV];
const folders: string[] = [];
afterEach(() => {
  // Test files share this process: the variable goes back to what the run set.
  if (before === undefined) delete process.env[STORE_WORKER_BUNDLE_ENV];
  else process.env[STORE_WORKER_BUNDLE_ENV] = before;
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** Starts an aggregator on a fresh data folder with the variable set to `bundle`; stores two reports; restarts. */
async function storeThroughRestart(bundle: string | undefined): Promise<{ logs: string[]; reports: number }> {
  if (bundle === undefined) delete process.env[STORE_WORKER_BUNDLE_ENV];
  else process.env[STORE_WORKER_BUNDLE_ENV] = bundle;
  const dataDir = await freshAggregatorDataDir();
  folders.push(dataDir);
  const logs: string[] = [];
  const opts = { dataDir, rateLimit: false as const, log: (line: string) => logs.push(line) };
  let agg = await startAggregator(opts);
  for (let i = 0; i < 2; i += 1) {
    const r = await postFrom(agg.url, networkAddress(i), {
      service: 'imessage',
      kind: 'problem',
      problem: 'not-delivered',
      clientId: client(),
    });
    expect(r.status).toBe(202);
  }
  await agg.close();
  agg = await startAggregator(opts);
  const trend = await getJson<{ buckets: { reports: number }[] }>(`${agg.url}/v1/services/imessage/trend?hours=1`);
  await agg.close();
  return { logs, reports: trend.json.buckets.reduce((sum, b) => sum + b.reports, 0) };
}

describe('the storage worker from a bundle', () => {
  it("starts the run's bundle: no fallback, reports kept across a restart", async () => {
    expect(before, 'cli-bundle-setup.ts names a bundle for the run').toMatch(/store-worker\.mjs$/);
    const run = await storeThroughRestart(before);
    expect(run.logs.filter((l) => l.includes('storage worker unavailable'))).toEqual([]);
    expect(run.reports).toBe(2);
  });

  it('falls back to the main thread, saying why, when the bundle is missing or broken; nothing is lost', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'imsm-broken-bundle-'));
    folders.push(folder);
    const broken = join(folder, 'store-worker.mjs');
    writeFileSync(broken, "throw new Error('not a storage worker');\n");
    for (const bundle of [broken, join(folder, 'missing.mjs')]) {
      const run = await storeThroughRestart(bundle);
      expect(run.logs.filter((l) => l.includes('storage worker unavailable'))).toHaveLength(2); // both starts
      expect(run.reports).toBe(2);
    }
  });
});
