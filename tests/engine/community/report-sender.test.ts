import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAggregatorClient } from '../../../main/engine/community/client.ts';
import { loadClientId, makeUuid } from '../../../main/engine/community/client-id.ts';
import { openReportQueueFile } from '../../../main/engine/community/report-queue-file.ts';
import { REPORT_QUEUE_FILE, createReportSender } from '../../../main/engine/community/report-sender.ts';
import { startFakeAggregator } from '../../fixtures/fake-aggregator.ts';
import type { FakeAggregator } from '../../fixtures/fake-aggregator.ts';
import { deadPort, startLoopback } from '../../fixtures/loopback-http.ts';

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imsm-reporter-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function aggregatorOn(port?: number): Promise<FakeAggregator> {
  const agg = await startFakeAggregator({ port });
  cleanups.push(() => agg.close());
  return agg;
}

describe('reporter', () => {
  it('sends at once when the aggregator answers; a repeat inside the window is a duplicate with retryAt', async () => {
    const agg = await aggregatorOn();
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: agg.url, now: () => 1_000 }),
      now: () => 1_000,
    });
    const sent = await reporter.submit({ service: 'imessage', kind: 'problem', problem: 'not-delivered' });
    expect(sent).toEqual({ result: 'sent', message: 'Thanks, your iMessage report was sent.' });
    const dup = await reporter.submit({ service: 'imessage', kind: 'working' });
    expect(dup.result).toBe('duplicate');
    expect(dup.retryAt).toBeGreaterThan(1_000);
    expect(reporter.pending()).toBe(0);
    expect([...agg.stored.values()]).toEqual([{ service: 'imessage', clientId: reporter.clientId() }]);
  });

  it('queues while the aggregator is down and delivers exactly once after a restart of the app', async () => {
    const port = await deadPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const first = createReportSender({ dataDir: dir, client: createAggregatorClient({ baseUrl, now: () => 1_000 }), now: () => 1_000 });
    const outcome = await first.submit({ service: 'facetime', kind: 'problem', problem: 'calls-fail' });
    expect(outcome.result).toBe('queued');
    expect(outcome.message).toMatch(/community server isn't answering; your report is saved and will be sent when it answers/);
    const second = await first.submit({ service: 'imessage', kind: 'problem', problem: 'activation' });
    expect(second.result).toBe('queued');
    expect(first.pending()).toBe(2);
    expect(await first.flush()).toBe(0);
    expect(first.pending()).toBe(2);
    first.stop(); // the app quits: its retry timer goes with it

    // "Restart": a new reporter on the same folder, the aggregator back on the same address.
    const agg = await aggregatorOn(port);
    const restarted = createReportSender({ dataDir: dir, client: createAggregatorClient({ baseUrl, now: () => 2_000 }), now: () => 2_000 });
    expect(restarted.pending()).toBe(2);
    expect(restarted.clientId()).toBe(first.clientId());
    expect(await restarted.flush()).toBe(2);
    expect(restarted.pending()).toBe(0);
    expect(await restarted.flush()).toBe(0);
    expect([...agg.stored.values()].map((r) => r.service).sort()).toEqual(['facetime', 'imessage']);
    expect(agg.posts.filter((p) => p.status === 202)).toHaveLength(2);
    // A third instance finds nothing left to send.
    expect(
      createReportSender({ dataDir: dir, client: createAggregatorClient({ baseUrl, now: () => 3_000 }), now: () => 3_000 }).pending(),
    ).toBe(0);
  });

  it('never doubles a report whose answer was lost: the retry carries the same idempotency key', async () => {
    const agg = await aggregatorOn();
    // The first attempt reaches the aggregator and is stored, but the answer never comes back.
    let dropAnswers = true;
    const flaky = await startLoopback((req, res) => {
      void fetch(`${agg.url}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'POST' ? (req as unknown as ReadableStream) : undefined,
        duplex: 'half',
      } as RequestInit).then(async (r) => {
        if (dropAnswers) return void res.destroy();
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
      });
    });
    cleanups.push(() => flaky.close());
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: flaky.url, now: () => 1_000 }),
      now: () => 1_000,
    });
    expect((await reporter.submit({ service: 'imessage', kind: 'working' })).result).toBe('queued');
    expect(agg.stored.size).toBe(1);
    dropAnswers = false;
    expect(await reporter.flush()).toBe(1);
    expect(agg.stored.size).toBe(1);
    const keys = agg.posts.map((p) => p.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('keeps the report on 5xx and 429 (honouring Retry-After), drops it on 400', async () => {
    let now = 10_000;
    const agg = await aggregatorOn();
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: agg.url, now: () => now }),
      now: () => now,
    });
    agg.failNext(503, 1);
    expect((await reporter.submit({ service: 'imessage', kind: 'working' })).result).toBe('queued');
    agg.failNext(429, 5, { 'retry-after': '120' });
    const limited = await reporter.submit({ service: 'facetime', kind: 'working' });
    expect(limited.result).toBe('queued');
    expect(limited.message).toMatch(/about 2 minutes/);
    expect(reporter.pending()).toBe(2);
    // The first flush hits the remaining 429s: everything stays, nothing is retried before Retry-After.
    expect(await reporter.flush()).toBe(0);
    expect(reporter.pending()).toBe(2);
    const postsBefore = agg.posts.length;
    agg.failNext(200, 0);
    expect(await reporter.flush()).toBe(0);
    expect(agg.posts.length).toBe(postsBefore);
    now += 121_000;
    expect(await reporter.flush()).toBe(2);
    expect(reporter.pending()).toBe(0);

    agg.failNext(400, 1);
    const rejected = await reporter.submit({ service: 'imessage', kind: 'working' });
    expect(rejected.result).toBe('rejected');
    expect(rejected.message).toMatch(/refused/);
    expect(reporter.pending()).toBe(0);
  });

  it('rejects an invalid request without touching the network or the queue', async () => {
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: 'http://127.0.0.1:9', now: () => 0 }),
      now: () => 0,
    });
    expect((await reporter.submit({ service: 'imessage', kind: 'problem' })).result).toBe('rejected');
    expect((await reporter.submit({ service: 'mail', kind: 'working' } as never)).result).toBe('rejected');
    expect(reporter.pending()).toBe(0);
  });

  it('moves a corrupt queue file aside and keeps working; damaged entries are dropped, good ones kept', async () => {
    writeFileSync(join(dir, REPORT_QUEUE_FILE), '{"reports":[{"body":{"serv');
    const lines: string[] = [];
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: 'http://127.0.0.1:9', now: () => Date.UTC(2026, 10, 23) }),
      now: () => Date.UTC(2026, 10, 23),
      log: (l) => lines.push(l),
    });
    expect(reporter.pending()).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith(`${REPORT_QUEUE_FILE}.corrupt-2026-11-23`))).toBe(true);
    expect(lines.join('\n')).toMatch(/unreadable/);

    const good = {
      body: { service: 'imessage', kind: 'working', clientId: 'c', idempotencyKey: 'k1' },
      createdAt: 1,
      attempts: 0,
      notBefore: 0,
    };
    writeFileSync(
      join(dir, 'q.json'),
      JSON.stringify({ reports: [good, { body: { service: 'mail' } }, null, 'x', { __proto__: { polluted: 1 } }] }),
    );
    const queue = openReportQueueFile(join(dir, 'q.json'), { now: () => 0, log: (l) => lines.push(l) });
    expect(queue.list()).toEqual([good]);
    expect(lines.at(-1)).toMatch(/dropped 4 damaged entries/);
  });

  it('writes the queue atomically: no temp files left, valid JSON on disk', async () => {
    const port = await deadPort();
    const reporter = createReportSender({
      dataDir: dir,
      client: createAggregatorClient({ baseUrl: `http://127.0.0.1:${port}`, now: () => 0 }),
      now: () => 0,
    });
    await reporter.submit({ service: 'imessage', kind: 'working' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = JSON.parse(readFileSync(join(dir, REPORT_QUEUE_FILE), 'utf8')) as { reports: { body: { idempotencyKey: string } }[] };
    expect(onDisk.reports).toHaveLength(1);
    expect(onDisk.reports[0]?.body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('client id', () => {
  it('is a UUID created once per data folder and replaced when damaged', () => {
    const id = loadClientId(dir);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(loadClientId(dir)).toBe(id);
    writeFileSync(join(dir, 'client-id'), 'garbage');
    const fresh = loadClientId(dir);
    expect(fresh).not.toBe(id);
    expect(existsSync(join(dir, 'client-id'))).toBe(true);
  });

  it('derives a valid v4 UUID from injected randomness', () => {
    let i = 0;
    const random = () => ((i++ * 7) % 16) / 16;
    expect(makeUuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
