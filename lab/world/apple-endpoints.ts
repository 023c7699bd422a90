// Stand-ins for Apple's endpoints (and a neutral reference host) on 127.0.0.1, under Apple's real host names
// served by the lab's DNS server, with certificates from the lab CA the engine is told to trust.
import type { ProbeTargets } from '../../main/engine/ports.ts';
import { testPki } from '../net/ca.ts';
import { startDnsServer, type TestDnsServer } from '../net/dns-server.ts';
import { startEndpoint, type TestEndpoint } from '../net/endpoint-server.ts';
import { ENDPOINT_PROTOCOL, ENDPOINT_SERVERS, type EndpointServer } from '../world-keys.ts';

const COURIER = '1-courier.push.apple.com';
const HOSTS: Record<EndpointServer, string[]> = {
  apns5223: [COURIER, 'courier.push.apple.com', '*.push.apple.com'],
  apns443: [COURIER, 'courier.push.apple.com', '*.push.apple.com'],
  ids: ['init.ess.apple.com', 'identity.ess.apple.com'],
  facetime: ['facetime.apple.com'],
  captive: ['captive.apple.com'],
  // Reached by name and by address, like the app's references (one is an IP so it answers when DNS is broken).
  internet: ['connectivitycheck.gstatic.com', '127.0.0.1'],
};

const BODIES: Partial<Record<EndpointServer, { body: string; contentType: string }>> = {
  captive: { body: '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>', contentType: 'text/html' },
  ids: {
    body: '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>bag</key><data>PGRpY3Q+PC9kaWN0Pg==</data></dict></plist>',
    contentType: 'text/xml',
  },
  facetime: { body: '<!DOCTYPE html><html><head><title>FaceTime</title></head><body></body></html>', contentType: 'text/html' },
  internet: { body: '', contentType: 'text/plain' },
};

export interface AppleEndpoints {
  dns: TestDnsServer;
  servers: Record<EndpointServer, TestEndpoint>;
  /** Where the engine's probes go, with the lab CA trusted and its organisation counted as Apple's. */
  targets: ProbeTargets;
  close(): Promise<void>;
}

/** Starts the DNS server and one endpoint per probe target. */
export async function startAppleEndpoints(): Promise<AppleEndpoints> {
  const pki = testPki();
  const dns = await startDnsServer({
    records: { '*.apple.com': '127.0.0.1', 'connectivitycheck.gstatic.com': '127.0.0.1' },
  });
  const started: TestEndpoint[] = [];
  try {
    const entries = await Promise.all(
      ENDPOINT_SERVERS.map(async (name) => {
        const endpoint = await startEndpoint({ protocol: ENDPOINT_PROTOCOL[name], hosts: HOSTS[name], pki, ...BODIES[name] });
        started.push(endpoint);
        return [name, endpoint] as const;
      }),
    );
    const servers = Object.fromEntries(entries) as Record<EndpointServer, TestEndpoint>;
    const targets: ProbeTargets = {
      dnsHosts: [COURIER, 'init.ess.apple.com', 'identity.ess.apple.com'],
      dnsServers: [dns.address],
      apns: { host: COURIER, port5223: servers.apns5223.port, port443: servers.apns443.port },
      idsUrl: servers.ids.url('/WebObjects/VCInit.woa/wa/getBag?ix=3', 'init.ess.apple.com'),
      facetimeUrl: servers.facetime.url('/', 'facetime.apple.com'),
      captiveUrl: servers.captive.url('/hotspot-detect.html', 'captive.apple.com'),
      referenceUrls: [
        servers.internet.url('/generate_204', 'connectivitycheck.gstatic.com'),
        servers.internet.url('/cdn-cgi/trace', '127.0.0.1'),
      ],
      extraCa: [pki.trusted.certPem, pki.interceptor.certPem],
      appleIssuers: [pki.trusted.organisation],
    };
    const close = async (): Promise<void> => {
      await Promise.all([...started.map((e) => e.close()), dns.close()]);
    };
    return { dns, servers, targets, close };
  } catch (error) {
    await Promise.all([...started.map((e) => e.close()), dns.close()]);
    throw error;
  }
}
