import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Configuration } from 'electron-builder';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

async function loadConfig(e2e: boolean): Promise<Configuration> {
  vi.resetModules();
  vi.stubEnv('MONITOR_E2E_BUILD', e2e ? '1' : '');
  return (await import('../../build/electron-builder.config.ts')).default;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

type Target = { target: string; arch?: string[] } | string;
const targetsOf = (list: unknown): Target[] => (Array.isArray(list) ? (list as Target[]) : []);
const names = (list: unknown) => targetsOf(list).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder config', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const config = await loadConfig(false);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: Configuration, l: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is real: a misspelt key fails it.
    await expect(validateConfiguration({ ...structuredClone(config), mac: { extendInfo: {}, hardendRuntime: true } as never }, new DebugLogger(false))).rejects.toThrow();
  });

  it('builds the required targets', async () => {
    const config = await loadConfig(false);
    expect(names(config.mac?.target).sort()).toEqual(['dmg', 'zip']);
    for (const t of targetsOf(config.mac?.target)) expect(typeof t === 'string' ? [] : t.arch?.sort()).toEqual(['arm64', 'x64']);
    expect(names(config.win?.target)).toEqual(['nsis']);
    expect(names(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('is a menu-bar app on macOS with hardened runtime, entitlements, category and icons that exist', async () => {
    const config = await loadConfig(false);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.utilities');
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit, config.mac?.icon, config.win?.icon, config.linux?.icon]) {
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
