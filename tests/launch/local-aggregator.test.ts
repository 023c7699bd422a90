// startLocalAggregator: the real aggregator CLI as a child process on a free port, stopped with the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalAggregator } from '../../main/launch/local-aggregator.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'imsm-local-agg-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startLocalAggregator', () => {
  it('runs the aggregator in its own process on a free port and stops it', { timeout: 90_000 }, async () => {
    const agg = await startLocalAggregator(tempDir());
    try {
      expect(agg.pid).not.toBe(process.pid);
      expect(agg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(agg.url).not.toMatch(/:8787$/);
      const health = await fetch(`${agg.url}/healthz`);
      expect(health.ok).toBe(true);
      const report = await fetch(`${agg.url}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          service: 'imessage',
          kind: 'problem',
          problem: 'not-delivered',
          clientId: '6f1d2a8e-8a4b-4c1e-9a51-0d7d2f9c1b11',
        }),
      });
      expect(report.status).toBe(202);
    } finally {
      await agg.stop();
    }
    expect(alive(agg.pid)).toBe(false);
  });

  it('fails with the child’s own words when it cannot start', { timeout: 60_000 }, async () => {
    const file = join(tempDir(), 'not-a-folder');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    await expect(startLocalAggregator(file, { timeoutMs: 50_000 })).rejects.toThrow(/local aggregator exited/);
  });
});
