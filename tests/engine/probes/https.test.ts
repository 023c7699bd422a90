// Identity services and FaceTime HTTPS probes against real HTTPS servers on loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProbeContext } from '../../../main/engine/probes/context.ts';
import { probeFacetime } from '../../../main/engine/probes/facetime.ts';
import { probeIds } from '../../../main/engine/probes/ids.ts';
import type { ProbeTargets, ProbeTimings } from '../../../main/engine/ports.ts';
import { testPki } from '../../../lab/net/ca.ts';
import { startAppleWorld, type AppleWorld } from '../../../lab/net/apple-world.ts';

// Generous where the probe must work: `ok` needs the answer within slowMs, and CI saw a loopback handshake take 400+ ms.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };
// For a server that never answers; the name lookup and handshake before it must still finish inside it.
const SHORT: ProbeTimings = { timeoutMs: 1_500, slowMs: 1_000 };

let world: AppleWorld;
beforeAll(async () => {
  world = await startAppleWorld();
});
afterAll(() => world.close());
afterEach(async () => {
  await world.set('ids', 'up');
  await world.set('facetime', 'up');
});

const ids = (timings = NORMAL, targets: ProbeTargets = world.targets) => probeIds(createProbeContext(targets, timings));

describe('identity services probe', () => {
  it('is ok with status, issuer and connect time when the bag answers', async () => {
    const r = await ids();
    expect(r).toMatchObject({
      id: 'ids',
      outcome: 'ok',
      ok: true,
      httpStatus: 200,
      target: `init.ess.apple.com:${world.endpoints.ids.port}`,
    });
    expect(r.tlsIssuer).toContain(testPki().trusted.organisation);
    expect(r.connectMs).toBeGreaterThanOrEqual(0);
  });

  it('is http-error on a 503', async () => {
    await world.set('ids', 'http-503');
    expect(await ids()).toMatchObject({ outcome: 'http-error', ok: false, httpStatus: 503 });
  });

  it('is slow when the answer comes after slowMs', async () => {
    await world.set('ids', 'slow-250');
    expect(await ids({ timeoutMs: 5_000, slowMs: 100 })).toMatchObject({ outcome: 'slow', ok: true, httpStatus: 200 });
  });

  it('is timeout when the server accepts and never answers', async () => {
    await world.set('ids', 'timeout');
    const r = await ids(SHORT);
    expect(r).toMatchObject({ outcome: 'timeout', ok: false });
    expect(r.latencyMs).toBeLessThan(SHORT.timeoutMs * 3);
  });

  it('is timeout when the handshake completes but the answer never comes', async () => {
    await world.set('ids', 'slow-2000');
    const r = await ids(SHORT);
    expect(r.outcome).toBe('timeout');
    expect(r.detail).toContain('waiting for the answer');
  });

  it('is refused when the port is closed, and ok again once it re-opens', async () => {
    await world.set('ids', 'refuse');
    expect((await ids()).outcome).toBe('refused');
    await world.set('ids', 'up');
    expect((await ids()).outcome).toBe('ok');
  });

  it('is reset when the server resets', async () => {
    await world.set('ids', 'reset');
    expect((await ids()).outcome).toBe('reset');
  });

  it('is tls-error for an untrusted certificate, without sending the request', async () => {
    await world.set('ids', 'tls-bad');
    const r = await ids();
    expect(r).toMatchObject({ outcome: 'tls-error', ok: false });
    expect(r.httpStatus).toBeUndefined();
    expect(r.tlsIssuer).toContain(testPki().untrusted.organisation);
  });

  it('is tls-intercepted for a trusted certificate from a non-Apple issuer', async () => {
    await world.set('ids', 'tls-intercepted');
    const r = await ids();
    expect(r).toMatchObject({ outcome: 'tls-intercepted', ok: false });
    expect(r.tlsIssuer).toContain(testPki().interceptor.organisation);
  });

  it('is tls-error when the certificate names another host', async () => {
    const url = world.targets.idsUrl.replace('init.ess.apple.com', 'identity.ess.apple.com');
    const r = await ids(NORMAL, { ...world.targets, idsUrl: url });
    expect(r.outcome).toBe('tls-error');
    expect(r.detail).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('is dns-error when the DNS server fails', async () => {
    world.dns.setMode('servfail');
    try {
      const r = await ids();
      expect(r.outcome).toBe('dns-error');
      expect(r.detail).toContain('DNS server failure');
    } finally {
      world.dns.setMode('ok');
    }
  });
});

describe('FaceTime probe', () => {
  it('is ok when the endpoint answers, http-error on 503', async () => {
    const ctx = () => createProbeContext(world.targets, NORMAL);
    expect(await probeFacetime(ctx())).toMatchObject({ id: 'facetime', outcome: 'ok', httpStatus: 200 });
    await world.set('facetime', 'http-503');
    expect(await probeFacetime(ctx())).toMatchObject({ id: 'facetime', outcome: 'http-error', httpStatus: 503 });
  });
});
