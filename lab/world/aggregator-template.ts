// A fresh PGlite data folder costs about 6 s of CPU (initdb and migrations); a copy of one made once costs a tenth of
// a second. The lab and the tests start a fresh aggregator per scenario or test, so they copy a template folder: an
// empty, migrated database made by the aggregator's own store on first use (no deployment secret in it, so each copy
// takes the secret its aggregator is given), kept under node_modules/.cache, keyed by the migrations and PGlite's version.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../aggregator/storage/open-store.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let template: Promise<string> | null = null;

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(ROOT, 'aggregator/storage/migrations.ts')));
  hash.update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Where the template for this code and PGlite version lives (it may not be made yet). */
export function aggregatorTemplateDir(): string {
  return join(ROOT, 'node_modules/.cache/imsm-aggregator-template', templateKey());
}

async function makeTemplate(): Promise<string> {
  const dir = aggregatorTemplateDir();
  if (existsSync(dir)) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  const building = mkdtempSync(`${dir}.building-`);
  const store = await openStore({ dataDir: building });
  await store.close();
  rmSync(join(building, 'aggregator.lock'), { force: true });
  try {
    renameSync(building, dir); // atomic: a reader sees no folder or a whole one
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process finished first
  }
  return dir;
}

/** Makes the template when it is missing (needs tsx's loader in-process: the store runs in a worker). */
export function ensureAggregatorTemplate(): Promise<string> {
  template ??= makeTemplate();
  return template;
}

/** Fills `dir` (new or empty) with a copy of the template made beforehand; throws, naming it, when there is none. */
export function copyAggregatorTemplate(dir: string): void {
  const from = aggregatorTemplateDir();
  if (!existsSync(from)) throw new Error(`no aggregator template at ${from}: call ensureAggregatorTemplate() first`);
  cpSync(from, dir, { recursive: true });
}

/** A new temporary folder holding an empty, migrated aggregator database (the caller removes it). */
export async function freshAggregatorDataDir(prefix = 'imsm-aggregator-'): Promise<string> {
  const from = await ensureAggregatorTemplate();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true });
  return dir;
}
