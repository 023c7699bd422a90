// A command-line entry (the lab's, the aggregator's) as one JavaScript file, for tests that start it in many processes
// (tests/lab/lab.test.ts, tests/aggregator/cli-bundle-setup.ts): such a process starts on ≈ 1.4 s less CPU than
// under tsx, where each of its few hundred modules is resolved and transformed through tsx's loader. Packages stay
// outside (resolved from node_modules as usual). Every module keeps its own import.meta.url, its source file's, so
// whatever a module finds beside its source (an SQL schema, a cache folder) is found as under tsx. The storage worker
// gets its own bundle (bundleStoreWorker), named to the stores by AGGREGATOR_STORE_WORKER_BUNDLE.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith('x') ? 'tsx' : 'ts',
    }));
  },
};

/** A new folder for a run's bundles, under node_modules/.cache: inside this project, so they resolve its packages. */
export function bundleFolder(prefix: string): string {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, prefix));
}

/**
 * Bundles `entry` (relative to the project root) into `outfile` (an .mjs file in a bundleFolder(), so the bundle's
 * package imports resolve from this project's node_modules) and returns `outfile`, the file to run with `node`.
 */
export async function bundleCli(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [sourceUrls],
    logLevel: 'warning',
  });
  return outfile;
}

/** The storage worker (aggregator/storage/store-worker.ts) bundled into `folder`: the file to name in STORE_WORKER_BUNDLE_ENV. */
export function bundleStoreWorker(folder: string): Promise<string> {
  return bundleCli('aggregator/storage/store-worker.ts', join(folder, 'store-worker.mjs'));
}
