// One name: the packaged app must call itself what development runs do, or its settings, logs, notifications and
// WM class end up under another name. Electron takes the name from the package.json the app carries: productName,
// else name (lib/browser/init.ts); electron-builder copies the root package.json with extraMetadata merged in.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Configuration } from 'electron-builder';
import { devManifest } from '../../scripts/build-electron.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface Manifest {
  name: string;
  productName?: string;
  desktopName?: string;
}
/** Electron's app.name: productName when present, else name. */
const electronAppName = (m: Manifest) => m.productName ?? m.name;

/** The package.json electron-builder puts into the asar, made by electron-builder's own transformer. */
async function packagedManifest(config: Configuration): Promise<Manifest> {
  const { createTransformer } = require('app-builder-lib/out/fileTransformer.js') as {
    createTransformer: (srcDir: string, c: Configuration, extra: unknown, x: null) => (file: string) => Promise<string | null> | null;
  };
  const text = await createTransformer(ROOT, config, config.extraMetadata, null)(join(ROOT, 'package.json'));
  return JSON.parse(text ?? readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

describe('app name', () => {
  it('is "iMessage Status" packaged and in development, with the same desktop name', async () => {
    vi.stubEnv('MONITOR_E2E_BUILD', '');
    const config = (await import('../../build/electron-builder.config.ts')).default;
    vi.unstubAllEnvs();
    const packaged = await packagedManifest(config);
    const dev = devManifest();
    expect(electronAppName(packaged)).toBe('iMessage Status');
    expect(electronAppName(packaged)).toBe(electronAppName(dev));
    expect(packaged.desktopName).toBe('imessage-status-monitor.desktop');
    expect(packaged.desktopName).toBe(dev.desktopName);
    // The installers' names come from the same field (electron-builder: config.productName || metadata.productName).
    expect(config.productName ?? packaged.productName).toBe('iMessage Status');
    // The .desktop file takes the desktopName, so its StartupWMClass matches the app_id / WM class Electron sets.
    expect(config.linux?.syncDesktopName).toBe(true);
  });

  it('is not renamed at run time (app.setName would split the data folder again)', () => {
    const sources = ['main.ts', 'desktop-app.ts', 'app-paths.ts'].map((f) => readFileSync(join(ROOT, 'main', 'electron', f), 'utf8'));
    for (const text of sources) expect(text).not.toMatch(/\bsetName\(|setDesktopName\(/);
  });
});
