// Fair connections: one /24 holding idle connections and streams can't take the node from another network; idle
// connections close; streams end after their maximum life and every count comes back down exactly.
import { connect, type Socket } from 'node:net';
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { getJson, startOnTemplate } from './backends.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw TCP connection from `localAddress` that sends nothing; resolves once connected (or closed at once). */
function idleFrom(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}

function streamFrom(url: string, localAddress: string): Promise<{ status: number; ended: Promise<void>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}/v1/stream`, { localAddress, agent: false }, (res) => {
      res.resume();
      const ended = new Promise<void>((done) => res.once('close', () => done()));
      resolve({ status: res.statusCode ?? 0, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function healthStreams(url: string): Promise<number> {
  return (await getJson<{ streams: number }>(`${url}/healthz`)).json.streams;
}

describe('fair connections', () => {
  it('idle connections and streams from one /24 leave room for another network', async () => {
    const agg = await startOnTemplate({ maxConnections: 40, maxConnectionsPerNetwork: 6, maxStreamsPerNetwork: 2, rateLimit: false });
    cleanups.push(() => agg.close());
    const idle: Socket[] = [];
    cleanups.push(() => idle.forEach((s) => s.destroy()));
    // 60 idle connections from 127.50.1.0/24: more than the whole node holds.
    for (let i = 0; i < 60; i += 1) idle.push(await idleFrom(agg.port, `127.50.1.${1 + (i % 250)}`));
    const streams = await Promise.all(Array.from({ length: 10 }, (_, i) => streamFrom(agg.url, `127.50.1.${100 + i}`).catch(() => null)));
    cleanups.push(() => streams.forEach((s) => s?.close()));
    const opened = streams.filter((s) => s?.status === 200).length;
    expect(opened).toBeLessThanOrEqual(2);
    // Another network still reads the status and opens a stream.
    const other = await getJson(`${agg.url}/v1/status`).catch((e: unknown) => ({ status: String(e) }));
    expect(other.status).toBe(200);
    const otherStream = await streamFrom(agg.url, '127.50.2.1');
    cleanups.push(() => otherStream.close());
    expect(otherStream.status).toBe(200);
  });

  it('closes a connection that sends nothing after the idle timeout', async () => {
    const agg = await startOnTemplate({ idleTimeoutMs: 200, rateLimit: false });
    cleanups.push(() => agg.close());
    const socket = await idleFrom(agg.port, '127.51.1.1');
    await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
    expect(socket.destroyed).toBe(true);
  });

  it('ends a stream after its maximum life; the counts come back to zero, so the network may open streams again', async () => {
    // The first stream must still be open when the second asks (and is refused): 300 ms left busy cores too little room.
    const agg = await startOnTemplate({ maxStreamLifeMs: 2_000, maxStreamsPerNetwork: 1, rateLimit: false });
    cleanups.push(() => agg.close());
    const first = await streamFrom(agg.url, '127.52.1.1');
    expect(first.status).toBe(200);
    expect((await streamFrom(agg.url, '127.52.1.2')).status).toBe(429);
    await first.ended;
    const deadline = Date.now() + 5_000;
    while ((await healthStreams(agg.url)) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await healthStreams(agg.url)).toBe(0);
    const again = await streamFrom(agg.url, '127.52.1.3');
    cleanups.push(() => again.close());
    expect(again.status).toBe(200);
  });
});
