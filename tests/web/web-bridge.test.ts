// The browser-mode bridge over real HTTP, with the real engine pointed at a loopback Apple world.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_DATA_ELEMENT_ID, type InitialData } from '../../contracts/popover-page.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { createDefaultEngine } from '../../main/launch/create-engine.ts';
import type { MonitorEngine } from '../../main/engine/ports.ts';
import { CONNECTED_STATE, fixedNetworkState } from '../../main/engine/probes/network-state.ts';
import { jsonFileSettingsStore } from '../../main/engine/settings/json-file-store.ts';
import { writeLaunchPage } from '../../main/web/launch-page.ts';
import { startWebBridge, type WebBridge } from '../../main/web/web-bridge.ts';
import { startAppleWorld, type AppleWorld } from '../../lab/net/apple-world.ts';

let dir: string;
let world: AppleWorld;
let engine: MonitorEngine;
let bridge: WebBridge;
const opened: string[] = [];
let quits = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imsm-web-bridge-'));
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>popover</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  world = await startAppleWorld();
  const store = jsonFileSettingsStore(join(dir, 'settings.json'));
  store.save({ ...DEFAULT_SETTINGS, aggregatorUrl: 'http://127.0.0.1:9' });
  engine = createDefaultEngine({ dataDir: dir, settingsStore: store, targets: world.targets, network: fixedNetworkState(CONNECTED_STATE) });
  engine.start();
  bridge = await startWebBridge({ engine, staticDir, openExternal: (u) => void opened.push(u), onQuit: () => (quits += 1) });
  cookie = (await launch(bridge.url)).cookie;
});

afterAll(async () => {
  await bridge?.close();
  await engine?.stop();
  await world?.close();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${bridge.port}`;
const api = (route: string) => `${origin()}/api/${route}`;
let cookie = '';

/** Loads a launch address as a browser would; the session cookie it set ('' when refused) and the status. */
async function launch(url: string): Promise<{ status: number; cookie: string; body: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  const set = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: set.split(';')[0] ?? '', body: await res.text() };
}

/** A request from the popover page: its session cookie, and what a browser says about a same-origin fetch. */
const popover = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, 'sec-fetch-site': 'same-origin' } });
const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { host, cookie, 'sec-fetch-site': 'same-origin' };
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web bridge', () => {
  it('serves the popover only to the session, with the CSP header, and nothing outside its folder', async () => {
    const page = await popover(`${origin()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await popover(`${origin()}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${origin()}/`)).status).toBe(403);
    expect((await fetch(`${origin()}/assets/app.js`)).status).toBe(403);
    expect((await popover(`${origin()}/%2e%2e/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await popover(`${origin()}/..%2f..%2fsecret.txt`)).status).toBe(404);
  });

  it("writes the engine's snapshot and settings into a top-level page load only, with a length that matches", async () => {
    const block = new RegExp(`<script type="application/json" id="${INITIAL_DATA_ELEMENT_ID}">(.*)</script>`);
    const navigation = await popover(`${origin()}/`, { headers: { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' } });
    const html = await navigation.text();
    expect(Number(navigation.headers.get('content-length'))).toBe(Buffer.byteLength(html));
    expect(navigation.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(block.exec(html)?.[1] ?? 'null') as InitialData;
    expect(data.snapshot.overall.headline).toBe(engine.snapshot().overall.headline);
    expect(data.settings).toEqual(engine.settings());
    // A script's fetch of the page (another page on 127.0.0.1 is same-site, so the cookie goes along) gets it bare.
    const fetched = await popover(`${origin()}/`, { headers: { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' } });
    expect(await fetched.text()).toBe('<!doctype html><title>popover</title>');
    const head = await popover(`${origin()}/index.html`, { method: 'HEAD', headers: { 'sec-fetch-dest': 'document' } });
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(html.indexOf('<script'));
  });

  it('refuses a foreign Host header (DNS rebinding) and accepts localhost', async () => {
    expect(await rawGet('/api/snapshot', `evil.example:${bridge.port}`)).toBe(403);
    expect(await rawGet('/api/snapshot', `localhost:${bridge.port}`)).toBe(200);
    expect(await rawGet('/api/snapshot', `127.0.0.1:${bridge.port + 1}`)).toBe(403);
  });

  it('answers the snapshot and streams snapshots as server-sent events', async () => {
    const snap = (await (await popover(api('snapshot'))).json()) as { services: Record<string, unknown> };
    expect(Object.keys(snap.services)).toEqual(['imessage', 'facetime']);
    const controller = new AbortController();
    const res = await popover(api('events'), { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    for (let i = 0; i < 20 && !text.includes('\n\n', text.indexOf('event: snapshot')); i += 1) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = /event: snapshot\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? 'null')).toHaveProperty('overall.headline');
  });

  it('validates bodies: schema, JSON, content type and size', async () => {
    const bad = await popover(api('report'), json({ service: 'whatsapp', kind: 'problem' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'service' });
    expect((await popover(api('report'), json({ service: 'imessage', kind: 'working', problem: 'other' }))).status).toBe(400);
    expect((await popover(api('report'), json({ service: 'imessage', kind: 'problem', extra: 1 }))).status).toBe(400);
    expect((await popover(api('report'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })).status).toBe(
      400,
    );
    expect((await popover(api('report'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await popover(api('settings'), json({ aggregatorUrl: 'x'.repeat(20_000) }, 'PUT'))).status).toBe(413);
    expect((await popover(api('trend?service=imessage&hours=999'))).status).toBe(400);
    expect((await popover(api('snapshot'), json({}))).status).toBe(405);
    expect((await popover(api('nothing'))).status).toBe(404);
  });

  it('stores valid settings and names the field of an invalid one', async () => {
    const refused = await popover(api('settings'), json({ probeIntervalMs: 5 }, 'PUT'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ field: 'probeIntervalMs' });
    const ok = await popover(api('settings'), json({ probeIntervalMs: 30_000, quietHours: { enabled: true } }, 'PUT'));
    expect(ok.status).toBe(200);
    const stored = (await (await popover(api('settings'))).json()) as typeof DEFAULT_SETTINGS;
    expect(stored.probeIntervalMs).toBe(30_000);
    expect(stored.quietHours).toEqual({ ...DEFAULT_SETTINGS.quietHours, enabled: true });
  });

  it('reports an unreachable aggregator in words, not as an error status', async () => {
    const trend = (await (await popover(api('trend?service=facetime&hours=24'))).json()) as { ok: boolean; error?: string };
    expect(trend.ok).toBe(false);
    expect(trend.error).toMatch(/\w+/);
  });

  it('opens only http(s) links and quits on request', async () => {
    expect((await popover(api('open-external'), json({ url: 'file:///etc/passwd' }))).status).toBe(400);
    expect((await popover(api('open-external'), json({ url: 'javascript:alert(1)' }))).status).toBe(400);
    expect((await popover(api('open-external'), json({ url: 'https://www.apple.com/support/systemstatus/' }))).status).toBe(204);
    expect(opened).toEqual(['https://www.apple.com/support/systemstatus/']);
    expect((await popover(api('quit'), json({}))).status).toBe(204);
    await new Promise((r) => setImmediate(r));
    expect(quits).toBe(1);
  });
});

describe('web bridge: who gets in', () => {
  it('opens a launch address once: a second client with the printed address gets nothing', async () => {
    const url = bridge.launchUrl();
    const first = await launch(url);
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(new RegExp(`^monitor_session_${bridge.port}=[\\w-]{40,}$`));
    expect(first.body).toContain('url=/'); // moves on to the clean address
    const second = await launch(url);
    expect(second.status).toBe(403);
    expect(second.cookie).toBe('');
    const stranger = { 'sec-fetch-site': 'same-origin' };
    expect((await fetch(`${origin()}/`, { headers: stranger })).status).toBe(403);
    expect((await fetch(api('snapshot'), { headers: stranger })).status).toBe(403);
    expect((await fetch(`${origin()}/launch/${'A'.repeat(43)}`)).status).toBe(403);
  });

  it('hands the browser a private file that forwards to the launch address, never the token on a command line', async () => {
    const path = writeLaunchPage(dir, bridge.launchUrl());
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const forwardTo = /url=([^"]+)"/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
    expect(forwardTo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]{40,}$/);
    expect((await launch(forwardTo)).cookie).toMatch(/^monitor_session_\d+=/);
  });

  it('keeps two browser-mode instances on one host apart: signing in to the second leaves the first signed in', async () => {
    const second = await startWebBridge({ engine, staticDir: join(dir, 'static'), openExternal: () => undefined });
    try {
      const mine = (await launch(bridge.launchUrl())).cookie;
      const theirs = (await launch(second.url)).cookie;
      // A browser keeps cookies per host and name (ports don't count): distinct names, so both are kept and both sent.
      expect(mine.split('=')[0]).not.toBe(theirs.split('=')[0]);
      const jar = `${mine}; ${theirs}`;
      expect((await fetch(`${origin()}/`, { headers: { cookie: jar } })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${second.port}/`, { headers: { cookie: jar } })).status).toBe(200);
      // Neither session opens the other instance.
      expect((await fetch(`http://127.0.0.1:${second.port}/`, { headers: { cookie: mine } })).status).toBe(403);
    } finally {
      await second.close();
    }
  });

  it('sets an HttpOnly, SameSite=Strict cookie for the whole site', async () => {
    const res = await fetch(bridge.launchUrl(), { redirect: 'manual' });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
  });

  it('refuses API calls that do not come from the popover page, even with the cookie', async () => {
    const simple = { method: 'POST', body: '{}' };
    const from = (headers: Record<string, string>) => ({ ...simple, headers: { cookie, 'content-type': 'text/plain', ...headers } });
    const quitsBefore = quits;
    expect((await fetch(api('quit'), from({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect((await fetch(api('check'), from({ origin: 'https://evil.example' }))).status).toBe(403);
    expect((await fetch(api('quit'), from({ origin: `http://127.0.0.1:${bridge.port + 1}`, 'sec-fetch-site': 'same-site' }))).status).toBe(
      403,
    );
    expect((await fetch(api('settings'), { ...from({}), method: 'PUT' })).status).toBe(403); // says nothing about where it came from
    expect((await fetch(api('snapshot'), { headers: { cookie, 'sec-fetch-site': 'none' } })).status).toBe(403);
    expect((await fetch(api('snapshot'), { headers: { cookie, origin: origin() } })).status).toBe(200); // Origin alone, older browsers
    expect(quits).toBe(quitsBefore);
  });
});
