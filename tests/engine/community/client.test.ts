import { afterEach, describe, expect, it } from 'vitest';
import { createAggregatorClient, testAggregatorConnection } from '../../../main/engine/community/client.ts';
import { startFakeAggregator, statusBody } from '../../fixtures/fake-aggregator.ts';
import { deadPort, startLoopback } from '../../fixtures/loopback-http.ts';
import type { Handler } from '../../fixtures/loopback-http.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** `timeoutMs`: generous, for servers that answer (a 2 MB body on busy cores); short only for one that never does. */
async function hostile(handler: Handler, timeoutMs = 5_000) {
  const server = await startLoopback(handler);
  closers.push(() => server.close());
  return createAggregatorClient({ baseUrl: `${server.url}/`, timeoutMs });
}

describe('aggregator client against a contract-following server', () => {
  it('reads status, then revalidates with If-None-Match and returns the cached data on 304', async () => {
    const agg = await startFakeAggregator();
    closers.push(() => agg.close());
    agg.setStatus(statusBody('outage', 420));
    const client = createAggregatorClient({ baseUrl: agg.url });
    const first = await client.status();
    expect(first).toMatchObject({ ok: true, status: 200 });
    if (!first.ok) return;
    expect(first.data.services.imessage).toMatchObject({
      status: 'outage',
      reportsLastHour: 420,
      topProblems: [{ problem: 'not-delivered', count: 420 }],
    });
    const second = await client.status();
    expect(second).toMatchObject({ ok: true, status: 304 });
    if (second.ok) expect(second.data).toEqual(first.data);
  });

  it('reads trend, incidents and health; checks arguments before asking', async () => {
    const agg = await startFakeAggregator();
    closers.push(() => agg.close());
    const client = createAggregatorClient({ baseUrl: () => agg.url });
    const trend = await client.trend('imessage', 24);
    expect(trend.ok && trend.data.buckets.length).toBe(24);
    const incidents = await client.incidents('facetime', 5);
    expect(incidents.ok && incidents.data[0]).toEqual({
      id: 'inc-1',
      start: '2026-11-23T08:00:00.000Z',
      end: null,
      peakReportsPerHour: 900,
      source: 'reports',
    });
    expect(await client.health()).toEqual({ ok: true, status: 200, data: { healthy: true } });
    expect(await client.trend('imessage', 0)).toMatchObject({ ok: false, kind: 'rejected', field: 'hours' });
    expect(await client.incidents('mail' as never, 5)).toMatchObject({ ok: false, kind: 'rejected', field: 'service' });
    expect(await testAggregatorConnection(agg.url)).toEqual({ ok: true, message: 'Connected to the community server.' });
  });

  it('submits: 202 accepted, 200 duplicate with retryAfterSec, 400 rejected with its field', async () => {
    const agg = await startFakeAggregator();
    closers.push(() => agg.close());
    const client = createAggregatorClient({ baseUrl: agg.url });
    const body = {
      service: 'imessage' as const,
      kind: 'problem' as const,
      problem: 'not-delivered' as const,
      clientId: '6f1c1c1e-8a5e-4b9e-9d0a-2f1f5d0b6a11',
    };
    expect(await client.submitReport({ ...body, idempotencyKey: 'a' })).toMatchObject({ ok: true, status: 202, data: { accepted: true } });
    const dup = await client.submitReport({ ...body, idempotencyKey: 'b' });
    expect(dup).toMatchObject({ ok: true, status: 200, data: { accepted: false, reason: 'duplicate' } });
    expect(await client.submitReport({ ...body, service: 'mail' as never, idempotencyKey: 'c' })).toMatchObject({
      ok: false,
      kind: 'rejected',
      status: 400,
      field: 'service',
    });
    agg.failNext(429, 1, { 'retry-after': '120' });
    expect(await client.submitReport({ ...body, idempotencyKey: 'd' })).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 120_000,
    });
  });
});

describe('aggregator client against a dead or hostile server', () => {
  it('says the service is unavailable when nothing listens, and on a bad URL', async () => {
    const port = await deadPort();
    const client = createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}` });
    for (const res of [
      await client.status(),
      await client.health(),
      await client.submitReport({ service: 'imessage', kind: 'working', clientId: 'x' }),
    ]) {
      expect(res).toMatchObject({ ok: false, kind: 'network' });
      if (!res.ok) expect(res.error).toMatch(/unavailable.*ECONNREFUSED/);
    }
    expect(await createAggregatorClient({ baseUrl: 'ftp://example' }).status()).toMatchObject({ ok: false, kind: 'network' });
    expect((await testAggregatorConnection(`http://127.0.0.1:${port}`)).ok).toBe(false);
  });

  it('times out a server that never answers', async () => {
    const client = await hostile(() => undefined, 1_000);
    expect(await client.status()).toMatchObject({ ok: false, kind: 'timeout' });
  });

  it.each([
    ['not JSON', 'hello'],
    ['null', 'null'],
    ['services as a list', '{"services":[],"updatedAt":"x"}'],
    [
      'an unknown status',
      '{"services":{"imessage":{"status":"on fire","since":"x","reportsLastHour":1,"baselinePerHour":1,"topProblems":[]}},"updatedAt":"x"}',
    ],
    [
      'a NaN-like count',
      '{"services":{"imessage":{"status":"outage","since":"x","reportsLastHour":"1e999","baselinePerHour":1,"topProblems":[]}},"updatedAt":"x"}',
    ],
    ['a huge string', `{"services":{},"updatedAt":"${'x'.repeat(5000)}"}`],
  ])('rejects a status answer with %s as malformed', async (_label, text) => {
    const client = await hostile((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(text));
    const res = await client.status();
    expect(res).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('rebuilds answers from known keys: prototype keys, unknown problems and extra fields are dropped', async () => {
    const text =
      '{"__proto__":{"polluted":1},"services":{"__proto__":{"x":1},"imessage":{"status":"degraded","since":"s","reportsLastHour":3,"baselinePerHour":1,"topProblems":[{"problem":"new-kind","count":1},{"problem":"calls-fail","count":2},null],"official":{"name":"iMessage","state":"bogus"},"extra":"x"}},"updatedAt":"u"}';
    const client = await hostile((_req, res) => res.writeHead(200).end(text));
    const res = await client.status();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data).toEqual({
      services: {
        imessage: {
          status: 'degraded',
          since: 's',
          reportsLastHour: 3,
          baselinePerHour: 1,
          topProblems: [{ problem: 'calls-fail', count: 2 }],
          official: null,
        },
      },
      updatedAt: 'u',
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a body over the size limit and a 500 page', async () => {
    const big = await hostile((_req, res) => {
      res.writeHead(200);
      res.end(`{"pad":"${'x'.repeat(2_000_000)}"}`);
    });
    expect(await big.trend('imessage', 24)).toMatchObject({ ok: false, kind: 'malformed' });
    const web = await hostile((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a router page</html>'));
    expect(await web.health()).toMatchObject({ ok: false, kind: 'malformed' });
    const broken = await hostile((_req, res) => res.writeHead(500).end('<html>oops</html>'));
    expect(await broken.incidents('imessage', 3)).toMatchObject({ ok: false, kind: 'http', status: 500 });
  });
});

describe('aggregator client: incident pages, lead and summary', () => {
  it('checks before and the service before asking', async () => {
    const asked: string[] = [];
    const client = await hostile((req, res) => res.writeHead(200).end(`[${JSON.stringify(asked.push(req.url ?? ''))}]`));
    for (const before of ['yesterday', '2026-11-19', '2026-13-45T00:00:00Z', `2026-11-19T14:09:00.${'0'.repeat(40)}Z`, 42 as never])
      expect(await client.incidents('imessage', 5, before)).toMatchObject({ ok: false, kind: 'rejected', field: 'before' });
    expect(await client.incidentSummary('mail' as never)).toMatchObject({ ok: false, kind: 'rejected', field: 'service' });
    expect(asked).toEqual([]);
  });

  it('sends before encoded, and reads peak and lead; a bad one is left out, not fatal', async () => {
    const asked: string[] = [];
    const incident = { id: '1', start: '2026-11-19T14:00:00.000Z', end: null, peakReportsPerHour: 9, source: 'reports' };
    const client = await hostile((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200).end(
        JSON.stringify([
          { ...incident, peak: 'outage', appleShownAt: '2026-11-19T14:20:00.000Z', leadMs: 1_200_000 },
          { ...incident, peak: 'degraded', appleShownAt: null, leadMs: null },
          { ...incident, peak: 'meltdown', appleShownAt: 'soon', leadMs: 5 },
          { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z', leadMs: -600_000 },
          { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z', leadMs: 'x' },
          { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z', leadMs: 1e300 },
        ]),
      );
    });
    const res = await client.incidents('imessage', 6, '2026-11-19T14:09:00.000+01:00');
    expect(asked).toEqual(['/v1/services/imessage/incidents?limit=6&before=2026-11-19T14%3A09%3A00.000%2B01%3A00']);
    expect(res.ok && res.data).toEqual([
      { ...incident, peak: 'outage', appleShownAt: '2026-11-19T14:20:00.000Z', leadMs: 1_200_000 },
      { ...incident, peak: 'degraded', appleShownAt: null, leadMs: null },
      incident,
      { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z', leadMs: -600_000 },
      { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z' },
      { ...incident, appleShownAt: '2026-11-19T13:50:00.000Z' },
    ]);
  });

  it.each([
    ['a negative count', '{"days":90,"incidents":-1,"outages":0,"confirmed":0,"medianLeadMs":null}'],
    ['a text median', '{"days":90,"incidents":1,"outages":0,"confirmed":1,"medianLeadMs":"soon"}'],
    ['a missing median', '{"days":90,"incidents":1,"outages":0,"confirmed":1}'],
    ['a list', '[]'],
  ])('rejects a summary with %s as malformed', async (_label, text) => {
    const client = await hostile((_req, res) => res.writeHead(200).end(text));
    expect(await client.incidentSummary('imessage')).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('reads a summary with a negative median lead, dropping unknown keys', async () => {
    const body = '{"days":90,"incidents":3,"outages":2,"confirmed":2,"medianLeadMs":-150000,"extra":1}';
    const client = await hostile((_req, res) => res.writeHead(200).end(body));
    expect(await client.incidentSummary('imessage')).toEqual({
      ok: true,
      status: 200,
      data: { days: 90, incidents: 3, outages: 2, confirmed: 2, medianLeadMs: -150_000 },
    });
  });
});
