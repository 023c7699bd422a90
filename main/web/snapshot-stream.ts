// Server-Sent Events: every engine snapshot to every open popover, with heartbeats so proxies and sleep don't stall it.
import type { ServerResponse } from 'node:http';
import { POPOVER_EVENTS } from '../../contracts/popover-api.ts';
import type { MonitorEngine } from '../engine/ports.ts';

const HEARTBEAT_MS = 15_000;
const SNAPSHOT_EVENT = POPOVER_EVENTS.subscribe.http.event;

/** Keeps `res` open as an event stream until the client leaves; returns the function that ends it. */
export function streamSnapshots(engine: MonitorEngine, res: ServerResponse): () => void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  const send = (data: unknown): void => {
    res.write(`event: ${SNAPSHOT_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  res.write('retry: 2000\n\n');
  send(engine.snapshot());
  const unsubscribe = engine.onSnapshot(send);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  res.on('close', end);
  return end;
}
