// Every route, status code and error of the aggregator API over real HTTP, on both storage backends, against one server.
import { describe, expect, it } from 'vitest';
import type { StatusResponse, TrendResponse } from '../../contracts/aggregator-api.ts';
import { startAggregator } from '../../aggregator/server.ts';
import { BACKENDS, aggregatorOn, client, getJson, post } from './backends.ts';
import { rawRequest, report } from './api-fixtures.ts';

describe.each(BACKENDS)('aggregator API on $name', (backend) => {
  const agg = aggregatorOn(backend, { rateLimit: false, corsOrigins: ['https://status.example.org'] });

  describe.skipIf(backend.skip !== null)('routes', () => {
    it('accepts a report with 202 and an id', async () => {
      const r = await post(agg.url, report({ evidence: { local: 'online', failedProbes: ['apns5223', 'ids'] } }));
      expect(r.status).toBe(202);
      expect(r.json).toEqual({ id: expect.any(String), accepted: true });
    });

    it('counts the first report per client and service inside the dedup window, answers 200 duplicate after', async () => {
      const id = client();
      const first = await post(agg.url, report({ clientId: id }));
      const again = await post(agg.url, report({ clientId: id, kind: 'working', problem: undefined }));
      const other = await post(agg.url, report({ clientId: id, service: 'facetime', problem: 'calls-fail' }));
      expect(first.status).toBe(202);
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ accepted: false, reason: 'duplicate' });
      expect(other.status).toBe(202);
    });

    it('answers a repeated idempotency key with the original answer', async () => {
      const body = report({ idempotencyKey: 'offline-queue-1' });
      const first = await post(agg.url, body);
      const second = await post(agg.url, body);
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.json).toEqual(first.json);
      const concurrent = report({ idempotencyKey: 'race' });
      const answers = await Promise.all([post(agg.url, concurrent), post(agg.url, concurrent), post(agg.url, concurrent)]);
      expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
      expect(answers.every((a) => a.status === 202)).toBe(true);
    });

    it('stores hostile text in one batch intact: quotes, backslashes, commas, braces and NULL', async () => {
      // Batches travel to the database as array literals: any escaping slip would fail the batch or mix up keys.
      const nasty = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', "h'i", '(x)', '""'];
      const bodies = nasty.map((text, i) =>
        report({ idempotencyKey: `key-${i}-${text}`, evidence: { local: text, failedProbes: [text, `${text}2`] } }),
      );
      const first = await Promise.all(bodies.map((b) => post(agg.url, b)));
      expect(first.map((a) => a.status)).toEqual(nasty.map(() => 202));
      const ids = first.map((a) => (a.json as { id: string }).id);
      expect(new Set(ids).size).toBe(nasty.length);
      const replay = await Promise.all(bodies.map((b) => post(agg.url, b)));
      expect(replay.map((a) => (a.json as { id: string }).id)).toEqual(ids);
    });

    it.each([
      ['[]', 'body'],
      ['"text"', 'body'],
      ['{not json', 'body'],
      [JSON.stringify({ kind: 'problem', problem: 'other', clientId: client() }), 'service'],
      [JSON.stringify(report({ service: 'icloud' })), 'service'],
      [JSON.stringify(report({ kind: 'broken' })), 'kind'],
      [JSON.stringify(report({ problem: undefined })), 'problem'],
      [JSON.stringify(report({ problem: 'melted' })), 'problem'],
      [JSON.stringify(report({ kind: 'working' })), 'problem'],
      [JSON.stringify(report({ clientId: 'not-a-uuid' })), 'clientId'],
      [JSON.stringify(report({ clientId: 42 })), 'clientId'],
      [JSON.stringify(report({ idempotencyKey: '' })), 'idempotencyKey'],
      [JSON.stringify(report({ idempotencyKey: 'x'.repeat(129) })), 'idempotencyKey'],
      [JSON.stringify(report({ evidence: 'yes' })), 'evidence'],
      [JSON.stringify(report({ evidence: { failedProbes: 'apns' } })), 'evidence.failedProbes'],
      [JSON.stringify(report({ evidence: { local: 7 } })), 'evidence.local'],
    ])('rejects %s with 400 naming %s', async (body, field) => {
      const r = await post(agg.url, body);
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ error: expect.any(String), field });
    });

    it('answers 413 for a body over 4 KB, declared or chunked', async () => {
      const big = JSON.stringify(report({ evidence: { local: 'x', pad: 'y'.repeat(5000) } }));
      const declared = await rawRequest(agg.url, {
        method: 'POST',
        path: '/v1/reports',
        headers: { 'content-type': 'application/json', 'content-length': big.length },
        body: big,
      });
      expect(declared.status).toBe(413);
      const chunked = await rawRequest(agg.url, {
        method: 'POST',
        path: '/v1/reports',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: big,
      });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toEqual({ error: expect.any(String) });
    });

    it('answers 415 when the body is not declared as JSON', async () => {
      const plain = await post(agg.url, JSON.stringify(report()), { 'content-type': 'text/plain' });
      expect(plain.status).toBe(415);
      const none = await rawRequest(agg.url, { method: 'POST', path: '/v1/reports', headers: {}, body: JSON.stringify(report()) });
      expect(none.status).toBe(415);
    });

    it('answers 405 with Allow for a wrong method and 404 JSON for unknown routes and services', async () => {
      const get = await fetch(`${agg.url}/v1/reports`);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toContain('POST');
      const del = await fetch(`${agg.url}/v1/status`, { method: 'DELETE' });
      expect(del.status).toBe(405);
      for (const path of [
        '/',
        '/v2/status',
        '/v1/services/imessage',
        '/v1/status/extra',
        '/v1/services/icloud/trend',
        '/v1/services/icloud/incidents',
      ]) {
        const r = await getJson(`${agg.url}${path}`);
        expect(r.status, path).toBe(404);
        expect(r.json).toMatchObject({ error: expect.any(String) });
      }
    });

    it('serves the status of every service with ETag, Cache-Control and 304', async () => {
      const r = await getJson<StatusResponse>(`${agg.url}/v1/status`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.json.services).sort()).toEqual(['facetime', 'imessage']);
      expect(r.json.services.imessage).toEqual({
        status: 'operational',
        since: expect.any(String),
        reportsLastHour: expect.any(Number),
        baselinePerHour: expect.any(Number),
        topProblems: expect.any(Array),
        networksInWindow: 1,
        countedNetworksInWindow: 1,
        providersInWindow: 1,
        workingNetworksInWindow: 0,
        topCountries: [],
        reportsInWindow: expect.any(Number),
        windowMinutes: 10,
        windowMs: 600_000,
        current: 'operational',
        // One network in a fresh server's day, and no past hours of its own to call anything "usual".
        networksLast24h: 1,
        baselineFromHistory: false,
      });
      expect(r.json.services.imessage.reportsLastHour).toBeGreaterThan(0);
      expect(r.json.services.imessage.topProblems[0]).toEqual({ problem: 'not-delivered', count: expect.any(Number) });
      expect(Date.parse(r.json.updatedAt)).not.toBeNaN();
      const etag = r.headers.get('etag');
      expect(etag).toBeTruthy();
      expect(r.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const again = await fetch(`${agg.url}/v1/status`, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status).toBe(304);
      await post(agg.url, report({ service: 'facetime', problem: 'calls-fail' }));
      const changed = await fetch(`${agg.url}/v1/status`, { headers: { 'if-none-match': etag ?? '' } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    });

    it('serves an hourly trend, oldest first, with empty hours as 0, and checks hours', async () => {
      const r = await getJson<TrendResponse>(`${agg.url}/v1/services/imessage/trend?hours=3`);
      expect(r.status).toBe(200);
      expect(r.json.buckets).toHaveLength(3);
      const starts = r.json.buckets.map((b) => Date.parse(b.start));
      expect(starts[1]! - starts[0]!).toBe(3_600_000);
      expect(r.json.buckets[0]).toEqual({ start: expect.any(String), reports: 0, baseline: expect.any(Number) });
      // This file's reports are in the current hour, or the one before if an hour began since.
      expect(r.json.buckets[1]!.reports + r.json.buckets[2]!.reports).toBeGreaterThan(0);
      expect((await getJson<TrendResponse>(`${agg.url}/v1/services/facetime/trend`)).json.buckets).toHaveLength(24);
      expect((await getJson<TrendResponse>(`${agg.url}/v1/services/facetime/trend?hours=168`)).json.buckets).toHaveLength(168);
      for (const bad of ['0', '169', 'abc', '2.5', '-1', '']) {
        const b = await getJson(`${agg.url}/v1/services/imessage/trend?hours=${bad}`);
        expect(b.status, bad).toBe(400);
        expect(b.json).toEqual({ error: expect.any(String), field: 'hours' });
      }
    });

    it('lists incidents and checks limit', async () => {
      const r = await getJson(`${agg.url}/v1/services/imessage/incidents?limit=5`);
      expect(r.status).toBe(200);
      expect(r.json).toEqual([]);
      for (const bad of ['0', '101', 'x'])
        expect((await getJson(`${agg.url}/v1/services/imessage/incidents?limit=${bad}`)).status).toBe(400);
    });

    it('answers /healthz', async () => {
      const r = await getJson(`${agg.url}/healthz`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ ok: true, backend: backend.name });
    });

    it('sends CORS headers to configured origins only: never null, file:// or loopback pages', async () => {
      const ok = await fetch(`${agg.url}/v1/status`, { headers: { origin: 'https://status.example.org' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://status.example.org');
      for (const origin of ['null', 'file://', 'http://127.0.0.1:5173', 'http://localhost:8080', 'https://evil.example']) {
        const r = await fetch(`${agg.url}/v1/status`, { headers: { origin } });
        expect(r.headers.get('access-control-allow-origin'), origin).toBeNull();
        const pre = await fetch(`${agg.url}/v1/reports`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(pre.headers.get('access-control-allow-methods')).toBeNull();
      }
      const pre = await fetch(`${agg.url}/v1/reports`, {
        method: 'OPTIONS',
        headers: { origin: 'https://status.example.org', 'access-control-request-method': 'POST' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    });

    it('sends no CORS headers at all by default, and refuses null, file:// and wildcards as allowed origins', async () => {
      const s = await backend.storage();
      const plain = await startAggregator({ ...s.options, rateLimit: false });
      try {
        for (const origin of ['null', 'file://', 'http://127.0.0.1:5173', 'https://status.example.org']) {
          expect(
            (await fetch(`${plain.url}/v1/status`, { headers: { origin } })).headers.get('access-control-allow-origin'),
            origin,
          ).toBeNull();
        }
      } finally {
        await plain.close();
        await s.cleanup();
      }
      for (const bad of ['null', 'file://', '*', 'http://*.example.org', 'https://ok.example/path']) {
        await expect(startAggregator({ rateLimit: false, corsOrigins: [bad] }), bad).rejects.toThrow(/CORS origin/);
      }
    });
  });
});
