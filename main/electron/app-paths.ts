// Where the bundled files are, relative to dist/electron/main.cjs (the same layout inside the asar).
import { join, resolve } from 'node:path';

export interface AppPaths {
  /** dist/renderer: the only folder app:// serves. */
  rendererDir: string;
  preload: string;
  iconDir: string;
}

/** `bundleDir` is the folder of main.cjs (its __dirname). */
export function appPaths(bundleDir: string): AppPaths {
  return {
    rendererDir: resolve(bundleDir, '..', 'renderer'),
    preload: join(bundleDir, 'preload.cjs'),
    iconDir: join(bundleDir, 'icons'),
  };
}
