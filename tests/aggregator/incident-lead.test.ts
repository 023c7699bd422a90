// Crowd incidents against Apple's status page: when Apple showed them (lead), their peak status, the 90-day paging
// and the summary, over real HTTP on both backends, with a fake clock and a loopback stand-in for Apple's feed.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentSummaryResponse, IncidentsResponse, StatusResponse } from '../../contracts/aggregator-api.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { AggregatorOptions, RunningAggregator } from '../../aggregator/server.ts';
import { BACKENDS, client, getJson, networkAddress, postFrom } from './backends.ts';

const MIN = 60_000;
const DAY = 86_400_000;
// Three networks make an outage, two a degraded status; back to operational a minute after the window empties.
const sensitive = { outageMinNetworks: 3, degradedMinNetworks: 2, coldStartPerHour: 1, baselineFloorPerHour: 1, recoverMs: MIN };

/** Apple's feed with iMessage down since `start` (null: Apple gives no start), or all normal. */
function feed(down: { start: number | null } | null): string {
  const events = down
    ? [
        {
          usersAffected: 'Some users are affected',
          epochStartDate: down.start,
          epochEndDate: null,
          messageId: `m-${down.start}`,
          statusType: 'Outage',
          eventStatus: 'ongoing',
          message: 'Users may be unable to send or receive messages.',
        },
      ]
    : [];
  return JSON.stringify({ drpost: false, services: [{ redirectUrl: null, serviceName: 'iMessage', events }] });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(BACKENDS)('incident lead, paging and summary on $name', (backend) => {
  let storage: Awaited<ReturnType<typeof backend.storage>>;
  let apple: Server;
  let appleBody = feed(null);
  let clock = Date.UTC(2026, 7, 3, 9);
  let network = 0;
  const running: RunningAggregator[] = [];

  beforeAll(async () => {
    if (backend.skip) return;
    apple = createServer((_req, res) => res.end(appleBody));
    await new Promise<void>((r) => apple.listen(0, '127.0.0.1', () => r()));
  });
  afterEach(async () => {
    for (const a of running.splice(0)) await a.close();
    await storage?.cleanup();
  });
  afterAll(() => apple?.close());

  const start = async (over: Partial<AggregatorOptions> = {}, fresh = true) => {
    if (fresh) storage = await backend.storage();
    const agg = await startAggregator({
      ...storage.options,
      rateLimit: false,
      now: () => clock,
      detection: { ...sensitive, recomputeMs: 50 },
      officialMirror: { consumerUrl: `http://127.0.0.1:${(apple.address() as AddressInfo).port}/`, pollMs: 30 },
      ...over,
    });
    running.push(agg);
    return agg;
  };
  const status = async (agg: RunningAggregator) => (await getJson<StatusResponse>(`${agg.url}/v1/status`)).json.services.imessage;
  const incidents = async (agg: RunningAggregator, query = '') =>
    (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents?limit=100${query}`)).json;
  const crowd = async (agg: RunningAggregator) => (await incidents(agg)).filter((i) => i.source === 'reports');
  /** Problem reports from `networks` new networks, until the status is `to`. */
  const rise = async (agg: RunningAggregator, networks: number, to: 'degraded' | 'outage') => {
    for (let i = 0; i < networks; i += 1) {
      const r = await postFrom(agg.url, networkAddress((network += 1)), {
        service: 'imessage',
        kind: 'problem',
        problem: 'other',
        clientId: client(),
      });
      expect(r.status).toBe(202);
    }
    await until(to, async () => (await status(agg)).status === to);
  };
  /** Lets the window empty and the recovery hold pass: the crowd incident closes. */
  const recover = async (agg: RunningAggregator) => {
    clock += 11 * MIN;
    await status(agg);
    clock += 2 * MIN;
    await until('operational', async () => (await status(agg)).status === 'operational');
  };
  /** Apple shows iMessage down (or well again); resolves once this node has mirrored it. */
  const appleShows = async (agg: RunningAggregator, down: { start: number | null } | null) => {
    appleBody = feed(down);
    await until('official state', async () => ((await status(agg)).official?.state === 'outage') === (down !== null));
  };

  it.skipIf(backend.skip !== null)(
    'records a positive lead when Apple shows it after the crowd, from its first poll without a start',
    async () => {
      appleBody = feed(null);
      const agg = await start();
      const opened = clock;
      await rise(agg, 3, 'outage');
      const [open] = await crowd(agg);
      expect(open).toMatchObject({ start: new Date(opened).toISOString(), end: null, peak: 'outage', appleShownAt: null, leadMs: null });
      clock += 7 * MIN;
      await appleShows(agg, { start: null });
      const [shown] = await until('lead', async () => ((await crowd(agg))[0]?.leadMs !== null ? crowd(agg) : null));
      expect(shown).toMatchObject({ appleShownAt: new Date(opened + 7 * MIN).toISOString(), leadMs: 7 * MIN, peak: 'outage' });
      await appleShows(agg, null);
    },
  );

  it.skipIf(backend.skip !== null)('takes Apple event start, negative when Apple was first; null when Apple never shows it', async () => {
    appleBody = feed(null);
    const agg = await start();
    const first = clock;
    await rise(agg, 2, 'degraded');
    await recover(agg);
    clock += 30 * MIN;
    await appleShows(agg, { start: clock - 10 * MIN });
    const second = clock + 5 * MIN;
    clock = second;
    await rise(agg, 3, 'outage');
    const list = await until('second crowd incident marked', async () => {
      const l = await crowd(agg);
      return l.length === 2 && l[0]?.leadMs !== null ? l : null;
    });
    expect(list[0]).toMatchObject({ start: new Date(second).toISOString(), leadMs: -15 * MIN, peak: 'outage' });
    expect(list[0]?.appleShownAt).toBe(new Date(second - 15 * MIN).toISOString());
    // Apple's event began after the first incident ended: not the same event.
    expect(list[1]).toMatchObject({ start: new Date(first).toISOString(), peak: 'degraded', appleShownAt: null, leadMs: null });
    await appleShows(agg, null);
  });

  it.skipIf(backend.skip !== null)('leaves the Apple fields out without a mirror, and keeps them across a restart', async () => {
    appleBody = feed(null);
    let agg = await start();
    await rise(agg, 3, 'outage');
    clock += 4 * MIN;
    await appleShows(agg, { start: clock - MIN });
    await until('lead', async () => (await crowd(agg))[0]?.leadMs === 3 * MIN);
    await appleShows(agg, null);
    const before = await until('Apple over', async () => {
      const l = await incidents(agg);
      return l.find((i) => i.source === 'official')?.end ? l : null;
    });
    await agg.close();
    agg = await start({ officialMirror: false }, false);
    expect(await incidents(agg)).toEqual(before);
    await recover(agg);
    clock += MIN;
    await rise(agg, 2, 'degraded');
    const [late] = await crowd(agg);
    expect(late).not.toHaveProperty('appleShownAt');
    expect(late).not.toHaveProperty('leadMs');
    expect(late?.peak).toBe('degraded');
  });

  it.skipIf(backend.skip !== null)(
    'pages the last 90 days with before, answers 400 for a bad before, and sums them up',
    async () => {
      appleBody = feed(null);
      const agg = await start();
      await rise(agg, 3, 'outage'); // A: over 90 days old by the end
      await recover(agg);
      clock += 91 * DAY;
      const b = clock;
      await rise(agg, 3, 'outage'); // B: Apple shows it 5 minutes in
      clock += 6 * MIN;
      await appleShows(agg, { start: b + 5 * MIN });
      await appleShows(agg, null);
      await recover(agg);
      clock += 60 * MIN;
      await appleShows(agg, { start: clock - 10 * MIN }); // C: Apple first, by 10 minutes
      const c = clock;
      await rise(agg, 3, 'outage');
      await appleShows(agg, null);
      await recover(agg);
      clock += 60 * MIN;
      const d = clock;
      await rise(agg, 2, 'degraded'); // D: still open, Apple silent

      const all = await until('four listed', async () => {
        const l = await incidents(agg);
        return l.length === 5 && l[2]?.leadMs !== null ? l : null;
      });
      const iso = (t: number) => new Date(t).toISOString();
      expect(all.map((i) => [i.source, i.start])).toEqual([
        ['reports', iso(d)],
        ['reports', iso(c)],
        ['official', iso(c - 10 * MIN)],
        ['official', iso(b + 5 * MIN)],
        ['reports', iso(b)],
      ]);
      expect(all.map((i) => i.leadMs)).toEqual([null, -10 * MIN, undefined, undefined, 5 * MIN]);
      const page = async (before: string | undefined) =>
        incidents(agg, before === undefined ? '' : `&before=${encodeURIComponent(before)}`);
      const first = (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents?limit=2`)).json;
      expect(first.map((i) => i.start)).toEqual([iso(d), iso(c)]);
      const second = (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents?limit=2&before=${first[1]?.start}`)).json;
      expect(second.map((i) => i.start)).toEqual([iso(c - 10 * MIN), iso(b + 5 * MIN)]);
      expect((await page(second[1]?.start)).map((i) => i.start)).toEqual([iso(b)]);
      expect(await page(iso(b))).toEqual([]);
      expect((await page(iso(c).replace('Z', '+00:00'))).length).toBe(3);

      for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '2026-11-19', '', `2026-11-19T14:09:00.${'0'.repeat(40)}Z`, '1e12']) {
        const r = await getJson<{ error: string; field: string }>(
          `${agg.url}/v1/services/imessage/incidents?before=${encodeURIComponent(bad)}`,
        );
        expect(r.status, bad).toBe(400);
        expect(r.json).toEqual({ error: expect.stringContaining('before'), field: 'before' });
      }

      const summary = await getJson<IncidentSummaryResponse>(`${agg.url}/v1/services/imessage/incidents/summary`);
      expect(summary.status).toBe(200);
      // B, C and D (A is older; Apple's two incidents overlap B and C): two outages, two Apple showed, leads +5 and −10.
      expect(summary.json).toEqual({ days: 90, incidents: 3, outages: 2, confirmed: 2, medianLeadMs: Math.round(-2.5 * MIN) });
      expect((await getJson(`${agg.url}/v1/services/facetime/incidents/summary`)).json).toEqual({
        days: 90,
        incidents: 0,
        outages: 0,
        confirmed: 0,
        medianLeadMs: null,
      });
      expect((await getJson(`${agg.url}/v1/services/icloud/incidents/summary`)).status).toBe(404);
    },
    30_000,
  );

  it.skipIf(backend.name !== 'postgres')('records one incident of each source when two nodes on one database see it', async () => {
    appleBody = feed(null);
    const a = await start();
    const b = await start({}, false);
    await rise(a, 3, 'outage');
    await until('outage on b', async () => (await status(b)).status === 'outage');
    appleBody = feed({ start: clock });
    await until(
      'official on both',
      async () => (await status(a)).official?.state === 'outage' && (await status(b)).official?.state === 'outage',
    );
    await recover(a);
    await recover(b);
    appleBody = feed(null);
    await until(
      'official gone on both',
      async () => (await status(a)).official?.state === 'ok' && (await status(b)).official?.state === 'ok',
    );
    for (const node of [a, b]) {
      const list = await until('closed on this node', async () => {
        const l = await incidents(node);
        return l.length === 2 && l.every((i) => i.end !== null) ? l : null;
      });
      expect(list.map((i) => i.source).sort()).toEqual(['official', 'reports']);
      expect(list.find((i) => i.source === 'reports')?.leadMs).toBe(0);
    }
  });
});
