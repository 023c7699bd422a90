// The community client follows redirects only within its origin: a server can't send the report (and its clientId)
// anywhere else, nor downgrade https to http.
import { afterEach, describe, expect, it } from 'vitest';
import { createAggregatorClient } from '../../../main/engine/community/client.ts';
import { nextRedirect } from '../../../main/engine/net/redirect-policy.ts';
import { startLoopback } from '../../fixtures/loopback-http.ts';
import type { LoopbackServer } from '../../fixtures/loopback-http.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function server(handler: Parameters<typeof startLoopback>[0]): Promise<LoopbackServer> {
  const s = await startLoopback(handler);
  closers.push(() => s.close());
  return s;
}

const REPORT = { service: 'imessage', kind: 'problem', problem: 'other', clientId: '6f1c0c1e-3b0e-4c1f-9a55-2d1f5a3c9e11' } as const;

// The client's timeout is generous: each answer below must come inside it, even on busy cores.
describe('redirects from the community service', () => {
  it('follows a 307 within the same origin and sends the body again', async () => {
    const s = await server((req, res) => {
      if (req.url === '/v1/reports') return void res.writeHead(307, { location: '/v2/reports' }).end();
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'r1', accepted: true, echoed: body.length }));
      });
    });
    const result = await createAggregatorClient({ baseUrl: s.url, timeoutMs: 5_000 }).submitReport(REPORT);
    expect(result).toMatchObject({ ok: true, status: 202 });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/reports', 'POST /v2/reports']);
  });

  it('never follows a 307 to another origin: the body reaches only the first server', async () => {
    const other = await server((_req, res) => res.writeHead(202).end('{"id":"x","accepted":true}'));
    // 127.0.0.1 and localhost are different origins even on the same port.
    const s = await server((_req, res) => res.writeHead(307, { location: `http://localhost:${other.port}/v1/reports` }).end());
    const result = await createAggregatorClient({ baseUrl: s.url, timeoutMs: 5_000 }).submitReport(REPORT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('redirect refused: the server redirected to another origin');
    expect(other.requests).toEqual([]);
  });

  it('never follows a GET redirect to another origin', async () => {
    const other = await server((_req, res) => res.writeHead(200).end('{}'));
    const s = await server((_req, res) => res.writeHead(302, { location: `${other.url}/v1/status` }).end());
    const result = await createAggregatorClient({ baseUrl: s.url, timeoutMs: 5_000 }).status();
    expect(result.ok).toBe(false);
    expect(other.requests).toEqual([]);
  });
});

describe('redirect policy', () => {
  const from = new URL('https://agg.example.org/v1/reports');
  it('refuses https → http, even to the same host', () => {
    expect(nextRedirect(from, 'http://agg.example.org/v1/reports', 308, 'POST', 'b')).toBe('the server redirected from https to http');
  });
  it('refuses another port, host or scheme', () => {
    expect(nextRedirect(from, 'https://agg.example.org:8443/x', 302, 'GET', undefined)).toMatch(/another origin/);
    expect(nextRedirect(from, 'https://evil.example/x', 302, 'GET', undefined)).toMatch(/another origin/);
    expect(nextRedirect(new URL('http://10.0.0.2/'), 'https://10.0.0.2/', 302, 'GET', undefined)).toMatch(/another origin/);
  });
  it('keeps method and body only on 307/308; 303 and a POST answered 301/302 become a bodiless GET', () => {
    expect(nextRedirect(from, '/v2', 308, 'POST', 'b')).toEqual({ url: 'https://agg.example.org/v2', method: 'POST', body: 'b' });
    expect(nextRedirect(from, '/v2', 303, 'POST', 'b')).toEqual({ url: 'https://agg.example.org/v2', method: 'GET', body: undefined });
    expect(nextRedirect(from, '/v2', 302, 'POST', 'b')).toEqual({ url: 'https://agg.example.org/v2', method: 'GET', body: undefined });
    expect(nextRedirect(from, '/v2', 301, 'GET', undefined)).toEqual({ url: 'https://agg.example.org/v2', method: 'GET', body: undefined });
  });
  it('names an unparseable location', () => {
    expect(nextRedirect(from, 'http://[bad', 302, 'GET', undefined)).toBe('the server redirected to an invalid address');
  });
});
