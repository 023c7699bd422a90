// ensureLocalAggregator: reuse one that answers, start the real one on loopback, leave a remote one alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAggregator } from '../../aggregator/server.ts';
import { aggregatorAnswers, ensureLocalAggregator } from '../../main/launch/ensure-aggregator.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'imsm-ensure-agg-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A port nobody listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('ensureLocalAggregator', () => {
  it('reuses an aggregator that already answers', async () => {
    const running = await startAggregator({ port: 0, dataDir: tempDir() });
    try {
      const ensured = await ensureLocalAggregator(running.url, tempDir());
      expect(ensured.started).toBe(false);
      expect(ensured.note).toContain('already answering');
      await ensured.close();
      expect(await aggregatorAnswers(running.url)).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('starts the real aggregator with embedded storage when the loopback URL is silent, and stops it on close', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await aggregatorAnswers(url)).toBe(false);
    const ensured = await ensureLocalAggregator(url, tempDir());
    expect(ensured.started).toBe(true);
    expect(await aggregatorAnswers(url)).toBe(true);
    const status = await fetch(`${url}/v1/status`);
    expect(status.status).toBe(200);
    await ensured.close();
    expect(await aggregatorAnswers(url)).toBe(false);
  });

  it('leaves a remote address alone and says why', async () => {
    const ensured = await ensureLocalAggregator('http://192.0.2.1:8787', tempDir());
    expect(ensured.started).toBe(false);
    expect(ensured.note).toContain('does not answer');
    const bad = await ensureLocalAggregator('not a url', tempDir());
    expect(bad.started).toBe(false);
  });
});
