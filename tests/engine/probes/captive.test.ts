// Captive-portal probe against real HTTP servers on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pageTitle, probeCaptive } from '../../../main/engine/probes/captive.ts';
import { createProbeContext } from '../../../main/engine/probes/context.ts';
import type { ProbeTargets, ProbeTimings } from '../../../main/engine/ports.ts';
import { startAppleWorld, type AppleWorld } from '../../../lab/net/apple-world.ts';

// Generous where the probe must work: `ok` needs the answer within slowMs on a busy CI machine.
const NORMAL: ProbeTimings = { timeoutMs: 5_000, slowMs: 4_000 };

let world: AppleWorld;
let redirector: Server;
beforeAll(async () => {
  world = await startAppleWorld();
  // A portal that redirects every request to its login page.
  redirector = createServer((_req, res) => res.writeHead(302, { location: 'http://login.portal.test/', connection: 'close' }).end());
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await world.close();
  await new Promise((resolve) => redirector.close(resolve));
});
afterEach(() => world.set('captive', 'up'));

const captive = (timings = NORMAL, targets: ProbeTargets = world.targets) => probeCaptive(createProbeContext(targets, timings));

describe('captive-portal probe', () => {
  it('is ok when the page is titled Success', async () => {
    expect(await captive()).toMatchObject({ id: 'captive', outcome: 'ok', ok: true, httpStatus: 200 });
  });

  it('is portal when another page comes back', async () => {
    await world.set('captive', 'portal');
    const r = await captive();
    expect(r).toMatchObject({ outcome: 'portal', ok: false, httpStatus: 200 });
    expect(r.detail).toContain('Guest Wi-Fi Login');
  });

  it('is portal when the request is redirected', async () => {
    const url = `http://captive.apple.com:${(redirector.address() as AddressInfo).port}/hotspot-detect.html`;
    const r = await captive(NORMAL, { ...world.targets, captiveUrl: url });
    expect(r).toMatchObject({ outcome: 'portal', httpStatus: 302 });
    expect(r.detail).toContain('login.portal.test');
  });

  it('is http-error on a server error, not portal', async () => {
    await world.set('captive', 'http-503');
    expect(await captive()).toMatchObject({ outcome: 'http-error', httpStatus: 503 });
  });

  it('is timeout, refused or reset like any connection', async () => {
    await world.set('captive', 'timeout');
    // Long enough for the name lookup before the hang: one that ran out first would read dns-error.
    expect((await captive({ timeoutMs: 1_500, slowMs: 1_000 })).outcome).toBe('timeout');
    await world.set('captive', 'refuse');
    expect((await captive()).outcome).toBe('refused');
    await world.set('captive', 'reset');
    expect((await captive()).outcome).toBe('reset');
  });
});

describe('pageTitle', () => {
  it('reads the first title, whatever its case and spacing', () => {
    expect(pageTitle('<HTML><HEAD><TITLE>Success</TITLE></HEAD></HTML>')).toBe('Success');
    expect(pageTitle('<title lang="en">\n  Log in \n</title>')).toBe('Log in');
    expect(pageTitle('no title here')).toBeNull();
  });
});
