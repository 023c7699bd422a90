import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLE_CONSUMER_FEED_URL, APPLE_DEVELOPER_FEED_URL, createOfficialStatusSource } from '../../../main/engine/official/source.ts';
import { deadPort, startLoopback } from '../../fixtures/loopback-http.ts';
import type { LoopbackServer } from '../../fixtures/loopback-http.ts';

const shared = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/apple-status', name), 'utf8');
const bad = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/apple-status-bad', name), 'utf8');
const MIXED_NOW = 1749600000000;

/** A fake apple.com: serves whatever `feeds` holds, with an ETag per version and 304 on a match. */
interface FeedWorld {
  consumer: { body: string; status: number; version: number; lastModified?: string; cut?: boolean };
  developer: { body: string; status: number; version: number };
}

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function startFeeds(world: FeedWorld): Promise<LoopbackServer> {
  const server = await startLoopback((req, res) => {
    const feed = req.url?.includes('/developer/') ? world.developer : world.consumer;
    const etag = `"v${feed.version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/javascript', etag };
    const { lastModified, cut } = feed as { lastModified?: string; cut?: boolean };
    if (lastModified) headers['last-modified'] = lastModified;
    if (cut) {
      // Promise more bytes than are sent, then drop the connection.
      res.writeHead(200, { ...headers, 'content-length': String(feed.body.length * 2) });
      res.write(feed.body);
      setImmediate(() => res.destroy());
      return;
    }
    res.writeHead(feed.status, headers).end(feed.body);
  });
  servers.push(server);
  return server;
}

function sourceFor(base: string, now: () => number) {
  return createOfficialStatusSource({
    consumerUrl: `${base}/support/systemstatus/data/system_status_en_US.js`,
    developerUrl: `${base}/support/systemstatus/data/developer/system_status_en_US.js`,
    timeoutMs: 5_000, // generous: every feed here answers (or refuses) and must do so inside it on busy cores
    now,
  });
}

describe('createOfficialStatusSource against a real HTTP server', () => {
  it("exports Apple's real feed URLs as defaults", () => {
    expect(APPLE_CONSUMER_FEED_URL).toBe('https://www.apple.com/support/systemstatus/data/system_status_en_US.js');
    expect(APPLE_DEVELOPER_FEED_URL).toBe('https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js');
  });

  it('merges both feeds, then uses ETag / If-Modified-Since and keeps the parse on 304', async () => {
    const world: FeedWorld = {
      consumer: { body: shared('mixed-events.json'), status: 200, version: 1, lastModified: 'Tue, 10 Jun 2025 16:00:00 GMT' },
      developer: { body: bad('developer-apns.jsonp'), status: 200, version: 1 },
    };
    const server = await startFeeds(world);
    const source = sourceFor(server.url, () => MIXED_NOW);
    const first = await source.poll();
    expect(first).toMatchObject({ fetchedAt: MIXED_NOW, stale: false, error: null });
    expect(first.services['imessage']?.state).toBe('outage');
    expect(first.services['apns']?.state).toBe('issue');

    const second = await source.poll();
    expect(second.services).toEqual(first.services);
    const consumerRequests = server.requests.filter((r) => !r.path.includes('/developer/'));
    expect(consumerRequests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(consumerRequests[1]?.headers['if-modified-since']).toBe('Tue, 10 Jun 2025 16:00:00 GMT');
    expect(second.stale).toBe(false);

    world.consumer = { body: shared('all-normal.json'), status: 200, version: 2 };
    const third = await source.poll();
    expect(third.services['imessage']?.state).toBe('ok');
  });

  it.each([
    ['garbage', { body: bad('html-error-page.html'), status: 200 }, /not valid JSON/],
    ['a truncated document', { body: bad('truncated.json'), status: 200 }, /cut off/],
    ['an unknown value', { body: bad('unknown-status-type.json'), status: 200 }, /unknown statusType/],
    ['HTTP 503', { body: 'busy', status: 503 }, /HTTP 503/],
    ['a dropped connection', { body: shared('all-normal.json'), status: 200, cut: true }, /dropped|cut off/],
  ])('on %s keeps the previous state, marks it stale and says why', async (_label, change, words) => {
    let now = MIXED_NOW;
    const world: FeedWorld = {
      consumer: { body: shared('mixed-events.json'), status: 200, version: 1 },
      developer: { body: bad('developer-apns.jsonp'), status: 200, version: 1 },
    };
    const server = await startFeeds(world);
    const source = sourceFor(server.url, () => now);
    const good = await source.poll();
    now += 60_000;
    world.consumer = { ...change, version: 2 };
    const after = await source.poll();
    expect(after.stale).toBe(true);
    expect(after.error).toMatch(words);
    expect(after.fetchedAt).toBe(MIXED_NOW);
    expect(after.services).toEqual(good.services);
    expect(source.current()).toEqual(after);
  });

  it('on a dead server: stale with an error, backoff grows, resets on recovery', async () => {
    const port = await deadPort();
    const source = sourceFor(`http://127.0.0.1:${port}`, () => MIXED_NOW);
    const first = await source.poll();
    expect(first).toMatchObject({ fetchedAt: null, stale: true, services: {} });
    expect(first.error).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const delays = [source.nextPollDelay(1_000)];
    for (let i = 0; i < 7; i++) {
      await source.poll();
      delays.push(source.nextPollDelay(1_000));
    }
    expect(delays.slice(0, 6)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 32_000]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(32_000);

    const world: FeedWorld = {
      consumer: { body: shared('mixed-events.json'), status: 200, version: 1 },
      developer: { body: bad('developer-apns.jsonp'), status: 200, version: 1 },
    };
    const serverUp = await startLoopback((req, res) => {
      const feed = req.url?.includes('/developer/') ? world.developer : world.consumer;
      res.writeHead(feed.status).end(feed.body);
    }, port);
    servers.push(serverUp);
    const recovered = await source.poll();
    expect(recovered).toMatchObject({ stale: false, error: null, fetchedAt: MIXED_NOW });
    expect(recovered.services['imessage']?.state).toBe('outage');
    expect(source.nextPollDelay(1_000)).toBe(1_000);
  });

  it('times out a server that never answers', async () => {
    const server = await startLoopback(() => undefined);
    servers.push(server);
    const source = createOfficialStatusSource({
      consumerUrl: `${server.url}/a`,
      developerUrl: `${server.url}/b`,
      timeoutMs: 200,
      now: () => MIXED_NOW,
    });
    const snap = await source.poll();
    expect(snap.stale).toBe(true);
    expect(snap.error).toMatch(/did not answer in time/);
  });

  it('refuses an endless body and times out a slow drip, keeping the previous state', async () => {
    let mode: 'good' | 'huge' | 'drip' = 'good';
    const timers = new Set<ReturnType<typeof setInterval>>();
    const server = await startLoopback((_req, res) => {
      if (mode === 'good') return void res.writeHead(200).end(shared('mixed-events.json'));
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.write('jsonCallback({"services":[');
      const chunk = mode === 'huge' ? `{"serviceName":"x","events":[]},`.repeat(2_000) : ' ';
      const timer = setInterval(() => res.write(chunk), mode === 'huge' ? 1 : 50);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    const source = createOfficialStatusSource({
      consumerUrl: `${server.url}/c`,
      developerUrl: `${server.url}/d`,
      // Generous: the good poll, and the huge one's 2 MB, must arrive inside it on busy cores; only the drip outlasts it.
      timeoutMs: 5_000,
      now: () => MIXED_NOW,
    });
    const good = await source.poll();
    mode = 'huge';
    const huge = await source.poll();
    expect(huge).toMatchObject({ stale: true, services: good.services });
    expect(huge.error).toMatch(/far larger/);
    mode = 'drip';
    const drip = await source.poll();
    expect(drip).toMatchObject({ stale: true, services: good.services });
    expect(drip.error).toMatch(/did not answer in time/);
    for (const t of timers) clearInterval(t);
  });

  it('marks old data stale without a poll, and concurrent polls share one request', async () => {
    let now = MIXED_NOW;
    const server = await startFeeds({
      consumer: { body: shared('all-normal.json'), status: 200, version: 1 },
      developer: { body: bad('developer-apns.jsonp'), status: 200, version: 1 },
    });
    const source = createOfficialStatusSource({
      consumerUrl: `${server.url}/c`,
      developerUrl: `${server.url}/developer/d`,
      now: () => now,
      staleAfterMs: 60_000,
    });
    await Promise.all([source.poll(), source.poll(), source.poll()]);
    expect(server.requests).toHaveLength(2);
    now += 61_000;
    expect(source.current()).toMatchObject({ stale: true, fetchedAt: MIXED_NOW });
    expect(source.current().error).toMatch(/not been refreshed/);
  });
});
