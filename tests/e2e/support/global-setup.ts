// Before the e2e projects run: builds the popover once (workers would otherwise race on dist/renderer), and makes the
// migrated aggregator template each world's aggregator starts from (in a tsx child: the store needs tsx's loader).
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../../../main/web/renderer-build.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt(ROOT, (line) => console.log(line));
  const make = "await (await import('./lab/world/aggregator-template.ts')).ensureAggregatorTemplate()";
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', make], { cwd: ROOT, stdio: 'inherit' });
}
