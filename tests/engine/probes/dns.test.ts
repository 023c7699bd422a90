// DNS probe and the resolver every probe connects through, against a real UDP DNS server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createResolver, DnsLookupError } from '../../../main/engine/net/resolver.ts';
import { probeApns5223 } from '../../../main/engine/probes/apns.ts';
import { createProbeContext } from '../../../main/engine/probes/context.ts';
import { probeDns } from '../../../main/engine/probes/dns.ts';
import type { ProbeTargets, ProbeTimings } from '../../../main/engine/ports.ts';
import { startAppleWorld, type AppleWorld } from '../../../lab/net/apple-world.ts';

// Generous where the probe must work: `ok` needs every answer within slowMs on a busy CI machine.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };
let world: AppleWorld;
beforeAll(async () => {
  world = await startAppleWorld();
});
afterAll(() => world.close());
afterEach(() => world.dns.setMode('ok'));

const dns = (targets: ProbeTargets = world.targets, timings = NORMAL) => probeDns(createProbeContext(targets, timings));

describe('DNS probe', () => {
  it('resolves every host through the configured server', async () => {
    const before = world.dns.queries;
    const r = await dns();
    expect(r).toMatchObject({ id: 'dns', outcome: 'ok', ok: true });
    expect(r.target).toContain(world.dns.address);
    expect(world.dns.queries - before).toBeGreaterThanOrEqual(world.targets.dnsHosts.length);
  });

  it('is dns-error when the server answers SERVFAIL', async () => {
    world.dns.setMode('servfail');
    const r = await dns();
    expect(r).toMatchObject({ outcome: 'dns-error', ok: false });
    expect(r.detail).toContain('DNS server failure');
  });

  it('is dns-error naming the host that does not exist (NXDOMAIN)', async () => {
    const r = await dns({ ...world.targets, dnsHosts: [...world.targets.dnsHosts, 'missing.example.invalid'] });
    expect(r.outcome).toBe('dns-error');
    expect(r.detail).toContain('1 of 4');
    expect(r.detail).toContain('missing.example.invalid: no such name');
  });

  it('is dns-error within the timeout when the server never answers', async () => {
    world.dns.setMode('drop');
    const r = await dns(world.targets, { timeoutMs: 300, slowMs: 200 });
    expect(r.outcome).toBe('dns-error');
    expect(r.latencyMs).toBeLessThan(3000);
  });

  it('makes connection probes report dns-error, not refused, when resolution fails', async () => {
    world.dns.setMode('servfail');
    expect((await probeApns5223(createProbeContext(world.targets, NORMAL))).outcome).toBe('dns-error');
  });
});

describe('resolver', () => {
  it('serves net.connect-style lookups, single and all', async () => {
    const resolver = createResolver([world.dns.address], 5_000); // each query's limit: these must answer
    const one = await new Promise<[string, number | undefined]>((resolve, reject) =>
      resolver.lookup('init.ess.apple.com', {}, (err, address, family) => (err ? reject(err) : resolve([address as string, family]))),
    );
    expect(one).toEqual(['127.0.0.1', 4]);
    const all = await new Promise<unknown>((resolve, reject) =>
      resolver.lookup('init.ess.apple.com', { all: true }, (err, address) => (err ? reject(err) : resolve(address))),
    );
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('rejects with a typed error carrying the code', async () => {
    const resolver = createResolver([world.dns.address], 5_000); // each query's limit: these must answer
    const error = await resolver.resolve('nothing.example.invalid').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsLookupError);
    expect((error as DnsLookupError).code).toBe('ENOTFOUND');
  });

  it('maps a name to an address with no route: the connection probe says unreachable', async () => {
    // Linux refuses to connect to the broadcast address with ENETUNREACH, a deterministic "no route".
    world.dns.setRecord('blackhole.push.apple.com', '255.255.255.255');
    try {
      const targets = { ...world.targets, apns: { ...world.targets.apns, host: 'blackhole.push.apple.com' } };
      const r = await probeApns5223(createProbeContext(targets, NORMAL));
      expect(r).toMatchObject({ outcome: 'unreachable', ok: false });
    } finally {
      world.dns.removeRecord('blackhole.push.apple.com');
    }
  });
});
