// Hostile input: thousands of malformed bodies, headers, methods, paths and raw bytes → no 5xx, no crash, no hang, flat memory.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BACKENDS, aggregatorOn, client, getJson } from './backends.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO'];
const PATHS = [
  '/v1/reports',
  '/v1/status',
  '/v1/stream',
  '/healthz',
  '/v1/services/imessage/trend',
  '/v1/services/facetime/incidents',
  '/v1/services/%00/trend',
  '/v1/services/../../etc/passwd/trend',
  '/v1/services/imessage/trend?hours=',
  '/v1/services/imessage/trend?hours=1e9',
  '/v1/services/imessage/trend?hours=24&hours=0',
  '/v1/services/imessage/incidents?limit=-1',
  '/v1/services/imessage/incidents?before=%E0%A4%A&before=2026-11-19T14:09:00Z',
  '/v1/services/facetime/incidents/summary/../summary',
  '/v1/services/__proto__/trend',
  '/v1/reports?x=%E0%A4%A',
  '//v1//status',
  '/v1/status#frag',
  '/%ff%fe',
  '*',
  `/${'a'.repeat(2000)}`,
  '/v1/services/constructor/incidents',
];
const TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/problem+json',
];

/** A body drawn from many hostile shapes. */
function body(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)] as T;
  const valid = { service: 'imessage', kind: 'problem', problem: 'not-delivered', clientId: client() };
  const shapes: (() => string)[] = [
    () => JSON.stringify(valid),
    () =>
      JSON.stringify({
        ...valid,
        [pick(['service', 'kind', 'problem', 'clientId', 'idempotencyKey', 'evidence'])]: pick([
          null,
          1e308,
          -0,
          [],
          {},
          true,
          'x'.repeat(300),
          '\u0000',
          { $gt: '' },
        ]),
      }),
    () => '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"service":"imessage"}',
    () => '['.repeat(1500) + ']'.repeat(1500),
    () => '{"a":'.repeat(800) + '1' + '}'.repeat(800),
    () => Buffer.from(Array.from({ length: Math.floor(r() * 600) }, () => Math.floor(r() * 256))).toString('latin1'),
    () => JSON.stringify({ ...valid, evidence: { failedProbes: Array.from({ length: 40 }, () => 'apns') } }),
    () => '"' + '\\u0000'.repeat(100) + '"',
    () => '',
    () => 'null',
    () => '1'.repeat(400),
    () => JSON.stringify({ ...valid, extra: 'y'.repeat(5000) }),
  ];
  return pick(shapes)();
}

function send(url: URL, agent: Agent, r: () => number): Promise<number> {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)] as T;
  const payload = body(r);
  const headers: Record<string, string> = {};
  const type = pick(TYPES);
  if (type) headers['content-type'] = type;
  if (r() < 0.1) headers['if-none-match'] = pick(['*', '"x"', 'W/"', '"' + 'z'.repeat(1000) + '"']);
  if (r() < 0.1) headers.origin = pick(['null', 'https://evil.example', 'http://127.0.0.1:1', 'file://', 'x'.repeat(500)]);
  if (r() < 0.05) headers['last-event-id'] = pick(['', '-1', 'x'.repeat(300)]);
  const method = pick(METHODS);
  const path = pick(PATHS);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent, timeout: 5000 }, (res) => {
      res.resume();
      // A stream answers 200 and stays open: read its first bytes, then hang up.
      if (res.headers['content-type']?.startsWith('text/event-stream')) req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on(
      'timeout',
      () => (
        process.env.FUZZ_DEBUG && console.log('timeout', method, path.slice(0, 60), headers, payload.length, payload.slice(0, 60)),
        req.destroy(),
        resolve(-1)
      ),
    );
    req.on('error', () => resolve(0));
    if (method !== 'GET' && method !== 'HEAD') req.end(payload);
    else req.end();
  });
}

/** Raw bytes a normal client would never send; resolves the first status code seen (0 = closed without one). */
function raw(url: URL, bytes: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0));
    socket.setTimeout(3000, () => socket.destroy());
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.write(bytes, () => setTimeout(() => socket.end(), 200));
  });
}

describe.each(BACKENDS)('fuzzing the aggregator on $name', (backend) => {
  const agg = aggregatorOn(backend, { rateLimit: false, sseHeartbeatMs: 200 });

  it.skipIf(backend.skip !== null)(
    'never answers 5xx, never hangs, keeps memory flat',
    async () => {
      const url = new URL(agg.url);
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });
      const r = rng(backend.name === 'pglite' ? 1 : 2);
      const codes = new Map<number, number>();
      const heap: number[] = [];
      try {
        for (let round = 0; round < 4; round += 1) {
          for (let batch = 0; batch < 25; batch += 1) {
            const results = await Promise.all(Array.from({ length: 32 }, () => send(url, agent, r)));
            for (const c of results) codes.set(c, (codes.get(c) ?? 0) + 1);
          }
          heap.push(process.memoryUsage().heapUsed);
        }
      } finally {
        agent.destroy();
      }
      const total = [...codes.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(3200);
      expect([...codes.keys()].filter((c) => c >= 500)).toEqual([]);
      expect(codes.get(-1) ?? 0).toBe(0);
      expect((codes.get(400) ?? 0) + (codes.get(404) ?? 0) + (codes.get(405) ?? 0) + (codes.get(415) ?? 0)).toBeGreaterThan(1000);
      expect(heap[3]! - heap[1]!).toBeLessThan(64 * 1024 * 1024);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await getJson(`${agg.url}/healthz`)).status).toBe(200);
    },
    60_000,
  );

  it.skipIf(backend.skip !== null)(
    'answers malformed HTTP with 4xx or a close, and stays up with idle half-open connections',
    async () => {
      const url = new URL(agg.url);
      const idle = Array.from({ length: 20 }, () => connect(Number(url.port), url.hostname).on('error', () => undefined));
      for (const s of idle) s.write('POST /v1/reports HTTP/1.1\r\nHost: x\r\n');
      const cases = [
        'GARBAGE\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
        'POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        `GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(10_000)}\r\n\r\n`,
        'GET /v1/status HTTP/1.1\r\nHost: x\r\n' + Array.from({ length: 200 }, (_, i) => `X-${i}: y\r\n`).join('') + '\r\n',
        'POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999\r\n\r\n{',
        'POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        'GET /v1/status HTTP/9.9\r\n\r\n',
        '\u0000\u0001\u0002\r\n\r\n',
      ];
      const codes = await Promise.all(cases.map((c) => raw(url, c)));
      for (const [i, code] of codes.entries()) expect(code < 500, `case ${i} → ${code}`).toBe(true);
      expect((await getJson(`${agg.url}/v1/status`)).status).toBe(200);
      for (const s of idle) s.destroy();
    },
    30_000,
  );
});
