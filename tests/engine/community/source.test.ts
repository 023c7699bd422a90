import { afterEach, describe, expect, it } from 'vitest';
import type { CommunitySnapshot } from '../../../contracts/status.ts';
import { readStatusResponse } from '../../../main/engine/community/aggregator-shapes.ts';
import { createAggregatorClient } from '../../../main/engine/community/client.ts';
import { communityServices, createCommunityStatusSource } from '../../../main/engine/community/source.ts';
import { startFakeAggregator, statusBody } from '../../fixtures/fake-aggregator.ts';
import { deadPort, startLoopback } from '../../fixtures/loopback-http.ts';
import { waitFor } from '../../fixtures/wait-for.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('createCommunityStatusSource', () => {
  it('maps the status answer; a dead aggregator keeps the previous data, stale, with a sentence', async () => {
    let now = 1_000_000;
    const agg = await startFakeAggregator();
    cleanups.push(() => agg.close());
    agg.setStatus(statusBody('outage', 500));
    let url = agg.url;
    const source = createCommunityStatusSource({
      // Generous: the polls of a live server must answer inside it on busy cores (the dead one refuses at once).
      client: createAggregatorClient({ baseUrl: () => url, timeoutMs: 5_000, now: () => now }),
      now: () => now,
    });
    expect(source.current()).toEqual({ fetchedAt: null, stale: false, error: null, reach: 'this-computer', services: {} });
    const good = await source.poll();
    expect(good).toMatchObject({ fetchedAt: 1_000_000, stale: false, error: null });
    expect(good.services.imessage).toEqual({
      status: 'outage',
      since: '2026-11-23T10:00:00.000Z',
      reportsLastHour: 500,
      baselinePerHour: 12,
      topProblems: [{ problem: 'not-delivered', count: 500 }],
      networksInWindow: null,
      reportsInWindow: null,
      // An older aggregator's missing counts read as null, like its siblings (the crowd sentence reads `?? null`)...
      providersInWindow: null,
      windowMinutes: null,
      current: null,
    });
    expect(good.services.imessage).not.toHaveProperty('official');
    // ...while the crowd-size fields are left out, so the popover claims nothing it wasn't told.
    expect(good.services.imessage).not.toHaveProperty('networksLast24h');
    expect(good.services.imessage).not.toHaveProperty('baselineFromHistory');
    await agg.close();
    now += 30_000;
    const dead = await source.poll();
    expect(dead).toMatchObject({ fetchedAt: 1_000_000, stale: true, services: good.services });
    expect(dead.error).toMatch(/community server is unavailable/);
    // The URL comes from settings and may change: the next poll goes to the new place.
    const other = await startFakeAggregator();
    cleanups.push(() => other.close());
    url = other.url;
    const back = await source.poll();
    expect(back).toMatchObject({ stale: false, error: null, fetchedAt: now });
    expect(back.services.imessage?.status).toBe('operational');
  });

  it("carries a newer aggregator's providers and crowd size through", () => {
    const body = statusBody('outage', 40);
    Object.assign(body.services.imessage!, { providersInWindow: 3, networksLast24h: 1, baselineFromHistory: false });
    expect(communityServices(body).imessage).toMatchObject({ providersInWindow: 3, networksLast24h: 1, baselineFromHistory: false });
  });

  it('reads the top countries through the shape checker, skipping entries that are not a country and a count', () => {
    const body = statusBody('outage', 40);
    const topCountries = [
      { country: 'US', networks: 30 },
      { country: 'usa', networks: 3 },
      { country: 'GB', networks: -1 },
      'FR',
      { country: 'DE', networks: 2 },
    ];
    Object.assign(body.services.imessage!, { topCountries });
    const checked = readStatusResponse(JSON.parse(JSON.stringify(body)));
    expect(communityServices(checked).imessage?.topCountries).toEqual([
      { country: 'US', networks: 30 },
      { country: 'DE', networks: 2 },
    ]);
    expect(communityServices(statusBody('outage', 40)).imessage).not.toHaveProperty('topCountries');
  });

  it('marks old data stale by age', async () => {
    let now = 0;
    const agg = await startFakeAggregator();
    cleanups.push(() => agg.close());
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: agg.url, now: () => now }),
      now: () => now,
      staleAfterMs: 1_000,
    });
    await source.poll();
    now = 2_000;
    expect(source.current()).toMatchObject({ stale: true, fetchedAt: 0 });
  });

  it('watch() follows the live stream', async () => {
    const agg = await startFakeAggregator();
    cleanups.push(() => agg.close());
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: agg.url, now: () => 5 }),
      now: () => 5,
      stream: { minDelayMs: 20 },
    });
    const seen: CommunitySnapshot[] = [];
    const stop = source.watch?.((s) => seen.push(s));
    cleanups.push(() => stop?.());
    await waitFor(() => seen.length >= 1, 'the first streamed snapshot');
    agg.setStatus(statusBody('degraded', 60));
    await waitFor(() => seen.at(-1)?.services.imessage?.status === 'degraded', 'the streamed change');
    expect(source.current().services.imessage?.reportsLastHour).toBe(60);
  });

  it('watch() says once when the stream is unavailable (the engine then polls), and polls still work', async () => {
    const agg = await startFakeAggregator();
    cleanups.push(() => agg.close());
    // A proxy in front of the aggregator that refuses the stream route but passes status.
    const proxy = await startLoopback((req, res) => {
      if (req.url === '/v1/stream') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      void fetch(`${agg.url}${req.url}`).then(async (r) =>
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()),
      );
    });
    cleanups.push(() => proxy.close());
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: proxy.url, now: () => 5 }),
      now: () => 5,
      stream: { minDelayMs: 20 },
    });
    let downs = 0;
    const stop = source.watch?.(
      () => {},
      () => (downs += 1),
    );
    cleanups.push(() => stop?.());
    await waitFor(() => proxy.requests.filter((r) => r.path === '/v1/stream').length >= 3, 'a few reconnects');
    expect(downs).toBe(1); // one outage of the stream, however many reconnects fail
    agg.setStatus(statusBody('outage', 999));
    expect((await source.poll()).services.imessage?.status).toBe('outage');
  });

  it('watch() on a dead aggregator never throws, and stops cleanly', async () => {
    const port = await deadPort();
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}`, now: () => 5 }),
      now: () => 5,
      stream: { minDelayMs: 20 },
    });
    let downs = 0;
    const stop = source.watch?.(
      () => {},
      () => (downs += 1),
    );
    await waitFor(() => downs === 1, 'the stream down');
    stop?.();
    expect(source.current().fetchedAt).toBeNull();
    const stale = await source.poll();
    expect(stale.stale && stale.error !== null).toBe(true);
  });
});

describe('community reach', () => {
  it('is none without an address and never asks anyone', async () => {
    const source = createCommunityStatusSource({ client: createAggregatorClient({ baseUrl: '', now: () => 1 }), now: () => 1 });
    expect(await source.poll()).toEqual({ fetchedAt: null, stale: false, error: null, reach: 'none', services: {} });
  });

  it('follows the address: loopback is this computer, anything else is shared, unless declared', async () => {
    const { communityReach, effectiveAggregatorUrl } = await import('../../../main/engine/community/reach.ts');
    expect(communityReach('http://127.0.0.1:8787')).toBe('this-computer');
    expect(communityReach('http://localhost:9')).toBe('this-computer');
    expect(communityReach('http://[::1]:9')).toBe('this-computer');
    expect(communityReach('https://status.example.org')).toBe('shared');
    expect(communityReach('http://127.0.0.1:8787', 'shared')).toBe('shared');
    expect(communityReach('  ')).toBe('none');
    expect(effectiveAggregatorUrl('https://a.example', 'https://b.example')).toBe('https://b.example');
    expect(effectiveAggregatorUrl('https://a.example')).toBe('https://a.example');
  });
});
