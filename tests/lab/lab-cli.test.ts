// The lab command line: its arguments, and exit 2 on a bad scenario file before any world starts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLabArgs } from '../../lab/cli-args.ts';
import { root, valid } from './scenario-fixtures.ts';

describe('lab command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses the scenario file and --out, and refuses anything else', () => {
    expect(parseLabArgs(['a.json'])).toEqual({ file: 'a.json', out: null, help: false });
    expect(parseLabArgs(['a.json', '--out', 'e.jsonl'])).toEqual({ file: 'a.json', out: 'e.jsonl', help: false });
    expect(parseLabArgs(['--out=e.jsonl', 'a.json'])).toEqual({ file: 'a.json', out: 'e.jsonl', help: false });
    expect(() => parseLabArgs([])).toThrow('no scenario file given');
    expect(() => parseLabArgs(['a.json', '--out'])).toThrow('--out needs a value');
    expect(() => parseLabArgs(['a.json', '--fast'])).toThrow('unknown option --fast');
    expect(() => parseLabArgs(['a.json', 'b.json'])).toThrow(/one scenario file at a time/);
  });

  it('exits 2 on a bad scenario file, naming the JSON path, without starting the world', () => {
    const file = join(dir, 'bad.json');
    const doc = valid();
    doc.timeline[1] = { at: 5000, set: { endpoints: { apns: 'explode' } } } as never;
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'lab', 'cli.ts'), file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('$.timeline[1].set.endpoints.apns: unknown behaviour "explode"');
    expect(run.stdout).toBe('');
  });
});
