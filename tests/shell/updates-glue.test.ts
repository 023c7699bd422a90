// main/electron/updates.ts in notify-only mode against a real update server on loopback: the popover's notice
// follows the feed. The install-on-quit path (electron-updater itself, loaded from the bundle) is in updater-bundle.test.ts.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import { FIRST_UPDATE_CHECK_MS, UPDATE_CHECK_INTERVAL_MS } from '../../main/shell/update-policy.ts';
import { channelFileName } from '../../main/shell/update-feed.ts';
import { createFakeElectron } from './fake-electron.ts';

const fake = createFakeElectron('/tmp/imsm-updates-unused');
vi.mock('electron', () => fake.electron);
const { startUpdates } = await import('../../main/electron/updates.ts');

const SHA = 'q3Z3Yl0Q8W2s7Kk2y2x3B4n5m6v7c8x9z0a1s2d3f4g5h6j7k8l9p0o1i2u3y4t5r6e7w8q9a0s1d2f3g4h5j6k==';
let served = '0.1.0';
let hits = 0;
let server: Server;
let feedUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== `/feed/${channelFileName(process.platform, process.arch)}`) return void res.writeHead(404).end();
    hits++;
    res.writeHead(200).end(`version: ${served}\nfiles:\n  - url: app-${served}.bin\n    sha512: ${SHA}\n    size: 1\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('update checks (notify-only)', () => {
  it('check a minute after start and daily, and tell the popover about a newer version', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const seen: ShellStatus['update'][] = [];
    const stop = startUpdates(
      { enabled: true, feedUrl, mode: 'notify-only', why: 'installed by the package manager' },
      (s) => seen.push(s),
      () => {},
    );
    try {
      await vi.advanceTimersByTimeAsync(FIRST_UPDATE_CHECK_MS - 1_000);
      expect(hits).toBe(0);
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('idle'), { timeout: 10_000 }); // a real loopback fetch
      expect(hits).toBe(1);
      served = '0.2.0';
      await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
      await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ state: 'available', version: '0.2.0', downloadPage: feedUrl }), {
        timeout: 10_000,
      });
      expect(hits).toBe(2);
    } finally {
      stop();
      vi.useRealTimers();
    }
  });

  it('do nothing when the plan is off, and say why', () => {
    const seen: ShellStatus['update'][] = [];
    const stop = startUpdates(
      { enabled: false, reason: 'development run: updates are off' },
      (s) => seen.push(s),
      () => {},
    );
    stop();
    expect(seen).toEqual([{ state: 'off', version: null, detail: 'development run: updates are off', downloadPage: null }]);
  });
});
