// `npm run lint:electron`: runs @doyensec/electronegativity over main/, preload/ and renderer/ together (its global
// checks, like "navigation is limited somewhere", only make sense across the whole app) and fails on any finding
// that is neither disabled inline with a reasoned `eng-disable` comment nor listed in electronegativity-exceptions.json.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorText } from '../contracts/results.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['main', 'preload', 'renderer'];

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
}

interface Exception {
  id: string;
  file: string;
  why: string;
}

type Runner = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** Copies the scanned folders (without build output or dependencies) into one temporary app folder. */
function stageSources(): string {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  for (const dir of SCANNED) {
    cpSync(join(ROOT, dir), join(stage, dir), { recursive: true, filter: (src) => !/[\\/](node_modules|dist)([\\/]|$)/.test(src) });
  }
  return stage;
}

async function main(): Promise<void> {
  const exceptions = JSON.parse(readFileSync(join(ROOT, 'scripts', 'electronegativity-exceptions.json'), 'utf8')) as Exception[];
  const run = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as Runner;
  const stage = stageSources();
  let result: Awaited<ReturnType<Runner>>;
  try {
    result = await run(
      { input: stage, isRelative: true, customScan: [], excludeFromScan: [], electronVersionOverride: '45.4.1', parserPlugins: [] },
      false,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const fatal = result.errors.filter((e) => !e.tolerable);
  const excused = (issue: Issue) => exceptions.some((e) => e.id === issue.id && e.file === issue.file);
  const findings = result.issues.filter((issue) => !excused(issue));
  for (const e of fatal) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
  for (const i of findings) {
    console.error(`${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line}:${i.location.column} ${i.description}`);
  }
  const stale = exceptions.filter((e) => !result.issues.some((i) => i.id === e.id && i.file === e.file));
  for (const e of stale) console.warn(`note: exception no longer needed: ${e.id} in ${e.file}`);
  if (findings.length > 0 || fatal.length > 0) {
    console.error(`electronegativity: ${findings.length} finding(s), ${fatal.length} parse error(s)`);
    process.exit(1);
  }
  console.log(`electronegativity: no findings in ${SCANNED.join(', ')} (${result.issues.length} reviewed exception(s))`);
}

main().catch((error: unknown) => {
  console.error(`electronegativity could not run: ${errorText(error)}`);
  process.exit(1);
});
