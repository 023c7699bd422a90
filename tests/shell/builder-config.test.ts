import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Configuration } from 'electron-builder';

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
});
