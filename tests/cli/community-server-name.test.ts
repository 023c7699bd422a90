// One name for the community server in everything a user reads: the BUILT popover bundle (vite build output) and the
// CLI's output hold none of the other names it used to have.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contracts/status.ts';
import { renderTable } from '../../main/cli/table.ts';
import { healthySnapshot } from '../renderer/fixtures.ts';

const run = promisify(execFile);
const OTHER_NAMES = /report service|community service|community aggregator|aggregator url|aggregator address|Settings → Aggregator/i;
const out = mkdtempSync(join(tmpdir(), 'popover-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('"community server" is the one name', () => {
  it('the built popover bundle holds none of the other names, and does say "community server"', async () => {
    await run(join(process.cwd(), 'node_modules/.bin/vite'), ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      timeout: 120_000,
    });
    const text = filesUnder(out)
      .filter((f) => /\.(js|html)$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(text).toContain('community server');
    expect(text.match(OTHER_NAMES)).toBeNull();
  }, 150_000);

  it("the CLI's table and its --help hold none of the other names", async () => {
    const snapshot = (reach: Snapshot['community']['reach']): Snapshot => {
      const s = healthySnapshot();
      return { ...s, community: { ...s.community, reach } };
    };
    const tables = (['none', 'this-computer', 'shared'] as const).map((reach) => renderTable(snapshot(reach))).join('\n');
    expect(tables).toContain('community server');
    const help = await run(join(process.cwd(), 'node_modules/.bin/tsx'), [join(process.cwd(), 'main/cli/monitor.ts'), '--help'], {
      timeout: 60_000,
    });
    expect(`${tables}\n${help.stdout}\n${help.stderr}`.match(OTHER_NAMES)).toBeNull();
  }, 90_000);
});
