// Update decisions and feed parsing against a real update server on loopback, serving what electron-builder publishes.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelFileName, compareVersions, decideUpdate, fetchUpdateFeed } from '../../main/shell/update-feed.ts';
import { FIRST_UPDATE_CHECK_MS, UPDATE_CHECK_INTERVAL_MS, nextUpdateStatus, planUpdates } from '../../main/shell/update-policy.ts';
import type { UpdatePlan } from '../../main/shell/update-policy.ts';

const SHA = 'q3Z3Yl0Q8W2s7Kk2y2x3B4n5m6v7c8x9z0a1s2d3f4g5h6j7k8l9p0o1i2u3y4t5r6e7w8q9a0s1d2f3g4h5j6k==';
const feed = (version: string, file: string) =>
  `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${SHA}\n    size: 1234\npath: ${file}\nsha512: ${SHA}\nreleaseDate: '2026-11-20T10:00:00.000Z'\n`;

let server: Server;
let base = '';
const files: Record<string, { status: number; body: string }> = {};
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const hit = files[req.url ?? ''];
    if (req.url === '/moved/latest.yml') return void res.writeHead(302, { location: '/updates/latest.yml' }).end();
    if (!hit) return void res.writeHead(404).end('not found');
    res.writeHead(hit.status, { 'content-type': 'text/yaml' }).end(hit.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files['/updates/latest.yml'] = { status: 200, body: feed('0.2.0', 'iMessage-Status-Setup-0.2.0.exe') };
  files['/updates/latest-mac.yml'] = { status: 200, body: feed('0.1.0', 'iMessage-Status-0.1.0-arm64-mac.zip') };
  files['/updates/latest-linux.yml'] = { status: 200, body: feed('0.3.0-beta.1', 'iMessage-Status-0.3.0-beta.1.AppImage') };
  files['/broken/latest.yml'] = { status: 200, body: 'version: [unclosed\n  : :' };
  files['/nochecksum/latest.yml'] = { status: 200, body: 'version: 0.2.0\nfiles:\n  - url: a.exe\n    size: 1\n' };
  files['/down/latest.yml'] = { status: 503, body: 'later' };
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('update feed over HTTP', () => {
  it('names the channel file the way electron-updater does', () => {
    expect(channelFileName('win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });

  it("reads the platform's channel file and resolves its download against the feed", async () => {
    const win = await fetchUpdateFeed(`${base}/updates`, 'win32', 'x64');
    expect(win).toMatchObject({ ok: true, info: { version: '0.2.0' }, files: [`${base}/updates/iMessage-Status-Setup-0.2.0.exe`] });
    expect(requested).toContain('/updates/latest.yml');
    const mac = await fetchUpdateFeed(`${base}/updates/`, 'darwin', 'arm64');
    expect(mac.ok && mac.info.version).toBe('0.1.0');
  });

  it('turns every bad answer into a reason instead of a throw', async () => {
    expect(await fetchUpdateFeed(`${base}/missing`, 'win32', 'x64')).toEqual({ ok: false, error: 'latest.yml: HTTP 404' });
    expect(await fetchUpdateFeed(`${base}/down`, 'win32', 'x64')).toEqual({ ok: false, error: 'latest.yml: HTTP 503' });
    const broken = await fetchUpdateFeed(`${base}/broken`, 'win32', 'x64');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toContain('Cannot parse update info');
    const unsafe = await fetchUpdateFeed(`${base}/nochecksum`, 'win32', 'x64');
    expect(!unsafe.ok && unsafe.error).toContain('checksum');
    // A redirect is refused, not followed somewhere else.
    expect((await fetchUpdateFeed(`${base}/moved`, 'win32', 'x64')).ok).toBe(false);
    expect((await fetchUpdateFeed('http://127.0.0.1:1', 'win32', 'x64', fetch, 2_000)).ok).toBe(false);
    expect((await fetchUpdateFeed('::not a url', 'win32', 'x64')).ok).toBe(false);
  });

  it('decides from the served versions: newer, same, pre-release only for pre-release builds', async () => {
    const win = await fetchUpdateFeed(`${base}/updates`, 'win32', 'x64');
    const mac = await fetchUpdateFeed(`${base}/updates`, 'darwin', 'arm64');
    const linux = await fetchUpdateFeed(`${base}/updates`, 'linux', 'x64');
    if (!win.ok || !mac.ok || !linux.ok) throw new Error('feed did not load');
    expect(decideUpdate('0.1.0', win.info)).toEqual({ kind: 'newer', version: '0.2.0' });
    expect(decideUpdate('0.1.0', mac.info)).toEqual({ kind: 'current' });
    expect(decideUpdate('0.3.0', win.info)).toEqual({ kind: 'older' });
    expect(decideUpdate('0.2.0', linux.info)).toEqual({ kind: 'current' });
    expect(decideUpdate('0.3.0-alpha.2', linux.info)).toEqual({ kind: 'newer', version: '0.3.0-beta.1' });
    expect(decideUpdate('0.1.0', { version: 'latest' }).kind).toBe('invalid');
  });
});

describe('version order', () => {
  it('follows semver precedence', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(1);
    expect(compareVersions('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(compareVersions('1.0.0-beta.11', '1.0.0-beta.2')).toBe(1);
    expect(compareVersions('v2.0.0', '2.0.0+build.5')).toBe(0);
    expect(compareVersions('2.0', '2.0.0')).toBeNull();
  });
});

describe('update plan and notices', () => {
  const base = { isPackaged: true, feedUrl: 'https://updates.example.org/imsm/', packageType: 'nsis' as const, macSigned: false };

  it('is off in development and without a built-in URL', () => {
    expect(planUpdates({ ...base, isPackaged: false })).toMatchObject({ enabled: false, reason: expect.stringContaining('development') });
    expect(planUpdates({ ...base, feedUrl: '' })).toMatchObject({ enabled: false, reason: expect.stringContaining('MONITOR_UPDATE_URL') });
    expect(planUpdates({ ...base, feedUrl: 'http://updates.example.org/' })).toMatchObject({ enabled: false });
    expect(planUpdates({ ...base, feedUrl: 'http://127.0.0.1:9000/' }).enabled).toBe(true);
  });

  it('installs on quit where electron-updater can, and only tells the user elsewhere', () => {
    expect(planUpdates(base)).toMatchObject({ enabled: true, mode: 'install-on-quit' });
    expect(planUpdates({ ...base, packageType: 'appimage' })).toMatchObject({ mode: 'install-on-quit' });
    expect(planUpdates({ ...base, packageType: 'mac', macSigned: true })).toMatchObject({ mode: 'install-on-quit' });
    expect(planUpdates({ ...base, packageType: 'mac' })).toMatchObject({ mode: 'notify-only' });
    expect(planUpdates({ ...base, packageType: 'deb' })).toMatchObject({ mode: 'notify-only' });
  });

  it('checks a minute after start, then daily', () => {
    expect(FIRST_UPDATE_CHECK_MS).toBe(60_000);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(86_400_000);
  });

  it('never promises a restart; a failed re-check keeps a known update on screen', () => {
    const plan = planUpdates(base) as Extract<UpdatePlan, { enabled: true }>;
    let status = nextUpdateStatus({ state: 'idle', version: null, detail: '', downloadPage: null }, { type: 'checking' }, plan, null);
    expect(status.state).toBe('checking');
    status = nextUpdateStatus(status, { type: 'available', version: '0.2.0' }, plan, null);
    status = nextUpdateStatus(status, { type: 'downloaded', version: '0.2.0' }, plan, null);
    expect(status).toMatchObject({ state: 'downloaded', version: '0.2.0' });
    expect(status.detail).toContain('when you quit');
    expect(nextUpdateStatus(status, { type: 'error', message: 'offline' }, plan, null)).toBe(status);
    expect(nextUpdateStatus(status, { type: 'checking' }, plan, null)).toBe(status);
    const idle = nextUpdateStatus(
      { state: 'idle', version: null, detail: '', downloadPage: null },
      { type: 'error', message: 'offline' },
      plan,
      null,
    );
    expect(idle).toMatchObject({ state: 'error', detail: expect.stringContaining('offline') });
  });

  it('points notify-only builds at the download page', () => {
    const plan = planUpdates({ ...base, packageType: 'deb' });
    const status = nextUpdateStatus(
      { state: 'idle', version: null, detail: '', downloadPage: null },
      { type: 'available', version: '0.2.0' },
      plan,
      'https://updates.example.org/imsm/',
    );
    expect(status).toMatchObject({ state: 'available', downloadPage: 'https://updates.example.org/imsm/' });
    expect(nextUpdateStatus(status, { type: 'checking' }, planUpdates({ ...base, isPackaged: false }), null).state).toBe('off');
  });
});
