// Is an Electron runtime available here, without ever triggering electron's download-on-require?
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronRuntime = { available: true; executable: string } | { available: false; reason: string };

export interface RuntimeProbe {
  env: NodeJS.ProcessEnv;
  /** node_modules/electron, where path.txt and dist/ live. */
  electronPackageDir: string;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string | null;
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Mirrors node_modules/electron/index.js, minus the download: override dir first, then path.txt + dist/. */
export function detectElectronRuntime(probe: RuntimeProbe): ElectronRuntime {
  const exists = probe.exists ?? existsSync;
  const readText = probe.readText ?? readTextOrNull;
  const relative = readText(join(probe.electronPackageDir, 'path.txt'))?.trim() || null;
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = join(override, relative ?? 'electron');
    if (exists(executable)) return { available: true, executable };
    return { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }
  if (!relative) return { available: false, reason: 'the electron package has no downloaded binary (no path.txt)' };
  const executable = join(probe.electronPackageDir, 'dist', relative);
  if (!exists(executable)) return { available: false, reason: `the Electron binary ${executable} is missing` };
  return { available: true, executable };
}
