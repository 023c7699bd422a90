// The lean report path: which requests it recognises (everything else is node:http's), and, against a real aggregator
// over raw TCP, that answers keep their order across the hand-off, that framing it does not own goes to node:http,
// and that its answers are the report route's (429, 400, 202, Connection: close).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanReportHead, leanRequestLength } from '../../aggregator/http/lean-report-head.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import { report } from './api-fixtures.ts';
import { BACKENDS, startOnTemplate } from './backends.ts';

const body = JSON.stringify({
  service: 'imessage',
  kind: 'problem',
  problem: 'not-delivered',
  clientId: '6f1c1f3e-8a3b-4c1d-9e2f-0a1b2c3d4e5f',
});

function post(headers: string[], text = body): string {
  return ['POST /v1/reports HTTP/1.1', ...headers, '', text].join('\r\n');
}
const plain = (extra: string[] = [], text = body) =>
  post(['Host: x', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`, ...extra], text);

describe('which requests the lean path recognises', () => {
  it('reads a plain report: its body, type, forwarding headers and Connection: close', () => {
    const raw = Buffer.from(plain(['X-Forwarded-For: 192.0.2.1', 'x-forwarded-for: 198.51.100.7', 'Connection: close']));
    const head = leanReportHead(raw);
    expect(head).not.toBeNull();
    expect(raw.subarray(head!.bodyStart, leanRequestLength(head!)).toString()).toBe(body);
    expect(head).toMatchObject({ contentType: 'application/json', forwardedFor: '192.0.2.1, 198.51.100.7', close: true });
    expect(leanRequestLength(head!)).toBe(raw.length);
    // A second request behind it stays unread.
    expect(leanRequestLength(leanReportHead(Buffer.concat([raw, Buffer.from('GET / HTTP/1.1\r\n')]))!)).toBe(raw.length);
  });

  it.each([
    ['another route', plain().replace('/v1/reports', '/v1/status')],
    ['another method', plain().replace('POST', 'PUT')],
    ['HTTP/1.0', plain().replace('HTTP/1.1', 'HTTP/1.0')],
    ['a query string', plain().replace('/v1/reports', '/v1/reports?a=1')],
    ['no Host', post(['Content-Type: application/json', `Content-Length: ${body.length}`])],
    ['no Content-Length', post(['Host: x', 'Content-Type: application/json'])],
    ['two Content-Lengths', plain([`Content-Length: ${body.length}`])],
    ['a signed Content-Length', post(['Host: x', `Content-Length: +${body.length}`])],
    ['a tab after the Content-Length digits (node:http refuses it)', post(['Host: x', `Content-Length: ${body.length}\t`])],
    ['Content-Length over the body limit', post(['Host: x', 'Content-Length: 4097'], 'x'.repeat(4097))],
    ['Transfer-Encoding', plain(['Transfer-Encoding: chunked'])],
    ['Expect', plain(['Expect: 100-continue'])],
    ['Upgrade', plain(['Connection: upgrade', 'Upgrade: websocket'])],
    ['an Origin (CORS is node:http’s)', plain(['Origin: https://example.com'])],
    ['a folded header line', plain(['X-A: 1', ' folded'])],
    ['a bare LF', plain(['X-A: 1\nX-B: 2'])],
    ['a control character', plain(['X-A: 1\x01'])],
    ['a space before the colon', plain(['X-A : 1'])],
    ['a line without a colon', plain(['nonsense'])],
    ['an incomplete body', plain().slice(0, -1)],
    ['an incomplete head', plain().split('\r\n\r\n')[0] as string],
  ])('leaves %s to node:http', (_what, raw) => {
    expect(leanReportHead(Buffer.from(raw))).toBeNull();
  });
});

/** Sends raw bytes on one connection and reads until `answers` responses arrived (with `untilClose`, until the close). */
function exchange(
  port: number,
  writes: (string | { waitMs: number } | 'end')[],
  answers: number,
  untilClose = false,
): Promise<{ statuses: number[]; text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    let closed = false;
    const statuses = () => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ statuses: statuses(), text, closed });
    };
    const timer = setTimeout(finish, 5000);
    socket.on('error', reject);
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (!untilClose && statuses().length >= answers && /\r\n\r\n[^]*\}$/.test(text)) finish();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    void (async () => {
      for (const w of writes) {
        if (w === 'end') socket.end();
        else if (typeof w === 'string') socket.write(w);
        else await new Promise((r) => setTimeout(r, w.waitMs));
      }
    })();
  });
}

const reportText = (over: Record<string, unknown> = {}) => plain([], JSON.stringify(report(over)));

describe('the lean path against a real aggregator', () => {
  // One aggregator without a rate limit, one allowing 3 reports a minute on a still clock.
  let open: RunningAggregator;
  let capped: RunningAggregator;
  beforeAll(async () => {
    [open, capped] = await Promise.all([
      startOnTemplate({ rateLimit: false }),
      startOnTemplate({ rateLimit: { perMinute: 3 }, now: () => 1_800_000_000_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open.close(), capped.close()]);
  });

  it('answers pipelined reports, then hands the status read behind them to node:http, in order', async () => {
    const r = await exchange(open.port, [reportText() + reportText() + 'GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n' + reportText()], 4);
    expect(r.statuses).toEqual([202, 202, 200, 202]);
    const bodies = r.text.split(/\r\n\r\n/).slice(1);
    expect(bodies[0]).toMatch(/^\{"id":"[0-9a-f-]{36}","accepted":true\}/);
    // The status body comes third, after both reports' answers.
    expect(bodies[2]).toMatch(/"services"/);
  });

  it('serves requests node:http must frame: split across writes, chunked, Content-Length with Transfer-Encoding', async () => {
    const whole = reportText();
    const cut = whole.indexOf('\r\n\r\n') + 4;
    const split = await exchange(open.port, [whole.slice(0, cut), { waitMs: 50 }, whole.slice(cut)], 1);
    expect(split.statuses).toEqual([202]);

    const json = JSON.stringify(report());
    const chunked = post(['Host: x', 'Content-Type: application/json', 'Transfer-Encoding: chunked'], '')
      .replace(/\r\n$/, '')
      .concat(`\r\n${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`);
    expect((await exchange(open.port, [chunked], 1)).statuses).toEqual([202]);

    // A smuggling attempt: node:http refuses the message, and the report hidden in its "body" is never answered.
    const hidden = reportText();
    const smuggle = post(
      ['Host: x', 'Content-Type: application/json', `Content-Length: ${hidden.length + 5}`, 'Transfer-Encoding: chunked'],
      `0\r\n\r\n${hidden}`,
    );
    const r = await exchange(open.port, [smuggle], 2);
    expect(r.statuses).toEqual([400]);
  });

  it('gives the report route’s answers: 400 keeps the connection, 429 and Connection: close end it', async () => {
    const bad = plain([], '{"service":');
    const kept = await exchange(capped.port, [bad + reportText()], 2);
    expect(kept.statuses).toEqual([400, 202]);
    expect(kept.text).toMatch(/body is not valid JSON/);
    expect(kept.closed).toBe(false);

    const limited = await exchange(capped.port, [reportText() + reportText() + reportText()], 2, true);
    expect(limited.statuses).toEqual([202, 429]);
    expect(limited.text).toMatch(/Retry-After: \d+\r\n/);
    expect(limited.text).toMatch(/Connection: close\r\n/);
    expect(limited.closed).toBe(true);
  });

  it('answers a client that half-closed after its request, then frees its connection slot', async () => {
    const tight = await startOnTemplate({ rateLimit: false, maxConnectionsPerNetwork: 2 });
    try {
      for (let i = 0; i < 5; i += 1) {
        const r = await exchange(tight.port, [reportText(), 'end'], 1, true);
        expect(r.statuses).toEqual([202]);
        expect(r.closed).toBe(true);
      }
    } finally {
      await tight.close();
    }
  });

  const postgres = BACKENDS.find((b) => b.name === 'postgres') as (typeof BACKENDS)[number];
  it.skipIf(postgres.skip !== null)(
    'answers 503 with Retry-After on both paths when storage is gone, keeps the connection, and fails /healthz',
    async () => {
      const storage = await postgres.storage();
      const logged: string[] = [];
      const node = await startAggregator({ ...storage.options, rateLimit: false, log: (line) => logged.push(line) });
      try {
        await storage.cleanup(); // the node's schema is dropped under it: every batch now fails
        const lean = await exchange(node.port, [reportText() + reportText()], 2);
        expect(lean.statuses).toEqual([503, 503]);
        expect(lean.text).toMatch(/Retry-After: 5\r\n/);
        expect(lean.text).toMatch(/"error":"storage unavailable, try again"/);
        expect(lean.closed).toBe(false);
        // node:http's path (the request split across writes) answers the same.
        const whole = reportText();
        const cut = whole.indexOf('\r\n\r\n') + 4;
        const split = await exchange(node.port, [whole.slice(0, cut), { waitMs: 50 }, whole.slice(cut)], 1);
        expect(split.statuses).toEqual([503]);
        expect(split.text).toMatch(/Retry-After: 5\r\n/);
        // A load balancer sees the node cannot store reports (the cause stays in the log: it may name files). Three
        // batches failed: the lean path answers a connection's requests one at a time, so each went alone.
        const health = await fetch(`${node.url}/healthz`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({ ok: false, error: 'storage refuses reports', failedBatches: 3 });
        expect(logged.filter((line) => line.startsWith('batch of 1 reports not stored: ')).length).toBe(3);
      } finally {
        await node.close().catch(() => undefined);
      }
    },
  );

  it('ends the connection after an answer the client asked to close on', async () => {
    const r = await exchange(open.port, [plain(['Connection: close'], JSON.stringify(report())) + reportText()], 1, true);
    expect(r.statuses).toEqual([202]);
    expect(r.text).toMatch(/Connection: close\r\n/);
    expect(r.closed).toBe(true);
  });
});
