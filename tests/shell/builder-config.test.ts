import { build } from 'esbuild';
import { minimatch } from 'minimatch';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Configuration } from 'electron-builder';
import { MAIN_EXTERNALS, mainBundleOptions } from '../../scripts/build-electron.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

async function loadConfig(e2e: boolean, env: Record<string, string> = {}): Promise<Configuration> {
  vi.resetModules();
  vi.stubEnv('MONITOR_E2E_BUILD', e2e ? '1' : '');
  for (const name of ['CSC_LINK', 'CSC_NAME', 'MONITOR_UPDATE_URL']) vi.stubEnv(name, env[name] ?? '');
  return (await import('../../build/electron-builder.config.ts')).default;
}

async function validate(config: Configuration): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration: (c: Configuration, l: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

type Target = { target: string; arch?: string[] } | string;
const targetsOf = (list: unknown): Target[] => (Array.isArray(list) ? (list as Target[]) : []);
const names = (list: unknown) => targetsOf(list).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder config', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await loadConfig(false);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: Configuration, l: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is real: a misspelt key fails it.
    await expect(
      validateConfiguration({ ...structuredClone(config), mac: { extendInfo: {}, hardendRuntime: true } as never }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('builds the required targets', async () => {
    const config = await loadConfig(false);
    expect(names(config.mac?.target).sort()).toEqual(['dmg', 'zip']);
    for (const t of targetsOf(config.mac?.target)) expect(typeof t === 'string' ? [] : t.arch?.sort()).toEqual(['arm64', 'x64']);
    expect(names(config.win?.target)).toEqual(['nsis']);
    // deb is the main Linux artifact; the AppImage comes second (sandbox caveat in build/README.md).
    expect(names(config.linux?.target)).toEqual(['deb', 'AppImage']);
  });

  it('validates in every variant: signed or ad hoc, with or without an update feed, e2e', async () => {
    for (const [e2e, env] of [
      [false, {}],
      [false, { CSC_LINK: '/secrets/id.p12', MONITOR_UPDATE_URL: 'https://updates.example.org/imsm/' }],
      [true, { MONITOR_UPDATE_URL: 'https://updates.example.org/imsm/' }],
    ] as const) {
      await expect(validate(await loadConfig(e2e, env)), JSON.stringify(env)).resolves.toBeUndefined();
    }
  });

  it('signs unsigned mac builds ad hoc, with the entitlement ad-hoc signing needs, and leaves a real identity alone', async () => {
    const adHoc = await loadConfig(false);
    expect(adHoc.mac?.identity).toBe('-');
    expect(adHoc.electronFuses?.resetAdHocDarwinSignature).toBe(true);
    const adHocPlist = readFileSync(join(ROOT, String(adHoc.mac?.entitlements)), 'utf8');
    expect(adHocPlist).toContain('com.apple.security.cs.disable-library-validation');
    expect(adHoc.mac?.entitlementsInherit).toBe(adHoc.mac?.entitlements);
    const signed = await loadConfig(false, { CSC_LINK: '/secrets/id.p12' });
    expect(signed.mac?.identity).toBeUndefined();
    const signedPlist = readFileSync(join(ROOT, String(signed.mac?.entitlements)), 'utf8');
    expect(signedPlist).not.toContain('disable-library-validation');
  });

  it('keeps App Nap away from the probes and launches Linux under XWayland on purpose', async () => {
    const config = await loadConfig(false);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true, LSAppNapIsDisabled: true });
    expect(config.linux?.executableArgs).toEqual(['--ozone-platform=x11']);
  });

  it('publishes to a generic feed only when MONITOR_UPDATE_URL is set at build time', async () => {
    expect((await loadConfig(false)).publish).toBeNull();
    const withFeed = await loadConfig(false, { MONITOR_UPDATE_URL: ' https://updates.example.org/imsm/ ' });
    expect(withFeed.publish).toEqual([{ provider: 'generic', url: 'https://updates.example.org/imsm/' }]);
  });

  it('is a menu-bar app on macOS with hardened runtime, entitlements, category and icons that exist', async () => {
    const config = await loadConfig(false);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.utilities');
    for (const file of [
      config.mac?.entitlements,
      config.mac?.entitlementsInherit,
      config.mac?.icon,
      config.win?.icon,
      config.linux?.icon,
    ]) {
      expect(typeof file === 'string' && existsSync(join(ROOT, file)), String(file)).toBe(true);
    }
  });

  it('sets the fuses, keeping the inspect fuse only for the e2e build', async () => {
    const release = await loadConfig(false);
    expect(release.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(release.asar).toBe(true);
    const e2e = await loadConfig(true);
    expect(e2e.electronFuses?.enableNodeCliInspectArguments).toBe(true);
    expect(e2e.electronFuses?.runAsNode).toBe(false);
  });

  it('ships the bundles and keeps sources and tests out', async () => {
    const config = await loadConfig(false);
    const files = (config.files ?? []) as string[];
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    const excluded = files.filter((f) => f.startsWith('!')).join(' ');
    for (const dir of ['main', 'preload', 'renderer', 'tests', 'aggregator', 'scripts']) expect(excluded).toContain(dir);
    expect(excluded).toContain('*.{ts,tsx}');
    expect(config.extraMetadata?.main).toBe('dist/electron/main.cjs');
  });

  it('leaves server-only packages out of the installer and keeps everything the app loads', async () => {
    const config = await loadConfig(false);
    // What the release main bundle takes from node_modules: compiled in, or required at run time (its externals).
    const out = await build({
      ...mainBundleOptions('release', {}),
      outfile: join(tmpdir(), 'imsm-main.cjs'),
      write: false,
      metafile: true,
    });
    const packageOf = (path: string) => /^(?:.*node_modules\/)?((?:@[^/]+\/)?[^/.][^/]*)/.exec(path)?.[1] ?? '';
    const bundled = Object.keys(out.metafile.inputs)
      .filter((p) => p.includes('node_modules/'))
      .map(packageOf);
    const external = Object.values(out.metafile.outputs)
      .flatMap((o) => o.imports)
      .filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path))
      .map((i) => packageOf(i.path));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const lock = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
    const prod = Object.keys(pkg.dependencies);
    const appRoots = prod.filter((d) => bundled.includes(d) || external.includes(d));
    expect(appRoots).toContain('electron-updater');
    const appModules = closure(lock, appRoots);
    const serverOnly = [
      ...closure(
        lock,
        prod.filter((d) => !appRoots.includes(d)),
      ),
    ].filter((d) => !appModules.has(d));
    expect(serverOnly).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'pg', '@ip-location-db/asn']));

    const negated = ((config.files ?? []) as string[]).filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    // electron-builder matches node_modules files by their path in the app, hoisted or nested, with { dot: true }.
    const left = (name: string) =>
      [`node_modules/${name}/package.json`, `node_modules/other/node_modules/${name}/lib/index.js`].every((path) =>
        negated.some((pattern) => minimatch(path, pattern, { dot: true })),
      );
    expect(serverOnly.filter((name) => !left(name))).toEqual([]);
    expect([...appModules].filter(left)).toEqual([]);
    expect(JSON.stringify(config.asarUnpack ?? [])).not.toContain('pglite');
    expect(MAIN_EXTERNALS).toEqual(['electron', 'electron-updater']);
  }, 60_000);
});

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The packages these roots pull in (package-lock's hoisted layout), roots included. */
function closure(lock: Record<string, LockEntry>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = lock[`node_modules/${name}`];
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies }))
      if (lock[`node_modules/${dep}`]) stack.push(dep);
  }
  return seen;
}
