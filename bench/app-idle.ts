// The app's own process at idle: browser mode (real engine + HTTP bridge), bundled as it ships, talking to a real
// aggregator that runs as a process of its own (as `npm start` runs it). Target: < 80 MB RSS.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startLocalAggregator } from '../main/launch/local-aggregator.ts';
import { ensureRendererBuilt } from '../main/web/renderer-build.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

// The child: startBrowserMode exactly as `npm run web` calls it; it samples its own RSS once a second.
const CHILD_SOURCE = `
import { startBrowserMode } from '../main/web/serve.ts';
const config = JSON.parse(process.argv[2]);
const mode = await startBrowserMode({ dataDir: config.dataDir, aggregatorUrl: config.aggregatorUrl, open: false, log: () => {} });
await new Promise((r) => setTimeout(r, config.warmupMs));
const samples = [];
const end = Date.now() + config.durationMs;
while (Date.now() < end) {
  samples.push(process.memoryUsage().rss);
  await new Promise((r) => setTimeout(r, 1000));
}
await mode.close();
process.stdout.write(JSON.stringify({ samples }) + '\\n', () => process.exit(0));
`;

export interface AppIdleResult {
  /** Peak and median RSS of the app's process over the idle window, MB (target: < 80). */
  peakRssMb: number;
  medianRssMb: number;
  /** The aggregator's own process, for contrast: it is not the app's cost. */
  aggregatorRssMb: number;
  idleSeconds: number;
}

function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 4_000_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Runs browser mode for `durationMs` after a warm-up and reports its RSS. */
export async function benchAppIdle(durationMs = 60_000): Promise<AppIdleResult> {
  await ensureRendererBuilt(ROOT, () => {});
  const dir = mkdtempSync(join(tmpdir(), 'app-idle-'));
  // The bundle sits two folders below the root, like the source, so the popover build is found the same way.
  const outDir = mkdtempSync(join(ROOT, 'bench', '.app-idle-'));
  const aggregator = await startLocalAggregator(join(dir, 'aggregator'));
  try {
    const bundle = join(outDir, 'app-idle.mjs');
    await build({
      stdin: { contents: CHILD_SOURCE, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'silent',
      // Only loaded when the popover needs building, which the parent did first.
      external: ['vite'],
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'main', 'web', 'serve.ts')).href) },
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const out = await runNode([
      bundle,
      JSON.stringify({ dataDir: join(dir, 'data'), aggregatorUrl: aggregator.url, warmupMs: 10_000, durationMs }),
    ]);
    const { samples } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { samples: number[] };
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      peakRssMb: mb(sorted.at(-1) ?? 0),
      medianRssMb: mb(sorted[Math.floor(sorted.length / 2)] ?? 0),
      aggregatorRssMb: mb(rssOf(aggregator.pid)),
      idleSeconds: Math.round(durationMs / 1000),
    };
  } finally {
    await aggregator.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchAppIdle(Number(process.argv[2] ?? 60_000))));
}
