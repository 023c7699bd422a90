// Bundles Electron main → dist/electron/main.cjs and the preload → dist/electron/preload.cjs, and copies the tray icons.
// Sandboxed preloads must be one CommonJS file (they can require only a few Electron modules), hence the bundle.
// `--release` (npm run dist) compiles the test hooks and lab config out; MONITOR_E2E_BUILD=1 keeps them for the
// packaged e2e build. MONITOR_UPDATE_URL and COMMUNITY_URL are fixed into the bundle at build time.
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT_DIR = join(ROOT, 'dist', 'electron');

/** Electron is provided by the runtime; electron-updater is the one runtime dependency, loaded only when updates are on.
 *  Nothing server-side (PGlite, pg) may be external: the installer leaves those packages out (electron-builder config). */
export const MAIN_EXTERNALS = ['electron', 'electron-updater'];

export type BuildFlavour = 'release' | 'e2e' | 'dev';

/** Which bundle to make: the e2e package build, a release (`--release`), or a development bundle. */
export function buildFlavourFrom(argv: readonly string[], env: NodeJS.ProcessEnv): BuildFlavour {
  if (env.MONITOR_E2E_BUILD === '1') return 'e2e';
  return argv.includes('--release') ? 'release' : 'dev';
}

/** Release builds get test-hooks-off.ts in place of test-hooks.ts: the hooks and the lab config are not in the file. */
const withoutTestHooks: Plugin = {
  name: 'without-test-hooks',
  setup(b) {
    b.onResolve({ filter: /[\\/]test-hooks\.ts$|^\.\/test-hooks\.ts$/ }, (args) => ({
      path: join(dirname(resolve(args.resolveDir, args.path)), 'test-hooks-off.ts'),
    }));
  },
};

/** Build-time constants (main/electron/build-flags.ts). */
export function buildDefines(flavour: BuildFlavour, env: NodeJS.ProcessEnv): Record<string, string> {
  const defines: Record<string, string> = {
    __MONITOR_BUILD_FLAVOUR__: JSON.stringify(flavour),
    __MONITOR_UPDATE_URL__: JSON.stringify(flavour === 'dev' ? '' : (env.MONITOR_UPDATE_URL ?? '').trim()),
    __MONITOR_SIGNED_BUILD__: JSON.stringify(Boolean(env.CSC_LINK || env.CSC_NAME)),
  };
  // A shipped build carries its default community server as a literal; development reads the environment.
  if (flavour !== 'dev') defines['process.env.COMMUNITY_URL'] = JSON.stringify((env.COMMUNITY_URL ?? '').trim());
  return defines;
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** esbuild options for the main bundle (also used by tests/shell/main-bootstrap-harness.ts to bundle in memory). */
export function mainBundleOptions(flavour: BuildFlavour = 'dev', env: NodeJS.ProcessEnv = process.env): BuildOptions {
  return {
    ...common,
    entryPoints: [join(ROOT, 'main', 'electron', 'main.ts')],
    external: MAIN_EXTERNALS,
    plugins: flavour === 'release' ? [withoutTestHooks] : [],
    // ESM dependencies use import.meta.url; point it at the bundle file.
    define: { 'import.meta.url': 'importMetaUrl', ...buildDefines(flavour, env) },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/**
 * dist/electron/package.json, so `electron dist/electron` runs under the product's name (userData folder,
 * notifications, WM class), not "Electron". Taken from the root package.json, which the packaged app carries too.
 */
export function devManifest(): { name: string; productName: string; desktopName: string; version: string; main: string; private: true } {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    productName: string;
    desktopName: string;
    version: string;
  };
  return {
    name: root.name,
    productName: root.productName,
    desktopName: root.desktopName,
    version: root.version,
    main: 'main.cjs',
    private: true,
  };
}

/** Builds both bundles; returns the output paths. */
export async function buildElectron(flavour: BuildFlavour = 'dev'): Promise<{ main: string; preload: string; appDir: string }> {
  rmSync(ELECTRON_OUT_DIR, { recursive: true, force: true });
  mkdirSync(ELECTRON_OUT_DIR, { recursive: true });
  const main = join(ELECTRON_OUT_DIR, 'main.cjs');
  const preload = join(ELECTRON_OUT_DIR, 'preload.cjs');
  await Promise.all([
    build({ ...mainBundleOptions(flavour), outfile: main }),
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
  writeFileSync(join(ELECTRON_OUT_DIR, 'package.json'), `${JSON.stringify(devManifest(), null, 2)}\n`);
  return { main, preload, appDir: ELECTRON_OUT_DIR };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const flavour = buildFlavourFrom(process.argv.slice(2), process.env);
  buildElectron(flavour).then(
    (out) => console.log(`built ${out.main} and ${out.preload} (${flavour})`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
