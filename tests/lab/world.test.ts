// The lab world's own parts: Apple's feed in the real format (read by the engine's parser), the feed server's modes,
// the gate in front of a server, and the time-scaling rule.
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mapServices } from '../../apple-status-feed/map-services.ts';
import { parseFeed } from '../../apple-status-feed/parse-feed.ts';
import { AppleFeed } from '../../lab/world/apple-feed.ts';
import { FeedServer } from '../../lab/world/feed-server.ts';
import { Gate } from '../../lab/world/gate.ts';
import { MIN_OUTAGE_CLIENTS, labTimeScale } from '../../lab/world/time-scale.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** Resolves with the connect error code, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

describe("Apple's feed as the lab writes it", () => {
  it('opens an ongoing event and later resolves it with an end epoch, as the engine reads it', () => {
    let now = 1_750_000_000_000;
    const feed = new AppleFeed(() => now);
    expect(mapServices(parseFeed(feed.consumer()), now).imessage?.state).toBe('ok');

    feed.set('imessage', 'outage');
    feed.set('facetime', 'maintenance');
    const doc = JSON.parse(feed.consumer()) as { services: { serviceName: string; events: Record<string, unknown>[] }[] };
    const event = doc.services.find((s) => s.serviceName === 'iMessage')?.events[0];
    expect(event).toMatchObject({ statusType: 'Outage', eventStatus: 'ongoing', epochStartDate: now, epochEndDate: null, endDate: null });
    expect(event?.messageId).toMatch(/^\d+$/);
    expect(event?.startDate).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d P[DS]T$/);
    const mapped = mapServices(parseFeed(feed.consumer()), now);
    expect(mapped.imessage).toMatchObject({ state: 'outage', start: now, end: null });
    expect(mapped.facetime?.state).toBe('maintenance');

    now += 60_000;
    feed.set('imessage', 'ok');
    const resolved = (JSON.parse(feed.consumer()) as typeof doc).services.find((s) => s.serviceName === 'iMessage')?.events[0];
    expect(resolved).toMatchObject({ eventStatus: 'resolved', epochEndDate: now });
    expect(mapServices(parseFeed(feed.consumer()), now).imessage?.state).toBe('ok');
  });

  it("lists one shared event under every service changed to the same state in one step, as Apple's multi-service incidents", () => {
    let now = 1_750_000_000_000;
    const feed = new AppleFeed(() => now);
    feed.apply({ imessage: 'outage', 'iCloud Account & Sign In': 'outage', homekit: 'outage', 'Apple Account': 'issue', APNS: 'outage' });
    type Doc = { services: { serviceName: string; events: { messageId: string; affectedServices: string[] | null }[] }[] };
    const consumer = JSON.parse(feed.consumer()) as Doc;
    const developer = JSON.parse(feed.developer().slice('jsonCallback('.length, -2)) as Doc;
    const eventOf = (doc: Doc, name: string) => doc.services.find((s) => s.serviceName === name)?.events[0];
    const shared = eventOf(consumer, 'iMessage');
    // Apple's spelling: the consumer feed escapes the ampersand; push is in the developer feed.
    expect(eventOf(consumer, 'iCloud Account &amp; Sign In')?.messageId).toBe(shared?.messageId);
    expect(eventOf(consumer, 'HomeKit')?.messageId).toBe(shared?.messageId);
    expect(eventOf(developer, 'APNS')?.messageId).toBe(shared?.messageId);
    expect(shared?.affectedServices).toEqual(['iMessage', 'iCloud Account & Sign In', 'HomeKit', 'APNS']);
    // A different state is a different incident.
    expect(eventOf(consumer, 'Apple Account')).toMatchObject({ affectedServices: null });
    expect(eventOf(consumer, 'Apple Account')?.messageId).not.toBe(shared?.messageId);
    const mapped = mapServices(parseFeed(feed.consumer()), now);
    expect([mapped.imessage?.state, mapped['icloud-account']?.state, mapped.homekit?.state]).toEqual(['outage', 'outage', 'outage']);

    // iMessage leaves the shared incident; the others stay in it.
    now += 60_000;
    feed.apply({ imessage: 'ok' });
    const after = mapServices(parseFeed(feed.consumer()), now);
    expect(after.imessage?.state).toBe('ok');
    expect([after['icloud-account']?.state, after.homekit?.state]).toEqual(['outage', 'outage']);
    expect(eventOf(JSON.parse(feed.consumer()) as Doc, 'HomeKit')?.affectedServices).toEqual([
      'iCloud Account & Sign In',
      'HomeKit',
      'APNS',
    ]);
    now += 60_000;
    feed.apply({ 'iCloud Account & Sign In': 'ok', HomeKit: 'ok', apns: 'ok' });
    expect(mapServices(parseFeed(feed.consumer()), now).homekit?.state).toBe('ok');
  });

  it('adds a service Apple lists elsewhere on its page to the consumer feed as written', () => {
    const feed = new AppleFeed(() => 1_750_000_000_000);
    feed.apply({ 'Maps Routing & Navigation': 'issue' });
    const doc = JSON.parse(feed.consumer()) as { services: { serviceName: string; events: { statusType: string }[] }[] };
    expect(doc.services.find((s) => s.serviceName === 'Maps Routing &amp; Navigation')?.events[0]?.statusType).toBe('Issue');
  });

  it('wraps the developer feed in jsonCallback(...) with APNS listed', () => {
    const text = new AppleFeed().developer();
    expect(text).toMatch(/^jsonCallback\(\{.*\}\);$/);
    expect(parseFeed(text).services.map((s) => s.serviceName)).toContain('APNS');
  });
});

describe('feed server', () => {
  it('answers conditional requests, serves garbage when told, refuses while down and returns on the same port', async () => {
    const server = await FeedServer.start(new AppleFeed());
    cleanups.push(() => server.close());
    const first = await fetch(server.consumerUrl);
    const etag = first.headers.get('etag') ?? '';
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(parseFeed(body).services.length).toBeGreaterThan(0);
    expect((await fetch(server.consumerUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);

    server.setGarbage(true);
    const garbage = await (await fetch(server.developerUrl)).text();
    expect(() => parseFeed(garbage)).toThrow();
    server.setGarbage(false);

    const port = Number(new URL(server.consumerUrl).port);
    await server.setReachable(false);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await server.setReachable(true);
    expect((await fetch(server.consumerUrl)).status).toBe(200);
  });
});

describe('gate', () => {
  it('passes connections through when open and refuses them when shut', async () => {
    const upstream = createServer((s) => s.end('hello'));
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const address = upstream.address();
    const gate = await Gate.proxy(typeof address === 'object' && address ? address.port : 0);
    cleanups.push(async () => {
      await gate.shut();
      await new Promise<void>((r) => upstream.close(() => r()));
    });
    const read = () =>
      new Promise<string>((resolve, reject) => {
        let text = '';
        connect(gate.boundPort, '127.0.0.1')
          .on('data', (d) => (text += String(d)))
          .on('end', () => resolve(text))
          .on('error', reject);
      });
    expect(await read()).toBe('hello');
    await gate.set(false);
    expect(await tryConnect(gate.boundPort)).toBe('ECONNREFUSED');
    await gate.set(true);
    expect(await read()).toBe('hello');
  });
});

describe('time scaling', () => {
  it('turns a 1 s probe interval into one real minute: 5 s buckets, a 60 s "hour", the quiet rate as cold-start baseline', () => {
    const scale = labTimeScale(1000, 2);
    expect(scale.timeScale).toBeCloseTo(1 / 60);
    expect(scale.detection.bucketMs).toBe(5_000);
    expect(scale.detection.hourMs).toBe(60_000);
    expect(scale.detection.recoverMs).toBe(10_000);
    expect(scale.detection.coldStartPerHour).toBeCloseTo(2);
    expect(scale.detection.outageMinNetworks).toBeGreaterThanOrEqual(MIN_OUTAGE_CLIENTS);
  });

  it('scales windows with the interval and counts with the quiet rate', () => {
    const slow = labTimeScale(2000, 10);
    expect(slow.detection.bucketMs).toBe(10_000);
    expect(slow.detection.coldStartPerHour).toBeCloseTo(20);
    expect(labTimeScale(1000, 0).detection.coldStartPerHour).toBeCloseTo(1);
  });
});
