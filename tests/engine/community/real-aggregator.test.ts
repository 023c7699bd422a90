// The community client, source, stream and offline queue against the real aggregator (embedded storage).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAggregator } from '../../../aggregator/server.ts';
import type { RunningAggregator } from '../../../aggregator/server.ts';
import type { StatusResponse } from '../../../contracts/aggregator-api.ts';
import { createAggregatorClient } from '../../../main/engine/community/client.ts';
import { createReportSender } from '../../../main/engine/community/report-sender.ts';
import { createCommunityStatusSource } from '../../../main/engine/community/source.ts';
import { openStatusStream } from '../../../main/engine/community/stream.ts';
import { deadPort } from '../../fixtures/loopback-http.ts';
import { waitFor } from '../../fixtures/wait-for.ts';
import { copyAggregatorTemplate, ensureAggregatorTemplate } from '../../../lab/world/aggregator-template.ts';

let dir: string;
let port: number;
let agg: RunningAggregator | null = null;
let reportsBeforeStart = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imsm-real-agg-'));
  port = await deadPort();
  // While the aggregator is down, a report is queued on disk.
  const offline = createReportSender({
    dataDir: join(dir, 'app'),
    client: createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}`, now: Date.now }),
    now: Date.now,
  });
  const outcome = await offline.submit({ service: 'imessage', kind: 'problem', problem: 'not-delivered' });
  expect(outcome.result).toBe('queued');
  reportsBeforeStart = offline.pending();
  offline.stop(); // that app quits; a restarted one delivers the report (below)
  await ensureAggregatorTemplate();
  copyAggregatorTemplate(join(dir, 'agg')); // a migrated copy: no initdb here
  agg = await startAggregator({ port, dataDir: join(dir, 'agg'), rateLimit: false, sseHeartbeatMs: 200 });
});

afterAll(async () => {
  await agg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('against the real aggregator', () => {
  it('a report queued while it was down is delivered exactly once by a restarted reporter', async () => {
    expect(reportsBeforeStart).toBe(1);
    const reporter = createReportSender({
      dataDir: join(dir, 'app'),
      client: createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}`, now: Date.now }),
      now: Date.now,
    });
    expect(reporter.pending()).toBe(1);
    expect(await reporter.flush()).toBe(1);
    expect(reporter.pending()).toBe(0);
    expect(await reporter.flush()).toBe(0);
    const client = createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}` });
    const trend = await client.trend('imessage', 1);
    expect(trend.ok && trend.data.buckets.reduce((n, b) => n + b.reports, 0)).toBe(1);
    // The same install reporting again inside the window is told it already counts.
    const again = await reporter.submit({ service: 'imessage', kind: 'working' });
    expect(again.result).toBe('duplicate');
  });

  it('the source maps its status and the stream delivers status events', async () => {
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}`, now: Date.now }),
      now: Date.now,
    });
    const snap = await source.poll();
    expect(snap.stale).toBe(false);
    expect(Object.keys(snap.services).sort()).toEqual(['facetime', 'imessage']);
    expect(snap.services.imessage?.status).toMatch(/^(operational|degraded|outage)$/);

    const seen: StatusResponse[] = [];
    const stream = openStatusStream({ url: () => `http://127.0.0.1:${port}/v1/stream`, onStatus: (s) => seen.push(s) });
    try {
      await waitFor(() => seen.length >= 1, 'a status event from the real stream');
      expect(seen[0]?.services.facetime.status).toMatch(/^(operational|degraded|outage)$/);
      expect(stream.lastEventId()).not.toBeNull();
    } finally {
      stream.close();
    }
  });
});
