// Crowd incidents against Apple's status page: when Apple showed them (lead), their peak status, the 90-day paging,
// the summary and retention, over real HTTP on both backends, with a fake clock and a loopback stand-in for Apple's
// feed. The tests of one backend share a database and run in order (each aggregator start costs seconds on PGlite).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto, IncidentSummaryResponse, IncidentsResponse, StatusResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { startAggregator } from '../../aggregator/server.ts';
import type { AggregatorOptions, RunningAggregator } from '../../aggregator/server.ts';
import { openStore } from '../../aggregator/storage/open-store.ts';
import { BACKENDS, client, getJson, itOnPostgres, networkAddress, postFrom } from './backends.ts';
import { until } from '../fixtures/wait-for.ts';

const MIN = 60_000;
const DAY = 86_400_000;
// Three networks make an outage, two a degraded status; back to operational a minute after the window empties.
const sensitive = { outageMinNetworks: 3, degradedMinNetworks: 2, coldStartPerHour: 1, baselineFloorPerHour: 1, recoverMs: MIN };
const APPLE_NAMES: Record<ServiceId, string> = { imessage: 'iMessage', facetime: 'FaceTime' };
const iso = (t: number) => new Date(t).toISOString();

/** Apple's feed with one service down since `start` (null: Apple gives no start), or all normal. */
function feed(down: { service: ServiceId; start: number | null } | null): string {
  const event = down && {
    usersAffected: 'Some users are affected',
    epochStartDate: down.start,
    epochEndDate: null,
    messageId: `m-${down.start}`,
    statusType: 'Outage',
    eventStatus: 'ongoing',
    message: 'Users may be unable to connect.',
  };
  const services = (['imessage', 'facetime'] as const).map((s) => ({
    redirectUrl: null,
    serviceName: APPLE_NAMES[s],
    events: event && down.service === s ? [event] : [],
  }));
  return JSON.stringify({ drpost: false, services });
}

describe.each(BACKENDS)('incident lead, paging, summary and retention on $name', (backend) => {
  let storage: Awaited<ReturnType<typeof backend.storage>>;
  let apple: Server;
  let appleBody = feed(null);
  let clock = Date.UTC(2026, 7, 3, 9);
  let network = 0;
  let agg: RunningAggregator;

  const start = (over: Partial<AggregatorOptions> = {}) =>
    startAggregator({
      ...storage.options,
      rateLimit: false,
      now: () => clock,
      detection: { ...sensitive, recomputeMs: 50 },
      officialMirror: { consumerUrl: `http://127.0.0.1:${(apple.address() as AddressInfo).port}/`, pollMs: 30 },
      ...over,
    });

  beforeAll(async () => {
    if (backend.skip) return;
    apple = createServer((_req, res) => res.end(appleBody));
    await new Promise<void>((r) => apple.listen(0, '127.0.0.1', () => r()));
    storage = await backend.storage();
    agg = await start();
  });
  afterAll(async () => {
    await agg?.close();
    await storage?.cleanup();
    apple?.close();
  });

  const status = async (service: ServiceId, node = agg) => (await getJson<StatusResponse>(`${node.url}/v1/status`)).json.services[service];
  const incidents = async (service: ServiceId, query = '', node = agg) =>
    (await getJson<IncidentsResponse>(`${node.url}/v1/services/${service}/incidents?limit=100${query}`)).json;
  const crowd = async (service: ServiceId, node = agg) => (await incidents(service, '', node)).filter((i) => i.source === 'reports');
  const summary = async (service: ServiceId) =>
    (await getJson<IncidentSummaryResponse>(`${agg.url}/v1/services/${service}/incidents/summary`)).json;
  /** Problem reports from `networks` new networks, until the status is `to`. */
  const rise = async (service: ServiceId, networks: number, to: 'degraded' | 'outage', node = agg) => {
    for (let i = 0; i < networks; i += 1) {
      const body = { service, kind: 'problem', problem: 'other', clientId: client() };
      expect((await postFrom(node.url, networkAddress((network += 1)), body)).status).toBe(202);
    }
    await until(to, async () => (await status(service, node)).status === to);
  };
  /** Lets the window empty and the recovery hold pass: the crowd incident closes. */
  const recover = async (service: ServiceId, node = agg) => {
    clock += 11 * MIN;
    await status(service, node);
    clock += 2 * MIN;
    await until('operational', async () => (await status(service, node)).status === 'operational');
  };
  /** Apple shows the service down (or all well again); resolves once the node has mirrored it. */
  const appleShows = async (service: ServiceId, start: number | null | 'well', node = agg) => {
    appleBody = feed(start === 'well' ? null : { service, start });
    await until('official state', async () => ((await status(service, node)).official?.state === 'outage') === (start !== 'well'));
  };

  it.skipIf(backend.skip !== null)('records a positive lead from the first poll that saw it when Apple gives no start', async () => {
    const opened = clock;
    await rise('facetime', 3, 'outage');
    const [open] = await crowd('facetime');
    expect(open).toMatchObject({ start: iso(opened), end: null, peak: 'outage', appleShownAt: null, leadMs: null });
    clock += 7 * MIN;
    await appleShows('facetime', null);
    const [shown] = await until('lead', async () => ((await crowd('facetime'))[0]?.leadMs !== null ? crowd('facetime') : null));
    expect(shown).toMatchObject({ appleShownAt: iso(opened + 7 * MIN), leadMs: 7 * MIN, peak: 'outage', end: null });
    await appleShows('facetime', 'well');
    await recover('facetime');
  });

  it.skipIf(backend.skip !== null)(
    "takes Apple's event start: positive, negative when Apple was first, null when Apple never shows it; pages and sums up",
    async () => {
      const b = clock;
      await rise('imessage', 3, 'outage'); // B: Apple shows it, starting 5 minutes in
      clock += 6 * MIN;
      await appleShows('imessage', b + 5 * MIN);
      await appleShows('imessage', 'well');
      await recover('imessage');
      clock += 60 * MIN;
      await appleShows('imessage', clock - 10 * MIN); // C: Apple first, by 10 minutes
      const c = clock;
      await rise('imessage', 3, 'outage');
      await appleShows('imessage', 'well');
      await recover('imessage');
      clock += 60 * MIN;
      const e = clock;
      await appleShows('imessage', e); // E: Apple alone, the crowd silent
      await appleShows('imessage', 'well');
      clock += 60 * MIN;
      const d = clock;
      await rise('imessage', 2, 'degraded'); // D: Apple silent

      const all = await until('six listed', async () => {
        const l = await incidents('imessage');
        return l.length === 6 && l[2]?.leadMs !== null ? l : null;
      });
      expect(all.map((i) => [i.source, i.start])).toEqual([
        ['reports', iso(d)],
        ['official', iso(e)],
        ['reports', iso(c)],
        ['official', iso(c - 10 * MIN)],
        ['official', iso(b + 5 * MIN)],
        ['reports', iso(b)],
      ]);
      expect(all.map((i) => i.leadMs)).toEqual([null, undefined, -10 * MIN, undefined, undefined, 5 * MIN]);
      expect(all[2]?.appleShownAt).toBe(iso(c - 10 * MIN));
      expect(all.map((i) => i.peak)).toEqual(['degraded', 'outage', 'outage', 'outage', 'outage', 'outage']);

      const page = async (limit: number, before: string | undefined) =>
        (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents?limit=${limit}&before=${before}`)).json;
      const first = (await getJson<IncidentsResponse>(`${agg.url}/v1/services/imessage/incidents?limit=2`)).json;
      expect(first.map((i) => i.start)).toEqual([iso(d), iso(e)]);
      const second = await page(2, first[1]?.start);
      expect(second.map((i) => i.start)).toEqual([iso(c), iso(c - 10 * MIN)]);
      expect((await page(2, second[1]?.start)).map((i) => i.start)).toEqual([iso(b + 5 * MIN), iso(b)]);
      expect(await page(2, iso(b))).toEqual([]);
      expect((await page(100, encodeURIComponent(iso(c).replace('Z', '+00:00')))).length).toBe(3);
      for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '2026-11-19', '', `2026-11-19T14:09:00.${'0'.repeat(40)}Z`, '1e12']) {
        const r = await getJson(`${agg.url}/v1/services/imessage/incidents?before=${encodeURIComponent(bad)}`);
        expect(r.status, bad).toBe(400);
        expect(r.json).toEqual({ error: expect.stringContaining('before'), field: 'before' });
      }

      // B, C, D and Apple's E (Apple's other two overlap B and C): three outages, two Apple showed (+5, −10).
      expect(await summary('imessage')).toEqual({ days: 90, incidents: 4, outages: 3, confirmed: 2, medianLeadMs: Math.round(-2.5 * MIN) });
      // The FaceTime incident of the first test: one, confirmed 7 minutes ahead.
      expect(await summary('facetime')).toEqual({ days: 90, incidents: 1, outages: 1, confirmed: 1, medianLeadMs: 7 * MIN });
      expect((await getJson(`${agg.url}/v1/services/icloud/incidents/summary`)).status).toBe(404);
      await recover('imessage');
    },
    30_000,
  );

  it.skipIf(backend.skip !== null)('keeps peak and lead across a restart; without a mirror only those Apple showed have them', async () => {
    const before = [...(await incidents('imessage')), ...(await incidents('facetime'))];
    expect(before.every((i) => i.end !== null)).toBe(true);
    await agg.close();
    agg = await start({ officialMirror: false });
    const unshown = ({ appleShownAt: _shown, leadMs: _lead, ...rest }: IncidentDto) => rest;
    const expected = before.map((i) => (i.source === 'reports' && i.appleShownAt === null ? unshown(i) : i));
    expect([...(await incidents('imessage')), ...(await incidents('facetime'))]).toEqual(expected);
    expect(expected.filter((i) => 'leadMs' in i).map((i) => i.leadMs)).toEqual([-10 * MIN, 5 * MIN, 7 * MIN]);
    await rise('facetime', 2, 'degraded');
    const [late] = await crowd('facetime');
    expect(late).toMatchObject({ start: iso(clock), peak: 'degraded' });
    expect(late).not.toHaveProperty('appleShownAt');
    expect(late).not.toHaveProperty('leadMs');
  });

  it.skipIf(backend.skip !== null)('lists and sums up the last 90 days only, and prunes incidents that ended before', async () => {
    await agg.close();
    // 91 days on: the aggregator prunes as it starts, and close waits for it.
    clock += 91 * DAY;
    agg = await start({ officialMirror: false });
    const [late] = await crowd('facetime');
    expect(late?.end).toBe(null); // still running: listed, though it began 91 days ago
    expect(await incidents('imessage')).toEqual([]);
    expect(await summary('facetime')).toEqual({ days: 90, incidents: 0, outages: 0, confirmed: 0, medianLeadMs: null });
    await agg.close();
    const store = await openStore(storage.options);
    try {
      expect((await store.listIncidents({ limit: 100 })).map((i) => iso(i.start))).toEqual([late?.start]);
    } finally {
      await store.close();
    }
  });

  itOnPostgres(backend)('records one incident of each source when two nodes on one database see it', async () => {
    const [a, b] = [await start(), await start()];
    try {
      clock += 60 * MIN;
      const opened = clock;
      appleBody = feed(null);
      await rise('imessage', 3, 'outage', a);
      await until('outage on b', async () => (await status('imessage', b)).status === 'outage');
      appleBody = feed({ service: 'imessage', start: opened });
      await until(
        'official on both',
        async () =>
          (await status('imessage', a)).official?.state === 'outage' && (await status('imessage', b)).official?.state === 'outage',
      );
      await recover('imessage', a);
      await recover('imessage', b);
      appleBody = feed(null);
      await until(
        'official gone on both',
        async () => (await status('imessage', a)).official?.state === 'ok' && (await status('imessage', b)).official?.state === 'ok',
      );
      for (const node of [a, b]) {
        const list = await until('closed on this node', async () => {
          const l = await incidents('imessage', '', node);
          return l.length === 2 && l.every((i) => i.end !== null) ? l : null;
        });
        expect(list.map((i) => `${i.source} ${i.start}`).sort()).toEqual([`official ${iso(opened)}`, `reports ${iso(opened)}`]);
        expect(list.find((i) => i.source === 'reports')?.leadMs).toBe(0);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
