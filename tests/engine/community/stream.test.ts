import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../../contracts/aggregator-api.ts';
import { openStatusStream } from '../../../main/engine/community/stream.ts';
import type { StatusStream } from '../../../main/engine/community/stream.ts';
import { startFakeAggregator, statusBody } from '../../fixtures/fake-aggregator.ts';
import type { FakeAggregator } from '../../fixtures/fake-aggregator.ts';
import { deadPort, startLoopback } from '../../fixtures/loopback-http.ts';
import { waitFor } from '../../fixtures/wait-for.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function open(url: () => string) {
  const seen: StatusResponse[] = [];
  const downs: string[] = [];
  let opens = 0;
  const stream: StatusStream = openStatusStream({
    url,
    onStatus: (s) => seen.push(s),
    onOpen: () => (opens += 1),
    onDown: (r) => downs.push(r),
    minDelayMs: 20,
    maxDelayMs: 200,
    connectTimeoutMs: 5_000, // every connect here must succeed: one timed out on busy cores is an extra drop
    idleTimeoutMs: 5_000,
  });
  cleanups.push(() => stream.close());
  return { stream, seen, downs, opens: () => opens };
}

describe('openStatusStream', () => {
  it('delivers status events and resumes with Last-Event-ID after a drop', async () => {
    const agg: FakeAggregator = await startFakeAggregator();
    cleanups.push(() => agg.close());
    const s = open(() => `${agg.url}/v1/stream`);
    await waitFor(() => s.seen.length === 1, 'the first status event');
    agg.setStatus(statusBody('outage', 900));
    await waitFor(() => s.seen.length === 2, 'the pushed status event');
    expect(s.seen[1]?.services.imessage.status).toBe('outage');
    expect(s.stream.lastEventId()).toBe('1');
    agg.dropStreams();
    await waitFor(() => s.downs.length === 1 && s.opens() === 2, 'a reconnect');
    expect(agg.resumeIds).toEqual([undefined, '1']);
    expect(s.downs[0]).toMatch(/closed|dropped/);
  });

  it('reports failure while the server is dead and recovers when it returns', async () => {
    const port = await deadPort();
    const s = open(() => `http://127.0.0.1:${port}/v1/stream`);
    await waitFor(() => s.downs.length >= 2, 'repeated failures');
    expect(s.downs[0]).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(s.stream.connected()).toBe(false);
    const agg = await startFakeAggregator({ port });
    cleanups.push(() => agg.close());
    await waitFor(() => s.seen.length >= 1, 'status after the server came back');
    expect(s.stream.connected()).toBe(true);
  });

  it('treats a non-stream answer as a failure and skips bad events without dropping the stream', async () => {
    let mode: 'json' | 'sse' = 'json';
    const server = await startLoopback((_req, res) => {
      if (mode === 'json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: status\ndata: not json\n\nevent: status\ndata: {"services":7}\n\nevent: other\ndata: {}\n\n');
      res.write(`id: 5\nevent: status\ndata: ${JSON.stringify(statusBody('degraded', 40))}\n\n`);
    });
    cleanups.push(() => server.close());
    const s = open(() => `${server.url}/v1/stream`);
    await waitFor(() => s.downs.length >= 1, 'a failure');
    expect(s.downs[0]).toMatch(/not an event stream/);
    mode = 'sse';
    await waitFor(() => s.seen.length === 1, 'the one good event');
    expect(s.seen[0]?.services.imessage.status).toBe('degraded');
    expect(s.stream.lastEventId()).toBe('5');
    expect(s.stream.connected()).toBe(true);
  });

  it('reconnects when the stream goes silent past the idle timeout', async () => {
    const server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: status\ndata: ${JSON.stringify(statusBody('operational'))}\n\n`);
    });
    cleanups.push(() => server.close());
    const downs: string[] = [];
    const stream = openStatusStream({
      url: () => `${server.url}/v1/stream`,
      onStatus: () => undefined,
      onDown: (r) => downs.push(r),
      idleTimeoutMs: 100,
      minDelayMs: 10,
    });
    cleanups.push(() => stream.close());
    await waitFor(() => downs.length >= 1, 'the idle watchdog');
    expect(downs[0]).toMatch(/silent/);
  });
});
