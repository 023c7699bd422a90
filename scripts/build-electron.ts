// Bundles Electron main → dist/electron/main.cjs and the preload → dist/electron/preload.cjs, and copies the tray icons.
// Sandboxed preloads must be one CommonJS file (they can require only a few Electron modules), hence the bundle.
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT_DIR = join(ROOT, 'dist', 'electron');

/** Electron is provided by the runtime; PGlite loads its wasm/data files next to itself; pg-native is optional. */
export const MAIN_EXTERNALS = ['electron', '@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** esbuild options for the main bundle (also used by tests/shell/main-bootstrap.test.ts to bundle in memory). */
export function mainBundleOptions(): BuildOptions {
  return {
    ...common,
    entryPoints: [join(ROOT, 'main', 'electron', 'main.ts')],
    external: MAIN_EXTERNALS,
    // ESM dependencies use import.meta.url; point it at the bundle file.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** Builds both bundles; returns the output paths. */
export async function buildElectron(): Promise<{ main: string; preload: string; appDir: string }> {
  rmSync(ELECTRON_OUT_DIR, { recursive: true, force: true });
  mkdirSync(ELECTRON_OUT_DIR, { recursive: true });
  const main = join(ELECTRON_OUT_DIR, 'main.cjs');
  const preload = join(ELECTRON_OUT_DIR, 'preload.cjs');
  await Promise.all([
    build({ ...mainBundleOptions(), outfile: main }),
    build({
      ...common,
      entryPoints: [join(ROOT, 'preload', 'preload.ts')],
      outfile: preload,
      external: ['electron'],
      // The sandboxed preload has no Node: nothing but `electron` may be required.
      platform: 'browser',
      target: 'chrome120',
    }),
  ]);
  cpSync(join(ROOT, 'build', 'icons', 'tray'), join(ELECTRON_OUT_DIR, 'icons'), { recursive: true });
  // `electron dist/electron` then runs under the product's name (userData folder, notifications), not "Electron".
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const manifest = { name: 'imessage-status-monitor', productName: 'iMessage Status', version, main: 'main.cjs', private: true };
  writeFileSync(join(ELECTRON_OUT_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { main, preload, appDir: ELECTRON_OUT_DIR };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  buildElectron().then(
    (out) => console.log(`built ${out.main} and ${out.preload}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
