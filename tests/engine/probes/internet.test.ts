// Neutral reference probe: any HTTP answer from any reference host, first one wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProbeContext } from '../../../main/engine/probes/context.ts';
import { probeInternet } from '../../../main/engine/probes/internet.ts';
import type { ProbeTargets, ProbeTimings } from '../../../main/engine/ports.ts';
import { testPki } from '../../../lab/net/ca.ts';
import { startEndpoint, type TestEndpoint } from '../../../lab/net/endpoint-server.ts';

// Generous where the probe must work: `ok` needs the answer within slowMs on a busy CI machine.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };
let healthy: TestEndpoint;
let refusing: TestEndpoint;
let hanging: TestEndpoint;
let failing: TestEndpoint;

beforeAll(async () => {
  healthy = await startEndpoint({ protocol: 'https', body: 'ok' });
  refusing = await startEndpoint({ protocol: 'http', behaviour: 'refuse' });
  hanging = await startEndpoint({ protocol: 'http', behaviour: 'timeout' });
  failing = await startEndpoint({ protocol: 'http', behaviour: 'http-503' });
});
afterAll(async () => {
  await Promise.all([healthy, refusing, hanging, failing].map((e) => e.close()));
});

const targets = (referenceUrls: string[]): ProbeTargets => ({
  dnsHosts: [],
  dnsServers: [],
  apns: { host: '127.0.0.1', port5223: 1, port443: 1 },
  idsUrl: '',
  facetimeUrl: '',
  captiveUrl: '',
  referenceUrls,
  extraCa: [testPki().trusted.certPem],
  appleIssuers: [],
});
const internet = (urls: string[], timings = NORMAL) => probeInternet(createProbeContext(targets(urls), timings));

describe('internet reference probe', () => {
  it('is ok when one host answers while another refuses, and names the one that answered', async () => {
    const r = await internet([refusing.url(), healthy.url()]);
    expect(r).toMatchObject({ id: 'internet', outcome: 'ok', ok: true, httpStatus: 200, target: `127.0.0.1:${healthy.port}` });
  });

  it('does not wait for a hanging host once another answered', async () => {
    const r = await internet([hanging.url(), healthy.url()], { timeoutMs: 5000, slowMs: 4000 });
    expect(r.outcome).toBe('ok');
    expect(r.latencyMs).toBeLessThan(5000);
  });

  it('counts any HTTP answer, even an error status, as reachable', async () => {
    expect(await internet([failing.url()])).toMatchObject({ outcome: 'ok', httpStatus: 503 });
  });

  it('fails with the common outcome when no host answers', async () => {
    const r = await internet([refusing.url(), refusing.url('/other')]);
    expect(r).toMatchObject({ outcome: 'refused', ok: false });
    expect(r.detail).toContain('no reference host answered');
  });

  it('times out when every host hangs', async () => {
    expect((await internet([hanging.url()], { timeoutMs: 300, slowMs: 200 })).outcome).toBe('timeout');
  });

  it('is error, not a throw, with no reference configured', async () => {
    expect(await internet([])).toMatchObject({ outcome: 'error', ok: false });
  });
});
