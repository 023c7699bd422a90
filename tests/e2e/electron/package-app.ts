// Packages the app the way `npm run dist` does (asar, fuses, unpacked PGlite), as a --dir build with the e2e flavour,
// from a local Electron instead of a download; returns the packaged executable.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildElectron } from '../../../scripts/build-electron.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** electron-builder's electronDist: the folder holding the `electron` binary, or Electron.app on macOS. */
export function electronDistOf(runtimeExecutable: string): string {
  const app = runtimeExecutable.indexOf('.app/Contents/MacOS/');
  return app >= 0 ? dirname(runtimeExecutable.slice(0, app + '.app'.length)) : dirname(runtimeExecutable);
}

/** The executable inside an electron-builder --dir output, per platform. */
export function packagedExecutable(outDir: string, platform: NodeJS.Platform = process.platform): string | null {
  if (!existsSync(outDir)) return null;
  for (const entry of readdirSync(outDir)) {
    if (platform === 'darwin' && entry.startsWith('mac')) {
      const candidate = join(outDir, entry, 'iMessage Status.app', 'Contents', 'MacOS', 'iMessage Status');
      if (existsSync(candidate)) return candidate;
    }
    if (platform === 'win32' && entry.startsWith('win') && entry.endsWith('unpacked')) {
      const candidate = join(outDir, entry, 'iMessage Status.exe');
      if (existsSync(candidate)) return candidate;
    }
    if (platform === 'linux' && entry.startsWith('linux') && entry.endsWith('unpacked')) {
      const candidate = join(outDir, entry, 'imessage-status-monitor');
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** Builds the e2e bundles and packages them into `outDir`; takes a minute or two. */
export async function packageForE2E(runtimeExecutable: string, outDir: string): Promise<string> {
  await buildElectron('e2e');
  const { version } = (await import(join(ROOT, 'node_modules', 'electron', 'package.json'), { with: { type: 'json' } })).default as {
    version: string;
  };
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--config',
      'build/electron-builder.config.ts',
      `-c.electronDist=${electronDistOf(runtimeExecutable)}`,
      `-c.electronVersion=${version}`,
      `-c.directories.output=${outDir}`,
    ],
    // No identity lookup on a test machine; MONITOR_E2E_BUILD keeps --inspect (Playwright) and the hooks.
    { cwd: ROOT, env: { ...process.env, MONITOR_E2E_BUILD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const executable = packagedExecutable(outDir);
  if (!executable) throw new Error(`electron-builder --dir produced no executable under ${outDir}`);
  return executable;
}
