// The lean parser against node:http's own, on thousands of mutated requests: whenever the lean path would serve a
// request, node:http must parse the same request — same method and path, same body bytes, same header values, same
// keep-alive decision, and the same end of the message (a request sent right behind it is node:http's next one). A
// request the lean path would frame differently (request smuggling) fails here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanReportHead, leanRequestLength } from '../../aggregator/http/lean-report-head.ts';

interface Echo {
  method: string;
  url: string;
  body: string;
  contentType: string | null;
  forwardedFor: string | null;
  forwarded: string | null;
  keepAlive: boolean;
}

/** node:http with the aggregator's limits, answering each request with what it parsed. */
const server = createServer({ maxHeaderSize: 8192 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const echo: Echo = {
      method: req.method ?? '',
      url: req.url ?? '',
      body: Buffer.concat(chunks).toString('base64'),
      contentType: req.headers['content-type'] ?? null,
      forwardedFor: (req.headers['x-forwarded-for'] as string | undefined) ?? null,
      forwarded: req.headers.forwarded ?? null,
      keepAlive: res.shouldKeepAlive,
    };
    const text = JSON.stringify(echo);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  });
});
server.maxHeadersCount = 64;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends the bytes, half-closes, and returns every echo node:http answered with (in order). */
function echoes(raw: Buffer): Promise<Echo[]> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      // The echoes are JSON in UTF-8 (header values node:http read as latin1 may hold any byte).
      const text = Buffer.concat(chunks).toString('utf8');
      const out: Echo[] = [];
      for (const m of text.matchAll(/HTTP\/1\.1 200 OK\r\n[^]*?\r\n\r\n(\{"method"[^]*?\})(?=HTTP\/1\.1 |$)/g))
        out.push(JSON.parse(m[1] as string) as Echo);
      resolve(out);
    });
    socket.end(raw);
  });
}

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return ((s ^ (s >>> 13)) >>> 0) / 2 ** 32;
  };
}

const BODY = '{"service":"imessage","kind":"problem","problem":"not-delivered","clientId":"6f1c1f3e-8a3b-4c1d-9e2f-0a1b2c3d4e5f"}';
const HEAD = [
  'POST /v1/reports HTTP/1.1',
  'Host: agg.example',
  'Content-Type: application/json',
  `Content-Length: ${BODY.length}`,
  'X-Forwarded-For: 192.0.2.1',
];
const SNIPPETS = [
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  ':',
  '\x00',
  '\x7f',
  '\xff',
  '\x0b',
  'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: identity\r\n',
  'Content-Length: 3\r\n',
  `Content-Length: ${BODY.length}\r\n`,
  'content-length : 5\r\n',
  'Content-Length: 0x10\r\n',
  'Content-Length: -1\r\n',
  'Content-Length: 1 1\r\n',
  'Connection: close\r\n',
  'Connection: keep-alive, close\r\n',
  'Connection: closed\r\n',
  'X-Forwarded-For: 198.51.100.1\r\n',
  'x-forwarded-for:\r\n',
  'Forwarded: for=203.0.113.9\r\n',
  'Host: other\r\n',
  'X-Empty:\r\n',
  ' folded\r\n',
  'Expect: 100-continue\r\n',
  'Origin: https://example.com\r\n',
  'X-Long: ' + 'a'.repeat(300) + '\r\n',
];

/** A valid report request with one to three random edits to its head (insertions, deletions, replaced bytes). */
function mutated(seed: number): Buffer {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  let head = HEAD.join('\r\n') + '\r\n';
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e += 1) {
    const at = Math.floor(next() * head.length);
    const kind = next();
    if (kind < 0.6) {
      // Insertions mostly at line starts, so whole header lines are added as often as stray bytes.
      const lineStart = head.lastIndexOf('\r\n', at) + 2;
      const where = next() < 0.5 && lineStart > 1 ? lineStart : at;
      head = head.slice(0, where) + pick(SNIPPETS) + head.slice(where);
    } else if (kind < 0.8) head = head.slice(0, at) + head.slice(at + 1);
    else head = head.slice(0, at) + pick([' ', ':', '\r', '\n', '\t', 'x', '\x01', '\x80', ',', ';']) + head.slice(at + 1);
  }
  return Buffer.from(`${head}\r\n${BODY}`, 'latin1');
}

describe('the lean parser never disagrees with node:http', () => {
  it('on 3,000 mutated report requests: what it serves, node:http parses the same way and ends at the same byte', async () => {
    const NEXT = Buffer.from('GET /next-request HTTP/1.1\r\nHost: x\r\n\r\n');
    let served = 0;
    let left = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const raw = mutated(seed);
      const head = leanReportHead(raw);
      if (!head) {
        left += 1;
        continue;
      }
      served += 1;
      const length = leanRequestLength(head);
      // Nothing after `Connection: close` (node:http answers bytes behind it with a 400; the lean path drops them).
      const got = await echoes(head.close ? raw.subarray(0, length) : Buffer.concat([raw.subarray(0, length), NEXT]));
      const what = `seed ${seed}: ${JSON.stringify(raw.subarray(0, head.bodyStart).toString('latin1'))}`;
      expect(got.length, what).toBeGreaterThanOrEqual(1);
      const first = got[0] as Echo;
      expect(first, what).toEqual({
        method: 'POST',
        url: '/v1/reports',
        body: raw.subarray(head.bodyStart, length).toString('base64'),
        contentType: head.contentType ?? null,
        forwardedFor: head.forwardedFor ?? null,
        forwarded: head.forwarded ?? null,
        keepAlive: !head.close,
      });
      // The same end of the message: node:http's next request is the one sent right behind it.
      if (!head.close) expect(got[1]?.url, what).toBe('/next-request');
    }
    // Both sides of the line are exercised.
    expect(served).toBeGreaterThan(300);
    expect(left).toBeGreaterThan(300);
  });
});
