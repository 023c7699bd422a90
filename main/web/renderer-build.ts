// Builds the popover with Vite when dist/renderer is missing or older than its sources.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of any file under `paths` (folders are walked). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** True when the built page is missing, not Vite's (no module script), or older than the renderer sources, contracts or Vite config. */
export function rendererIsStale(repoRoot: string): boolean {
  const built = join(repoRoot, 'dist', 'renderer', 'index.html');
  if (!existsSync(built) || !/<script type="module"[^>]*src="\.?\/?assets\//.test(readFileSync(built, 'utf8'))) return true;
  const sources = newestMtime([join(repoRoot, 'renderer'), join(repoRoot, 'contracts'), join(repoRoot, 'vite.config.ts')]);
  return sources > statSync(built).mtimeMs;
}

/** Runs `vite build` through its JS API when needed; returns the folder to serve. */
export async function ensureRendererBuilt(repoRoot: string, log: (line: string) => void = () => {}): Promise<string> {
  const outDir = join(repoRoot, 'dist', 'renderer');
  if (!rendererIsStale(repoRoot)) return outDir;
  log('building the popover (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), root: join(repoRoot, 'renderer'), logLevel: 'warn' });
  return outDir;
}
