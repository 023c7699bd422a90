// GET /v1/stream (status events, heartbeats, Last-Event-ID resume, cleanup) and the optional official-feed mirror.
import { readFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse, StatusResponse } from '../../contracts/aggregator-api.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import { BACKENDS, client, getJson, networkAddress, postFrom } from './backends.ts';
import { until } from '../fixtures/wait-for.ts';

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A tiny SSE reader over node:http: collects events and comment lines. */
function openStream(url: string, lastEventId?: string) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  const req = get(`${url}/v1/stream`, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line);
          else if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('data: ')) e.data = line.slice(6);
        }
        if (e.event) events.push(e);
      }
    });
  });
  req.on('error', () => undefined);
  return { events, comments, close: () => req.destroy() };
}

const sensitive = { outageMinNetworks: 3, degradedMinNetworks: 2, coldStartPerHour: 1, baselineFloorPerHour: 1 };

describe.each(BACKENDS)('status stream and official mirror on $name', (backend) => {
  let agg: RunningAggregator;
  let storage: Awaited<ReturnType<typeof backend.storage>>;
  let feed: Server;
  let feedBody = readFileSync('tests/fixtures/apple-status/mixed-events.json', 'utf8');
  const clock = Date.UTC(2026, 10, 19, 15);

  beforeAll(async () => {
    if (backend.skip) return;
    feed = createServer((_req, res) => res.end(feedBody));
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
    storage = await backend.storage();
    agg = await startAggregator({
      ...storage.options,
      rateLimit: false,
      now: () => clock,
      detection: sensitive,
      sseHeartbeatMs: 100,
      officialMirror: { consumerUrl: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/`, pollMs: 100 },
    });
  });
  afterAll(async () => {
    await agg?.close();
    await storage?.cleanup();
    await new Promise((r) => feed?.close(r));
  });

  it.skipIf(backend.skip !== null)('sends the current status at once, a status event on change, and heartbeats', async () => {
    const stream = openStream(agg.url);
    try {
      const first = await until('first event', () => stream.events[0]);
      expect(first.event).toBe('status');
      expect(first.id).toBeTruthy();
      expect((JSON.parse(first.data ?? '') as StatusResponse).services.imessage.status).toBe('operational');
      for (let i = 0; i < 5; i += 1)
        expect(
          (await postFrom(agg.url, networkAddress(i), { service: 'imessage', kind: 'problem', problem: 'activation', clientId: client() }))
            .status,
        ).toBe(202);
      const change = await until('outage event', () =>
        stream.events.find((e) => (JSON.parse(e.data ?? '{}') as StatusResponse).services?.imessage.status === 'outage'),
      );
      expect(change.id).not.toBe(first.id);
      await until('heartbeat', () => stream.comments.length > 0);

      const resumed = openStream(agg.url, first.id);
      try {
        const replay = await until('replayed event', () => resumed.events.find((e) => e.id === change.id));
        expect(resumed.events[0]?.id).not.toBe(first.id);
        expect(replay.data).toBe(change.data);
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
    await until('streams closed', async () =>
      (await getJson<{ streams: number }>(`${agg.url}/healthz`)).json.streams === 0 ? true : null,
    );
  });

  it.skipIf(backend.skip !== null)('mirrors the official feed into the status and opens/closes official incidents', async () => {
    const official = await until('official status', async () => {
      const s = (await getJson<StatusResponse>(`${agg.url}/v1/status`)).json.services;
      return s.imessage.official?.state === 'outage' ? s : null;
    });
    expect(official.imessage.official).toMatchObject({ name: 'iMessage', state: 'outage', end: null });
    expect(official.facetime.official?.state).toBe('ok');
    const open = (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents`)).json.find((i) => i.source === 'official');
    expect(open).toMatchObject({ end: null, start: new Date(1749570120000).toISOString() });

    feedBody = 'jsonCallback({ this is not json';
    await new Promise((r) => setTimeout(r, 300));
    expect((await getJson<StatusResponse>(`${agg.url}/v1/status`)).json.services.imessage.official?.state).toBe('outage');

    feedBody = readFileSync('tests/fixtures/apple-status/all-normal.json', 'utf8');
    await until('official ok', async () =>
      (await getJson<StatusResponse>(`${agg.url}/v1/status`)).json.services.imessage.official?.state === 'ok' ? true : null,
    );
    const closed = (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents`)).json.find(
      (i) => i.source === 'official',
    );
    expect(closed?.end).toEqual(expect.any(String));
  });
});
