// Vitest global setup (project unit): aggregator/cli.ts and the storage worker bundled once per run
// (scripts/cli-bundle.ts). Each of the tests' aggregator processes starts on ≈ 1.4 s less CPU than under tsx (tests run
// it through aggregatorCli()), and each PGlite store, in a test's process or an aggregator's, on ≈ 0.7 s less.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { STORE_WORKER_BUNDLE_ENV } from '../../aggregator/storage/worker-store.ts';
import { bundleCli, bundleFolder, bundleStoreWorker } from '../../scripts/cli-bundle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled aggregator CLI: the file to run with node. */
    aggregatorCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = bundleFolder('imsm-aggregator-cli-');
  project.provide('aggregatorCli', await bundleCli('aggregator/cli.ts', join(dir, 'aggregator-cli.mjs')));
  // Read by every store opened after this: in the test workers (forked later) and the processes they start.
  process.env[STORE_WORKER_BUNDLE_ENV] = await bundleStoreWorker(dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
