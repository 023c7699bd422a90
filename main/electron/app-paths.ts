// Where the bundled files are, relative to dist/electron/main.cjs (the same layout inside the asar).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  indexHtml: string;
  indexUrl: string;
  preload: string;
  iconDir: string;
}

/** `bundleDir` is the folder of main.cjs (its __dirname). */
export function appPaths(bundleDir: string): AppPaths {
  const indexHtml = resolve(bundleDir, '..', 'renderer', 'index.html');
  return {
    indexHtml,
    indexUrl: pathToFileURL(indexHtml).href,
    preload: join(bundleDir, 'preload.cjs'),
    iconDir: join(bundleDir, 'icons'),
  };
}
