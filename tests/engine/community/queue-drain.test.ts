// The offline report queue drains by itself, against real HTTP on loopback: once the aggregator (a real CLI process)
// answers again while the network never changed — also after an app restart — and once a 429's Retry-After has passed.
// The retry backoff is set far beyond the test, so only those triggers can be what sent the reports.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../../contracts/aggregator-api.ts';
import { createAggregatorClient } from '../../../main/engine/community/client.ts';
import { isFreshAnswer } from '../../../main/engine/community/queue-drain.ts';
import { createReportSender, type QueueingReportSender } from '../../../main/engine/community/report-sender.ts';
import { createCommunityStatusSource } from '../../../main/engine/community/source.ts';
import { freshAggregatorDataDir } from '../../../lab/world/aggregator-template.ts';
import { startCliOn, type CliProcess } from '../../aggregator/cli-process.ts';
import { createFakeClock } from '../../support/fake-clock.ts';
import { portOutsideEphemeralRange } from '../../../lab/net/stable-port.ts';

const NEVER_BY_BACKOFF = { minDelayMs: 60 * 60_000 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

async function aggregatorOn(dataDir: string, port = 0): Promise<CliProcess> {
  const cli = await startCliOn({ options: { dataDir } } as Parameters<typeof startCliOn>[0], ['--port', String(port)]);
  cleanups.push(async () => void (await cli.stop()));
  return cli;
}

/** Resolves once `done()` holds, checking after each of the reporter's automatic attempts and every 100 ms. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 100));
}

function reporterOn(dataDir: string, baseUrl: string): QueueingReportSender {
  const reporter = createReportSender({
    dataDir,
    client: createAggregatorClient({ baseUrl, now: Date.now }),
    now: Date.now,
    retry: NEVER_BY_BACKOFF,
  });
  cleanups.push(() => reporter.stop());
  return reporter;
}

describe('offline report queue drains by itself', { timeout: 240_000 }, () => {
  it('sends queued reports once the aggregator answers again, with no network change, across an app restart', async () => {
    const aggData = await freshAggregatorDataDir('drain-agg-'); // a migrated copy: no initdb in this test
    cleanups.push(() => rmSync(aggData, { recursive: true, force: true, maxRetries: 5 }));
    const appData = tempDir('drain-app-');
    // A port nothing else in the suite can take while the aggregator is away (see lab/net/stable-port.ts).
    const port = await portOutsideEphemeralRange();
    const first = await aggregatorOn(aggData, port);
    const url = first.url;
    expect(await first.stop()).toBe(0); // the aggregator goes away; the machine stays online

    const before = reporterOn(appData, url);
    const outcome = await before.submit({ service: 'imessage', kind: 'problem', problem: 'not-delivered' });
    expect(outcome.result).toBe('queued');
    expect(before.pending()).toBe(1);
    before.stop(); // the app quits with the report on disk

    const reporter = reporterOn(appData, url);
    expect(reporter.pending()).toBe(1);
    // As the engine does: a fresh answer from the aggregator tells the sender to send what waits.
    const source = createCommunityStatusSource({
      client: createAggregatorClient({ baseUrl: url, now: Date.now }),
      now: Date.now,
      stream: { minDelayMs: 200, maxDelayMs: 1_000 },
    });
    const stopWatch = source.watch?.((snapshot) => {
      if (isFreshAnswer(snapshot)) reporter.aggregatorAnswered();
    });
    cleanups.push(() => stopWatch?.());

    const again = await aggregatorOn(aggData, port); // back, same address
    await until(() => reporter.pending() === 0);

    const status = (await (await fetch(`${again.url}/v1/status`)).json()) as StatusResponse;
    expect(status.services.imessage?.reportsLastHour).toBe(1);
    expect(await reporter.flush()).toBe(0); // nothing left, nothing sent twice
  });

  it("sends a rate-limited report after the 429's Retry-After, once, with the same idempotency key", async () => {
    const { url, seen } = await limitOnceThenAccept();
    const reporter = reporterOn(tempDir('drain-429-'), url);

    const outcome = await reporter.submit({ service: 'facetime', kind: 'working' });
    expect(outcome.result).toBe('queued');
    await until(() => reporter.pending() === 0);

    expect(seen.map((s) => s.status)).toEqual([429, 202]);
    expect(seen[1]?.key).toBe(seen[0]?.key);
  });

  // Seen once in CI: the retry timer fired when Date.now() still read a millisecond before the Retry-After ended,
  // the report was skipped, and the next try waited out the (here: hour-long) backoff instead.
  it('sends at the Retry-After even when the wall clock reads a millisecond behind the timer', async () => {
    const { url, seen } = await limitOnceThenAccept();
    const timers = createFakeClock(Date.now());
    const wallClock = (): number => timers.now() - 1;
    const reporter = createReportSender({
      dataDir: tempDir('drain-skew-'),
      client: createAggregatorClient({ baseUrl: url, now: wallClock }),
      now: wallClock,
      clock: timers,
      retry: NEVER_BY_BACKOFF,
    });
    cleanups.push(() => reporter.stop());

    expect((await reporter.submit({ service: 'imessage', kind: 'working' })).result).toBe('queued');
    await timers.advanceAsync(1_000); // the Retry-After of 1 s, on the timer's clock
    const deadline = Date.now() + 10_000;
    await until(() => reporter.pending() === 0 || Date.now() > deadline);

    expect(seen.map((s) => s.status)).toEqual([429, 202]);
  });
});

/** A report endpoint that answers the first report 429 (Retry-After: 1) and accepts every one after it. */
async function limitOnceThenAccept(): Promise<{ url: string; seen: { key: string; status: number }[] }> {
  const seen: { key: string; status: number }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = (JSON.parse(body) as { idempotencyKey: string }).idempotencyKey;
      const status = seen.length === 0 ? 429 : 202;
      seen.push({ key, status });
      if (status === 429) res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"slow down"}');
      else res.writeHead(202, { 'content-type': 'application/json' }).end(`{"id":"r-${seen.length}","accepted":true}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
