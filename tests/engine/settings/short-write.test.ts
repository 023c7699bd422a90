// A write the disk cuts short (here a file-size limit, `ulimit -f` in a child process) leaves the old file intact and
// is reported: the settings and the report queue say why they could not be saved.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/engine/files/json-file.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'short-write-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('atomic JSON files under a file-size limit', () => {
  it('keeps the last complete settings and queue files and reports both failures', () => {
    const dir = tempDir();
    const settingsPath = join(dir, 'settings.json');
    const queuePath = join(dir, 'report-queue.json');
    const goodSettings = `${JSON.stringify({ version: 1, probeIntervalMs: 120000 })}\n`;
    const goodQueue = JSON.stringify({ version: 1, reports: [] });
    writeFileSync(settingsPath, goodSettings);
    writeFileSync(queuePath, goodQueue);

    const helper = join(import.meta.dirname, 'fixtures', 'write-big-settings.ts');
    // 2 blocks of 1 KB: the first write(2) of 8 KB is cut short, the next one fails with EFBIG.
    const run = spawnSync('bash', ['-c', 'ulimit -f 2 && exec "$0" --import tsx "$@"', process.execPath, helper, settingsPath, queuePath], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
      settingsError: string | null;
      queueError: string | null;
      queued: number;
    };

    expect(shown.settingsError).toMatch(/EFBIG|wrote \d+ of \d+ bytes/);
    expect(shown.queueError).toMatch(/EFBIG|wrote \d+ of \d+ bytes/);
    expect(shown.queued).toBe(40); // still in memory, still sent while the app runs
    expect(readFileSync(settingsPath, 'utf8')).toBe(goodSettings);
    // The first few reports fit under the limit and were saved whole; the file is the last complete version.
    const onDisk = JSON.parse(readFileSync(queuePath, 'utf8')) as { reports: unknown[] };
    expect(onDisk.reports.length).toBeGreaterThan(0);
    expect(onDisk.reports.length).toBeLessThan(40);
    expect(readdirSync(dir).sort()).toEqual(['report-queue.json', 'settings.json']); // no temporary file left behind
  });

  it('keeps a queued report in memory and says so when the disk takes no bytes at all, client id included', () => {
    const dir = tempDir();
    const helper = join(import.meta.dirname, 'fixtures', 'reporter-on-full-disk.ts');
    const run = spawnSync('bash', ['-c', 'ulimit -f 0 && exec "$0" --import tsx "$@"', process.execPath, helper, dir], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { result: string; pending: number; problem: string | null };
    expect(shown.result).toBe('queued');
    expect(shown.pending).toBe(1);
    expect(shown.problem).toMatch(/Reports waiting to be sent could not be saved \(.*EFBIG.*\)/);
    expect(shown.problem).toMatch(/This install's id could not be saved \(.*EFBIG.*\)/);
    expect(readdirSync(dir)).toEqual([]); // nothing half-written left behind
  });

  it('replaces the file whole when the write fits', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'old');
    const text = 'x'.repeat(200_000);
    writeFileAtomic(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('leaves the old file when the folder is read-only', () => {
    if (process.getuid?.() === 0) return; // root writes anyway; the file-size limit above covers the failure path
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'old');
    spawnSync('chmod', ['a-w', dir]);
    try {
      expect(() => writeFileAtomic(path, 'new')).toThrow();
      expect(readFileSync(path, 'utf8')).toBe('old');
    } finally {
      spawnSync('chmod', ['u+w', dir]);
    }
  });
});
