// The lab's CLI as one JavaScript file, for running many scenarios in processes of their own (tests/lab/lab.test.ts):
// such a process then starts in ≈ 0.8 s of CPU instead of ≈ 2.2 s, since under tsx each of its few hundred modules is
// resolved and transformed through tsx's loader. Packages stay outside (resolved from node_modules as usual). Every
// module keeps its own import.meta.url, its source file's, so whatever a module finds beside its source (an SQL schema,
// a cache folder, the storage worker, which still starts from source under tsx) is found as under tsx.
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

/**
 * Bundles lab/cli.ts into `outDir` (which must sit inside this project, so the bundle's package imports resolve from its
 * node_modules) and returns the file to run with `node`.
 */
export async function bundleLabCli(outDir: string): Promise<string> {
  const outfile = join(outDir, 'lab-cli.mjs');
  await build({
    entryPoints: [join(ROOT, 'lab', 'cli.ts')],
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
