// The main bundle per build flavour: release builds carry no test hooks or lab config, and their build-time values.
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDefines, buildFlavourFrom, mainBundleOptions } from '../../scripts/build-electron.ts';
import type { BuildFlavour } from '../../scripts/build-electron.ts';

const OUT = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'electron', 'main.cjs');

async function bundle(flavour: BuildFlavour, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = await build({ ...mainBundleOptions(flavour, env), outfile: OUT, write: false, sourcemap: false });
  return out.outputFiles.find((f) => f.path.endsWith('main.cjs'))?.text ?? '';
}

describe('build flavours', () => {
  it('are chosen by --release and MONITOR_E2E_BUILD', () => {
    expect(buildFlavourFrom([], {})).toBe('dev');
    expect(buildFlavourFrom(['--release'], {})).toBe('release');
    expect(buildFlavourFrom(['--release'], { MONITOR_E2E_BUILD: '1' })).toBe('e2e');
  });

  it('fix the update URL and community server into shipped builds only', () => {
    const env = { MONITOR_UPDATE_URL: ' https://updates.example.org/imsm/ ', COMMUNITY_URL: 'https://crowd.example.org' };
    expect(buildDefines('release', env)).toMatchObject({
      __MONITOR_BUILD_FLAVOUR__: '"release"',
      __MONITOR_UPDATE_URL__: '"https://updates.example.org/imsm/"',
      'process.env.COMMUNITY_URL': '"https://crowd.example.org"',
    });
    expect(buildDefines('dev', env).__MONITOR_UPDATE_URL__).toBe('""');
    expect(buildDefines('dev', env)['process.env.COMMUNITY_URL']).toBeUndefined();
    expect(buildDefines('release', { CSC_LINK: '/x.p12' }).__MONITOR_SIGNED_BUILD__).toBe('true');
  });

  it('compile the test hooks and the lab config out of release bundles', async () => {
    const [release, dev, e2e] = await Promise.all([bundle('release'), bundle('dev'), bundle('e2e')]);
    // The hook object, the startup-failure switch and the lab file reader ("expected a JSON object").
    for (const marker of ['__monitorTestHooks', 'MONITOR_TEST_FAIL_STARTUP', ': expected a JSON object']) {
      expect(release, marker).not.toContain(marker);
      expect(dev, marker).toContain(marker);
      expect(e2e, marker).toContain(marker);
    }
    expect(release).toContain('not part of release builds');
    expect(release).toContain('"release"');
  }, 60_000);

  it('embed no aggregator: the app only talks to one by URL', async () => {
    const release = await bundle('release');
    expect(release).not.toContain('ensureLocalAggregator');
    expect(release).not.toContain('store-worker');
  }, 60_000);
});
