// Diversity above the network (issue 17), against real public address space named through a trusted proxy: a crowd
// over many providers is an outage however many "working" reports it meets; one provider's 150 /24s are not; IPv6 /32s
// count a few networks; a network counts once across midnight; a walked-up baseline still sees an outage; a node
// killed and restarted sees the same crowd; clientIds never reach the data folder; a node with another deployment
// secret refuses to start.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatusDto, StatusResponse } from '../../contracts/aggregator-api.ts';
import type { ServiceId } from '../../contracts/status.ts';
import { parseAddress } from '../../aggregator/http/ip-address.ts';
import { loadProviderLookup } from '../../aggregator/networks/provider-lookup.ts';
import { SECRET_FILE } from '../../aggregator/privacy/deployment-secret.ts';
import { startAggregator } from '../../aggregator/server.ts';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import { BACKENDS, getJson, pool, post, startOnTemplate } from './backends.ts';
import { startCliOn } from './cli-process.ts';
import {
  COMCAST_AS,
  COMCAST_V4,
  IPV6_ONE_32,
  ONE_PROVIDER_AS,
  PROVIDER_BLOCKS,
  oneProviderNetwork,
  spreadNetwork,
} from './public-networks.ts';
import { storedTextMatching } from './stored-text.ts';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const report = (service: ServiceId, kind: 'problem' | 'working', clientId = crypto.randomUUID()) =>
  kind === 'problem'
    ? { service, kind, problem: service === 'imessage' ? 'not-delivered' : 'calls-fail', clientId }
    : { service, kind, clientId };
const from = (address: string) => ({ 'x-forwarded-for': address });
const status = async (url: string, service: ServiceId): Promise<ServiceStatusDto> =>
  (await getJson<StatusResponse>(`${url}/v1/status`)).json.services[service];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

it('uses address space the dataset really gives to the providers the tests name', () => {
  const asn = (a: string) => loadProviderLookup().asnOf(parseAddress(a)!);
  for (let i = 0; i < 8 * PROVIDER_BLOCKS.length; i += 1) expect(asn(spreadNetwork(i))).toBe(PROVIDER_BLOCKS[i % 40]![0]);
  for (let i = 0; i < 3 * PROVIDER_BLOCKS.length; i += 1) expect(asn(spreadNetwork(i, 100))).toBe(PROVIDER_BLOCKS[i % 40]![0]);
  for (let i = 0; i < 150; i += 1) expect(asn(oneProviderNetwork(i))).toBe(ONE_PROVIDER_AS);
  expect([asn(IPV6_ONE_32(0)), asn(IPV6_ONE_32(200)), asn(COMCAST_V4(3))]).toEqual([COMCAST_AS, COMCAST_AS, COMCAST_AS]);
  for (const local of ['127.1.2.3', '10.1.2.3', '192.168.0.1', '::1']) expect(asn(local)).toBe(0);
});

describe.each(BACKENDS)('providers against the CLI on $name', (backend) => {
  it.skipIf(backend.skip !== null)(
    '"working" from 60 networks never hides 150 networks over 40 AS; 150 /24s of one AS are no outage; both survive a SIGKILL; no clientId is stored',
    async () => {
      const s = await backend.storage();
      cleanups.push(s.cleanup);
      const cli = await startCliOn(s, ['--trust-proxy', '127.0.0.1/32']);
      cleanups.push(() => cli.stop());
      const ids: string[] = [];
      const send = async (service: ServiceId, kind: 'problem' | 'working', address: string) => {
        const clientId = crypto.randomUUID();
        ids.push(clientId);
        expect((await post(cli.url, report(service, kind, clientId), from(address))).status).toBe(202);
      };

      // 60 networks over the 40 AS, 3 "working" each, then the crowd.
      await pool([...Array(180).keys()], 16, (i) => send('imessage', 'working', spreadNetwork(i % 60, 100)));
      await pool([...Array(150).keys()], 16, (i) => send('imessage', 'problem', spreadNetwork(i)));
      const im = await status(cli.url, 'imessage');
      expect(im).toMatchObject({ status: 'outage', networksInWindow: 150, countedNetworksInWindow: 150, providersInWindow: 40 });
      expect(im.workingNetworksInWindow).toBe(60);

      // One cloud provider's 150 /24s: 150 networks, one provider, a few count.
      await pool([...Array(150).keys()], 16, (i) => send('facetime', 'problem', oneProviderNetwork(i)));
      const ft = await status(cli.url, 'facetime');
      expect(ft.networksInWindow).toBe(150);
      expect(ft.providersInWindow).toBe(1);
      expect(ft.countedNetworksInWindow).toBeLessThanOrEqual(3);
      expect(ft.status).toBe('operational');
      expect((await status(cli.url, 'imessage')).status).toBe('outage');

      // Killed and started again on the same storage: the same crowd, providers and "working" networks (on PGlite the
      // provider deltas were never folded before the kill: the restart folds them).
      cli.child.kill('SIGKILL');
      await cli.exited;
      const again = await startCliOn(s, ['--trust-proxy', '127.0.0.1/32']);
      cleanups.push(() => again.stop());
      expect(await status(again.url, 'imessage')).toMatchObject({
        status: 'outage',
        networksInWindow: 150,
        countedNetworksInWindow: 150,
        providersInWindow: 40,
        workingNetworksInWindow: 60,
      });
      expect(await status(again.url, 'facetime')).toMatchObject({ status: 'operational', networksInWindow: 150, providersInWindow: 1 });
      expect(await again.stop()).toBe(0);

      if (s.options.dataDir) {
        const files = listFiles(s.options.dataDir);
        expect(files.length).toBeGreaterThan(10);
        const sample = ids.filter((_, i) => i % 12 === 0);
        for (const file of files) {
          const bytes = readFileSync(file);
          for (const id of sample) {
            expect(bytes.indexOf(id), `${id} as text in ${file}`).toBe(-1);
            expect(bytes.indexOf(Buffer.from(id.replace(/-/g, ''), 'hex')), `${id} as bytes in ${file}`).toBe(-1);
          }
        }
      }
      expect(await storedTextMatching(s.options, ids.slice(0, 40).join('|'))).toEqual([]);
    },
    240_000,
  );
});

describe('providers in process (PGlite, injected clock)', () => {
  async function start(clock: { t: number }, extra: Parameters<typeof startAggregator>[0] = {}) {
    const agg = await startOnTemplate({ rateLimit: false, trustProxy: ['127.0.0.1/32'], now: () => clock.t, ...extra });
    cleanups.push(() => agg.close());
    return agg;
  }

  it('counts a network once across midnight UTC, though its id changes with the day key', async () => {
    const clock = { t: Date.UTC(2026, 10, 19, 23, 57) };
    const agg = await start(clock);
    for (let i = 0; i < 30; i += 1) expect((await post(agg.url, report('imessage', 'problem'), from(spreadNetwork(i)))).status).toBe(202);
    expect((await status(agg.url, 'imessage')).networksInWindow).toBe(30);
    clock.t = Date.UTC(2026, 10, 20, 0, 3);
    for (let i = 0; i < 30; i += 1) expect((await post(agg.url, report('imessage', 'problem'), from(spreadNetwork(i)))).status).toBe(202);
    const after = await status(agg.url, 'imessage');
    expect(after.networksInWindow).toBe(30);
    expect(after.reportsInWindow).toBe(60);
    // New networks after midnight still count.
    for (let i = 30; i < 40; i += 1) await post(agg.url, report('imessage', 'problem'), from(spreadNetwork(i)));
    expect((await status(agg.url, 'imessage')).networksInWindow).toBe(40);
  });

  it('counts the /48s of one IPv6 /32 as a few networks; a dual-stack host is two networks of one provider', async () => {
    const clock = { t: Date.UTC(2026, 10, 19, 10, 1) };
    const agg = await start(clock);
    for (let i = 0; i < 40; i += 1) await post(agg.url, report('facetime', 'problem'), from(spreadNetwork(i)));
    for (let i = 0; i < 60; i += 1) expect((await post(agg.url, report('facetime', 'problem'), from(IPV6_ONE_32(i)))).status).toBe(202);
    const v6 = await status(agg.url, 'facetime');
    expect(v6).toMatchObject({ networksInWindow: 100, countedNetworksInWindow: 44, providersInWindow: 41 });
    // One host on both families (same clientId): its /24 and its /48 are two networks, but the same provider.
    const host = crypto.randomUUID();
    await post(agg.url, report('imessage', 'problem', host), from(COMCAST_V4(7)));
    await post(agg.url, report('imessage', 'problem', host), from(IPV6_ONE_32(900)));
    expect(await status(agg.url, 'imessage')).toMatchObject({ networksInWindow: 2, providersInWindow: 1 });
    expect(v6.topCountries?.[0]?.networks).toBeGreaterThan(0);
  });

  it('keeps seeing a 150-network outage after 19 networks posted the most the rules allow in that hour for four weeks', async () => {
    const t0 = Date.UTC(2026, 10, 19, 14);
    const clock = { t: t0 - HOUR };
    const agg = await start(clock);
    await status(agg.url, 'imessage');
    for (let week = 0; week < 4; week += 1) {
      for (let window = 0; window < 6; window += 1) {
        clock.t = t0 + week * WEEK + window * 600_000 + 1_000;
        // 19 networks (never 20: nothing fires), each at its claim's cap of 3 counted reports per window.
        await pool([...Array(57).keys()], 8, (i) => post(agg.url, report('imessage', 'problem'), from(spreadNetwork(i % 19, 200))));
        expect((await status(agg.url, 'imessage')).status).toBe('operational');
      }
      clock.t = t0 + week * WEEK + HOUR + 60_000; // the hour is over: its sample is taken
      await status(agg.url, 'imessage');
    }
    clock.t = t0 + 4 * WEEK + 1_000;
    const before = await status(agg.url, 'imessage');
    expect(before.baselinePerHour).toBeLessThanOrEqual(19);
    await pool([...Array(150).keys()], 16, (i) => post(agg.url, report('imessage', 'problem'), from(spreadNetwork(i))));
    expect((await status(agg.url, 'imessage')).status).toBe('outage');
  }, 120_000);

  it('refuses to start on a database set up with another deployment secret, saying why; makes a 0600 secret file', async () => {
    // Copies of the migrated template: no secret in them yet, so each start below sets one or checks it.
    const a = await freshAggregatorDataDir('agg-secret-a-');
    const b = await freshAggregatorDataDir('agg-secret-b-');
    cleanups.push(async () => [a, b].forEach((d) => rmSync(d, { recursive: true, force: true })));
    const first = await startAggregator({ dataDir: a });
    await first.close();
    expect(statSync(join(a, SECRET_FILE)).mode & 0o777).toBe(0o600);
    const again = await startAggregator({ dataDir: a });
    await again.close();
    await expect(startAggregator({ dataDir: a, secret: 'another-secret-of-32-characters!' })).rejects.toThrow(
      /different deployment secret.*AGGREGATOR_SECRET/,
    );
    const named = await startAggregator({ dataDir: b, secret: 'the-cluster-secret-0123456789abcdef' });
    await named.close();
    await expect(startAggregator({ dataDir: b, secret: 'the-cluster-secret-0123456789abcdeX' })).rejects.toThrow(
      /different deployment secret/,
    );
  }, 60_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}
