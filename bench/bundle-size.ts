// The popover's JS as a browser gets it: gzip -9 of each built chunk, what the first screen loads (the entry script and
// the chunks index.html preloads with it) and everything else (chunks fetched by dynamic import, off the first screen).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  /** Entry script + modulepreloaded chunks: what the first screen parses before it can render (KB, gzip -9). */
  firstScreenKb: number;
  /** Every JS file of the build (KB, gzip -9). */
  allKb: number;
  /** Each JS file, KB gzip -9, first-screen ones marked. */
  files: { file: string; kb: number; firstScreen: boolean }[];
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** Reads a built popover folder (dist/renderer). */
export function bundleSize(outDir: string): BundleSize {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.?\/?assets\/([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  const assets = join(outDir, 'assets');
  const files = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({
      file: basename(f),
      bytes: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length,
      firstScreen: linked.includes(f),
    }));
  if (!files.some((f) => f.firstScreen)) throw new Error(`no entry script found in ${join(outDir, 'index.html')}`);
  const sum = (list: typeof files): number => list.reduce((s, f) => s + f.bytes, 0);
  return {
    firstScreenKb: kb(sum(files.filter((f) => f.firstScreen))),
    allKb: kb(sum(files)),
    files: files.map((f) => ({ file: f.file, kb: kb(f.bytes), firstScreen: f.firstScreen })),
  };
}
