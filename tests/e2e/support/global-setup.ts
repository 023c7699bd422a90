// Builds the popover once before the e2e projects run (workers would otherwise race on dist/renderer).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../../../main/web/renderer-build.ts';

export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), (line) => console.log(line));
}
