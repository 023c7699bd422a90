// A whole probe round against the fake Apple world: concurrency, order, and never rejecting.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProbeRunner, PROBES } from '../../../main/engine/probes/round.ts';
import { stalledFailure } from '../../../main/engine/probe-rounds.ts';
import { CONNECTED_STATE, DISCONNECTED_STATE, fixedNetworkState, settableNetworkState } from '../../../main/engine/probes/network-state.ts';
import type { NetworkStateSource, ProbeTimings } from '../../../main/engine/ports.ts';
import { startAppleWorld, type AppleWorld } from '../../../lab/net/apple-world.ts';

// Generous where the probe must work: `ok` needs the answer within slowMs, and CI saw a loopback handshake take 400+ ms.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };
let world: AppleWorld;
beforeAll(async () => {
  world = await startAppleWorld();
});
afterAll(() => world.close());
afterEach(async () => {
  for (const e of ['apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet'] as const) await world.set(e, 'up');
});

const ids = PROBES.map(([id]) => id);

describe('probe round', () => {
  it('runs every probe and reports the network state, in a fixed order', async () => {
    const round = await createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE) })(world.targets, NORMAL);
    expect(round.results.map((r) => r.id)).toEqual(['dns', 'apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet']);
    expect(round.results.map((r) => r.outcome)).toEqual(ids.map(() => 'ok'));
    expect(round.network).toEqual(CONNECTED_STATE);
    expect(round.finishedAt).toBeGreaterThanOrEqual(round.startedAt);
  });

  it('stamps results with the injected clock', async () => {
    let t = 1_000_000;
    const round = await createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE), now: () => (t += 5) })(world.targets, NORMAL);
    expect(round.startedAt).toBe(1_000_005);
    for (const r of round.results) expect(r.at).toBeGreaterThan(round.startedAt);
    expect(round.finishedAt).toBeGreaterThan(Math.max(...round.results.map((r) => r.at)));
  });

  it('measures a stall of this process: an answer that came during it loses to the timeout, and the round says so', async () => {
    // A reference server that, once asked, holds this whole process for 700 ms (a busy main thread), then answers.
    const busy = createServer((_req, res) => {
      const until = performance.now() + 700;
      while (performance.now() < until);
      res.end('ok');
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const targets = { ...world.targets, referenceUrls: [`http://127.0.0.1:${port}/`] };
      const timings = { timeoutMs: 300, slowMs: 200 };
      const round = await createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE) })(targets, timings);
      expect(round.results.find((r) => r.id === 'internet')?.outcome).toBe('timeout');
      expect(round.stalledMs).toBeGreaterThanOrEqual(500);
      expect(stalledFailure(round, timings.timeoutMs)).toBe(true);
    } finally {
      busy.closeAllConnections();
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('returns the other results when one probe times out', async () => {
    await world.set('apns5223', 'timeout');
    // Generous: the others must finish inside it even with both cores busy (CI once saw a TLS handshake pass 400 ms).
    const timings = { timeoutMs: 2_500, slowMs: 2_000 };
    const round = await createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE) })(world.targets, timings);
    const byId = Object.fromEntries(round.results.map((r) => [r.id, r]));
    expect(byId.apns5223?.outcome).toBe('timeout');
    // The others work: `ok`, or `slow` when this shared machine is busy (slow still means the endpoint works).
    for (const id of ['apns443', 'ids', 'dns', 'internet']) expect(byId[id], id).toMatchObject({ ok: true });
    expect(round.results.length).toBe(7);
  });

  it('never rejects: unusable targets become error results', async () => {
    const run = createProbeRunner({ network: fixedNetworkState(CONNECTED_STATE) });
    const bad = await run({ ...world.targets, idsUrl: 'not a url', referenceUrls: ['ftp://nowhere'] }, NORMAL);
    expect(bad.results.find((r) => r.id === 'ids')).toMatchObject({ outcome: 'error', ok: false });
    expect(bad.results.find((r) => r.id === 'internet')).toMatchObject({ outcome: 'error', ok: false });
    const worse = await run({ ...world.targets, dnsServers: ['this is not a server'] }, NORMAL);
    expect(worse.results).toHaveLength(7);
    for (const r of worse.results) expect(r).toMatchObject({ outcome: 'error', ok: false });
  });

  it('survives a network source that rejects or hangs', async () => {
    const rejecting: NetworkStateSource = { read: () => Promise.reject(new Error('boom')) };
    const hanging: NetworkStateSource = { read: () => new Promise(() => undefined) };
    const timings = { timeoutMs: 300, slowMs: 200 };
    for (const network of [rejecting, hanging]) {
      const round = await createProbeRunner({ network })(world.targets, timings);
      expect(round.network.linkUp).toBe(true);
      expect(round.results).toHaveLength(7);
    }
  });

  it('still runs the probes when the source says there is no link', async () => {
    const network = settableNetworkState(CONNECTED_STATE);
    network.set(DISCONNECTED_STATE);
    await world.set('internet', 'refuse');
    const round = await createProbeRunner({ network })(world.targets, NORMAL);
    expect(round.network.linkUp).toBe(false);
    expect(round.results.find((r) => r.id === 'internet')?.outcome).toBe('refused');
  });
});
