// A whole fake Apple world on loopback: a DNS server mapping Apple's names to 127.0.0.1 and one endpoint per probe.
// Tests, the bench and the lab start it, point ProbeTargets at it, and switch behaviours at run time.
import type { ProbeTargets } from '../../main/engine/ports.ts';
import { testPki } from './ca.ts';
import { startDnsServer, type TestDnsServer } from './dns-server.ts';
import { startEndpoint, type EndpointBehaviour, type TestEndpoint } from './endpoint-server.ts';

export const CAPTIVE_SUCCESS_PAGE = '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>';
export const IDS_BAG_PLIST =
  '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>bag</key><data>PGRpY3Q+PC9kaWN0Pg==</data></dict></plist>\n';

/** Host names the world answers; the names match Apple's so SNI and certificates look like the real thing. */
export const WORLD_HOSTS = {
  courier: '1-courier.push.apple.com',
  ids: 'init.ess.apple.com',
  identity: 'identity.ess.apple.com',
  facetime: 'facetime.apple.com',
  captive: 'captive.apple.com',
  reference: 'reference.example.net',
} as const;

export type WorldEndpoint = 'apns5223' | 'apns443' | 'ids' | 'facetime' | 'captive' | 'internet';

export interface AppleWorld {
  dns: TestDnsServer;
  endpoints: Record<WorldEndpoint, TestEndpoint>;
  /** Targets pointing at this world: its DNS server, its ports, its trusted CAs, its issuer organisation. */
  targets: ProbeTargets;
  set(endpoint: WorldEndpoint, behaviour: EndpointBehaviour): Promise<void>;
  close(): Promise<void>;
}

/** Starts the DNS server and six endpoints (all healthy) on 127.0.0.1. */
export async function startAppleWorld(): Promise<AppleWorld> {
  const pki = testPki();
  const dns = await startDnsServer({
    records: {
      '*.push.apple.com': '127.0.0.1',
      '*.ess.apple.com': '127.0.0.1',
      '*.apple.com': '127.0.0.1',
      [WORLD_HOSTS.reference]: '127.0.0.1',
    },
  });
  const started: Partial<Record<WorldEndpoint, TestEndpoint>> = {};
  try {
    const courierHosts = ['courier.push.apple.com', '*.push.apple.com'];
    started.apns5223 = await startEndpoint({ protocol: 'tcp-tls', hosts: courierHosts, pki });
    started.apns443 = await startEndpoint({ protocol: 'tcp-tls', hosts: courierHosts, pki });
    started.ids = await startEndpoint({
      protocol: 'https',
      hosts: [WORLD_HOSTS.ids],
      pki,
      body: IDS_BAG_PLIST,
      contentType: 'application/xml',
    });
    started.facetime = await startEndpoint({
      protocol: 'https',
      hosts: [WORLD_HOSTS.facetime],
      pki,
      body: '<html><title>FaceTime</title></html>',
      contentType: 'text/html',
    });
    started.captive = await startEndpoint({ protocol: 'http', pki, body: CAPTIVE_SUCCESS_PAGE, contentType: 'text/html' });
    started.internet = await startEndpoint({ protocol: 'https', hosts: [WORLD_HOSTS.reference], pki, body: 'ok' });
  } catch (error) {
    await Promise.all(Object.values(started).map((e) => e.close()));
    await dns.close();
    throw error;
  }
  const endpoints = started as Record<WorldEndpoint, TestEndpoint>;
  const targets: ProbeTargets = {
    dnsHosts: [WORLD_HOSTS.courier, WORLD_HOSTS.ids, WORLD_HOSTS.identity],
    dnsServers: [dns.address],
    apns: { host: WORLD_HOSTS.courier, port5223: endpoints.apns5223.port, port443: endpoints.apns443.port },
    idsUrl: endpoints.ids.url('/WebObjects/VCInit.woa/wa/getBag?ix=3', WORLD_HOSTS.ids),
    facetimeUrl: endpoints.facetime.url('/', WORLD_HOSTS.facetime),
    captiveUrl: endpoints.captive.url('/hotspot-detect.html', WORLD_HOSTS.captive),
    referenceUrls: [endpoints.internet.url('/', WORLD_HOSTS.reference)],
    extraCa: [pki.trusted.certPem, pki.interceptor.certPem],
    appleIssuers: [pki.trusted.organisation],
  };
  return {
    dns,
    endpoints,
    targets,
    set: (endpoint, behaviour) => endpoints[endpoint].setBehaviour(behaviour),
    close: async () => {
      await Promise.all(Object.values(endpoints).map((e) => e.close()));
      await dns.close();
    },
  };
}
