// Push courier probes against real TLS listeners on loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeApns443, probeApns5223 } from '../../../main/engine/probes/apns.ts';
import { createProbeContext } from '../../../main/engine/probes/context.ts';
import { probeIds } from '../../../main/engine/probes/ids.ts';
import type { ProbeTargets, ProbeTimings } from '../../../main/engine/ports.ts';
import { testPki } from '../../../lab/net/ca.ts';
import { startAppleWorld, type AppleWorld } from '../../../lab/net/apple-world.ts';
import { startEndpoint } from '../../../lab/net/endpoint-server.ts';

// Generous where the probe must work: `ok` needs the handshake within slowMs, and CI saw one take 400+ ms.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };
// For a handshake that never completes; the name lookup and TCP connect before it must still finish inside it.
const SHORT: ProbeTimings = { timeoutMs: 1_500, slowMs: 1_000 };

let world: AppleWorld;
beforeAll(async () => {
  world = await startAppleWorld();
});
afterAll(() => world.close());
afterEach(async () => {
  await world.set('apns5223', 'up');
  await world.set('apns443', 'up');
  await world.set('ids', 'up');
});

const run5223 = (timings = NORMAL, targets: ProbeTargets = world.targets) => probeApns5223(createProbeContext(targets, timings));

describe('push courier probe', () => {
  it('is ok after a TLS handshake with a trusted Apple-issued certificate, and records connect time', async () => {
    const r = await run5223();
    expect(r).toMatchObject({
      id: 'apns5223',
      outcome: 'ok',
      ok: true,
      target: `${world.targets.apns.host}:${world.endpoints.apns5223.port}`,
    });
    expect(r.connectMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(r.connectMs ?? 0);
    expect(r.tlsIssuer).toContain(testPki().trusted.organisation);
    expect(r.detail).not.toContain('not negotiated');
  });

  it('probes 443 separately from 5223', async () => {
    await world.set('apns5223', 'refuse');
    const ctx = createProbeContext(world.targets, NORMAL);
    const [a, b] = await Promise.all([probeApns5223(ctx), probeApns443(ctx)]);
    expect(a.outcome).toBe('refused');
    expect(b).toMatchObject({ id: 'apns443', outcome: 'ok' });
  });

  it('notes a handshake without ALPN, and fails one whose server refuses the courier protocol', async () => {
    const silent = await startEndpoint({ protocol: 'tcp-tls', hosts: ['*.push.apple.com'], alpn: [] });
    const other = await startEndpoint({ protocol: 'tcp-tls', hosts: ['*.push.apple.com'], alpn: ['http/1.1'] });
    try {
      const at = (port: number) => run5223(NORMAL, { ...world.targets, apns: { ...world.targets.apns, port5223: port } });
      const r = await at(silent.port);
      expect(r.outcome).toBe('ok');
      expect(r.detail).toContain('courier protocol not negotiated');
      const refused = await at(other.port);
      expect(refused.outcome).toBe('tls-error');
      expect(refused.detail).toContain('NO_APPLICATION_PROTOCOL');
    } finally {
      await silent.close();
      await other.close();
    }
  });

  it('is slow when the handshake takes longer than slowMs', async () => {
    await world.set('apns5223', 'slow-250');
    const r = await run5223({ timeoutMs: 5_000, slowMs: 100 });
    expect(r).toMatchObject({ outcome: 'slow', ok: true });
    expect(r.latencyMs).toBeGreaterThan(100);
  });

  it('is refused when nothing listens', async () => {
    await world.set('apns5223', 'refuse');
    expect(await run5223()).toMatchObject({ outcome: 'refused', ok: false });
  });

  it('times out when the connection is accepted but the handshake never completes', async () => {
    await world.set('apns5223', 'timeout');
    const r = await run5223(SHORT);
    expect(r).toMatchObject({ outcome: 'timeout', ok: false });
    expect(r.detail).toContain('TLS handshake');
    expect(r.connectMs).toBeUndefined();
  });

  it('is reset when the server resets the connection', async () => {
    await world.set('apns5223', 'reset');
    expect(await run5223()).toMatchObject({ outcome: 'reset', ok: false });
  });

  it('is tls-error for a certificate that does not validate', async () => {
    await world.set('apns5223', 'tls-bad');
    const r = await run5223();
    expect(r).toMatchObject({ outcome: 'tls-error', ok: false });
    expect(r.tlsIssuer).toContain(testPki().untrusted.organisation);
  });

  it('is tls-intercepted for a valid certificate from a non-Apple issuer', async () => {
    await world.set('apns5223', 'tls-intercepted');
    const r = await run5223();
    expect(r).toMatchObject({ outcome: 'tls-intercepted', ok: false });
    expect(r.detail).toContain('inspects TLS');
  });

  it("accepts an Apple-issued chain Node's roots cannot complete, on the courier only", async () => {
    // Stand-in for Apple's private root: the untrusted CA, declared as an Apple issuer.
    await world.set('apns5223', 'tls-bad');
    await world.set('ids', 'tls-bad');
    const targets = { ...world.targets, appleIssuers: [testPki().untrusted.organisation] };
    const courier = await run5223(NORMAL, targets);
    expect(courier.outcome).toBe('ok');
    expect(courier.detail).toContain('private root');
    const ids = await probeIds(createProbeContext(targets, NORMAL));
    expect(ids.outcome).toBe('tls-error');
  });

  it('checks the numbered courier name against the un-numbered certificate name', async () => {
    const plain = await startEndpoint({ protocol: 'tcp-tls', hosts: ['courier.push.apple.com'] });
    try {
      const apns = { host: '17-courier.push.apple.com', port5223: plain.port, port443: plain.port };
      expect((await run5223(NORMAL, { ...world.targets, apns })).outcome).toBe('ok');
      const wrong = { ...apns, host: 'init.ess.apple.com' };
      const r = await run5223(NORMAL, { ...world.targets, apns: wrong });
      expect(r.outcome).toBe('tls-error');
      expect(r.detail).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await plain.close();
    }
  });

  it('is dns-error when the courier name does not resolve', async () => {
    const apns = { ...world.targets.apns, host: 'nowhere.invalid' };
    const r = await run5223(NORMAL, { ...world.targets, apns });
    expect(r).toMatchObject({ outcome: 'dns-error', ok: false });
    expect(r.detail).toContain('no such name');
  });
});
