// A reporter is a network: floods from one /24 move nothing, 150 networks make an outage, forwarding headers count
// only from trusted proxies, no raw address is stored, and limits apply per network — on both backends.
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatusDto, StatusResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { claimWindowMs, DEFAULT_DETECTION } from '../../aggregator/detection/config.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { RunningAggregator } from '../../aggregator/server.ts';
import { BACKENDS, client, getJson, itOnPostgres, networkAddress, pool, postFrom } from './backends.ts';
import type { CliProcess } from './cli-process.ts';
import { startCliOn } from './cli-process.ts';
import { countRows, storedTextMatching, sumColumn } from './stored-text.ts';

const problem = (service: ServiceId = 'imessage') => ({
  service,
  kind: 'problem',
  problem: service === 'imessage' ? 'not-delivered' : 'calls-fail',
  clientId: client(),
});
const working = (service: ServiceId = 'imessage') => ({ service, kind: 'working', clientId: client() });
/** 250 hosts of one /24: 127.9.9.1–250. */
const spamHost = (i: number, net = '127.9.9') => `${net}.${1 + (i % 250)}`;

async function serviceStatus(url: string, service: ServiceId): Promise<ServiceStatusDto> {
  return (await getJson<StatusResponse>(`${url}/v1/status`)).json.services[service];
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens GET /v1/stream from a source address; resolves with the status code (the stream stays open until closed). */
function openStreamFrom(url: string, localAddress: string): Promise<{ status: number; retryAfter: string | undefined; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}/v1/stream`, { localAddress }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe.each(BACKENDS)('a reporter is a network on $name', (backend) => {
  async function fresh() {
    const s = await backend.storage();
    cleanups.push(s.cleanup);
    return s;
  }

  it.skipIf(backend.skip !== null)(
    'with the CLI\'s default flags: 10,000 reports from one /24 move nothing, 150 networks make an outage, 1,500 "working" from one /24 don\'t hide it',
    async () => {
      const s = await fresh();
      const cli: CliProcess = await startCliOn(s);
      cleanups.push(() => cli.stop());

      const spam = await pool(
        Array.from({ length: 10_000 }, (_, i) => i),
        24,
        (i) => postFrom(cli.url, spamHost(i), problem()),
      );
      const codes = new Set(spam.map((r) => r.status));
      expect([...codes].every((c) => c === 202 || c === 429)).toBe(true);
      const afterSpam = await serviceStatus(cli.url, 'imessage');
      expect(afterSpam.status).toBe('operational');
      expect(afterSpam.networksInWindow).toBe(1);
      expect(afterSpam.reportsInWindow).toBeLessThanOrEqual(DEFAULT_DETECTION.networkCap);

      const crowd = await pool(
        Array.from({ length: 150 }, (_, i) => i),
        32,
        (i) => postFrom(cli.url, networkAddress(i), problem()),
      );
      expect(crowd.every((r) => r.status === 202)).toBe(true);
      const outage = await until('outage', async () => {
        const st = await serviceStatus(cli.url, 'imessage');
        return st.status === 'outage' ? st : null;
      });
      expect(outage.networksInWindow).toBe(151);
      expect(outage.windowMinutes).toBe(10);

      const cancel = await pool(
        Array.from({ length: 1_500 }, (_, i) => i),
        24,
        (i) => postFrom(cli.url, spamHost(i, '127.8.8'), working()),
      );
      expect(cancel.every((r) => r.status === 202 || r.status === 429)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      const still = await serviceStatus(cli.url, 'imessage');
      expect(still.status).toBe('outage');
      expect(still.networksInWindow).toBe(151);
      expect((await serviceStatus(cli.url, 'facetime')).status).toBe('operational');
      expect(await cli.stop()).toBe(0);
    },
    180_000,
  );

  it.skipIf(backend.skip !== null)(
    'counts a network at most networkCap times and stores only those raw (the rest: one counter per network and window); forwarding headers count only from a trusted proxy; stores no address',
    async () => {
      const s = await fresh();
      // A clock held one minute into a claim window: the overflow counter is one row per network and window, and a
      // flood that ran across a window's edge on the wall clock made two (a load flake, never a bug).
      const window = claimWindowMs(DEFAULT_DETECTION);
      const at = Math.floor(Date.now() / window) * window + 60_000;
      const agg: RunningAggregator = await startAggregator({ ...s.options, rateLimit: false, trustProxy: ['127.0.0.1/32'], now: () => at });
      cleanups.push(() => agg.close());
      const networks = async (service: ServiceId) => (await serviceStatus(agg.url, service)).networksInWindow ?? -1;

      // Untrusted peers (127.9.9.x): their X-Forwarded-For / Forwarded claims are ignored.
      const flood = await pool(
        Array.from({ length: 2_000 }, (_, i) => i),
        24,
        (i) =>
          postFrom(agg.url, spamHost(i), problem(), {
            'x-forwarded-for': `10.${i % 250}.${i >> 8}.1`,
            forwarded: `for=198.18.${i % 250}.1`,
          }),
      );
      expect(flood.every((r) => r.status === 202)).toBe(true);
      const im = await serviceStatus(agg.url, 'imessage');
      expect(im).toMatchObject({ status: 'operational', networksInWindow: 1, reportsInWindow: DEFAULT_DETECTION.networkCap });
      expect(im.reportsLastHour).toBe(DEFAULT_DETECTION.networkCap);
      expect(im.topProblems).toEqual([{ problem: 'not-delivered', count: DEFAULT_DETECTION.networkCap }]);

      // From the trusted proxy: the right-most hop that is not a trusted proxy is the client.
      const viaProxy = (headers: Record<string, string>) => postFrom(agg.url, '127.0.0.1', problem('facetime'), headers);
      let before = await networks('facetime');
      for (let i = 0; i < 12; i += 1) expect((await viaProxy({ 'x-forwarded-for': `6.6.6.6, 198.51.${i}.10` })).status).toBe(202);
      expect(await networks('facetime')).toBe(before + 12); // not 1: the spoofable left-most hop is not used
      before = await networks('facetime');
      for (let i = 0; i < 5; i += 1) expect((await viaProxy({ 'x-forwarded-for': `192.0.${i}.9, 127.0.0.1` })).status).toBe(202);
      expect(await networks('facetime')).toBe(before + 5); // a trusted hop on the right is skipped
      before = await networks('facetime');
      for (let i = 0; i < 4; i += 1)
        expect((await viaProxy({ forwarded: `for=192.0.2.60;proto=https, for="[2001:db8:${i}::1]:4711"` })).status).toBe(202);
      for (let i = 0; i < 4; i += 1) expect((await viaProxy({ forwarded: `for="[2001:db8:${i}:ffff::2]"` })).status).toBe(202);
      expect(await networks('facetime')).toBe(before + 4); // IPv6 /48s: ::1 and :ffff::2 of one /48 are one network
      before = await networks('facetime');
      for (let i = 0; i < 3; i += 1) expect((await viaProxy({ 'x-forwarded-for': `::ffff:203.0.113.${i}` })).status).toBe(202);
      expect(await networks('facetime')).toBe(before + 1); // IPv4-mapped IPv6 is its IPv4 /24
      before = await networks('facetime');
      for (const bad of ['nonsense', '300.1.1.1', '198.51.200.1, not-an-ip'])
        expect((await viaProxy({ 'x-forwarded-for': bad })).status).toBe(202);
      expect(await networks('facetime')).toBe(before + 1); // malformed hops: the proxy's own network, once

      await agg.close();
      // Raw rows only for counted reports: 3 of the flood's 2,000, then every proxied one (none past its network's cap).
      expect(await countRows(s.options, 'counted_reports')).toBe(3 + 12 + 5 + 8 + 3 + 3);
      expect(await sumColumn(s.options, 'network_overflow', 'problems')).toBe(2_000 - 3);
      expect(await countRows(s.options, 'network_overflow')).toBe(1);
      // No raw address anywhere: no dotted quad, no IPv6 text, not even the /24 prefix.
      expect(await storedTextMatching(s.options, String.raw`\d+\.\d+\.\d+|2001:db8|::ffff|127\.9\.9`)).toEqual([]);
    },
    120_000,
  );

  it.skipIf(backend.skip !== null)('limits reports per network (429 + Retry-After), not per address', async () => {
    const s = await fresh();
    // A still clock: at 5 a minute a token comes back every 12 s, which a loaded machine can take for seven requests.
    const at = Date.now();
    const agg = await startAggregator({ ...s.options, rateLimit: { perMinute: 5 }, now: () => at });
    cleanups.push(() => agg.close());
    const sameNet = [];
    for (let i = 1; i <= 7; i += 1) sameNet.push(await postFrom(agg.url, `127.20.1.${i}`, problem()));
    expect(sameNet.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(Number(sameNet[5]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(sameNet[5]!.json).toEqual({ error: expect.any(String) });
    expect((await postFrom(agg.url, '127.20.2.1', problem())).status).toBe(202);
  });

  it.skipIf(backend.skip !== null)('caps open streams per network (429) and connections per server', async () => {
    const s = await fresh();
    // 6 connections: streams may take 3 of them (half), so requests always find a slot.
    const agg = await startAggregator({ ...s.options, rateLimit: false, maxStreamsPerNetwork: 2, maxConnections: 6 });
    cleanups.push(() => agg.close());
    const a = await openStreamFrom(agg.url, '127.30.1.1');
    const b = await openStreamFrom(agg.url, '127.30.1.2');
    const c = await openStreamFrom(agg.url, '127.30.1.3');
    const other = await openStreamFrom(agg.url, '127.30.2.1');
    try {
      expect([a.status, b.status, other.status]).toEqual([200, 200, 200]);
      expect(c.status).toBe(429);
      expect(Number(c.retryAfter)).toBeGreaterThan(0);
      // Three streams are half the node: a fourth network's stream gets 503, its connection stays open.
      const d = await openStreamFrom(agg.url, '127.30.3.1');
      expect(d.status).toBe(503);
      // Three streams, c's and d's kept-alive connections, one more: six; a seventh is refused outright.
      const e = await openStreamFrom(agg.url, '127.30.4.1');
      await expect(openStreamFrom(agg.url, '127.30.5.1')).rejects.toThrow();
      for (const x of [d, e]) x.close();
    } finally {
      for (const x of [a, b, c, other]) x.close();
    }
  });

  itOnPostgres(backend)('two nodes on one database count distinct networks across both', async () => {
    const s = await fresh();
    // Nodes of one database share the deployment secret (the database refuses another).
    const opts = { ...s.options, rateLimit: false as const, detection: { recomputeMs: 50 }, secret: 'two-nodes-share-this-secret-0123' };
    const a = await startAggregator(opts);
    cleanups.push(() => a.close());
    const b = await startAggregator(opts);
    cleanups.push(() => b.close());
    // 40 networks post to both nodes at once (different clients), 20 more only to node b.
    await pool(
      Array.from({ length: 40 }, (_, i) => i),
      16,
      async (i) => {
        const [ra, rb] = await Promise.all([
          postFrom(a.url, networkAddress(i, 1), problem()),
          postFrom(b.url, networkAddress(i, 2), problem()),
        ]);
        expect([ra.status, rb.status]).toEqual([202, 202]);
      },
    );
    await pool(
      Array.from({ length: 20 }, (_, i) => 40 + i),
      8,
      async (i) => expect((await postFrom(b.url, networkAddress(i), problem())).status).toBe(202),
    );
    // A node sees the other's commits at its next resync, so each converges on the shared totals...
    for (const node of [a, b]) {
      await until('60 networks and 100 reports on each node', async () => {
        const st = await serviceStatus(node.url, 'imessage');
        return st.networksInWindow === 60 && st.reportsInWindow === 100 ? st : null;
      });
    }
    // ...and stays there: later resyncs read the same totals again without counting them twice.
    await new Promise((r) => setTimeout(r, 300));
    for (const node of [a, b]) {
      const st = await serviceStatus(node.url, 'imessage');
      expect([st.networksInWindow, st.reportsInWindow]).toEqual([60, 100]);
    }
  });
});
