// Where the probes go by default (Apple's real hosts) and how long they may take.
import type { ProbeTargets, ProbeTimings } from '../ports.ts';

/**
 * The numbered courier name devices dial. All "N-courier.push.apple.com" names are aliases of the same
 * load-balanced courier pool, so a fixed N tests exactly what a random one would, and keeps rounds comparable
 * and tests exact. Pick another N in the targets if ever needed.
 */
export const COURIER_HOST = '1-courier.push.apple.com';

/** Apple's hosts, from Apple's "Use Apple products on enterprise networks" and APNs troubleshooting articles. */
export const DEFAULT_TARGETS: ProbeTargets = {
  dnsHosts: [COURIER_HOST, 'init.ess.apple.com', 'identity.ess.apple.com'],
  dnsServers: [],
  apns: { host: COURIER_HOST, port5223: 5223, port443: 443 },
  idsUrl: 'https://init.ess.apple.com/WebObjects/VCInit.woa/wa/getBag?ix=3',
  // FaceTime's web endpoint (FaceTime links are served from it).
  facetimeUrl: 'https://facetime.apple.com/',
  captiveUrl: 'http://captive.apple.com/hotspot-detect.html',
  // Neutral connectivity checks; the last one is an IP address, so it still answers when DNS is broken.
  referenceUrls: [
    'http://connectivitycheck.gstatic.com/generate_204',
    'http://www.msftconnecttest.com/connecttest.txt',
    'https://1.1.1.1/cdn-cgi/trace',
  ],
  extraCa: [],
  // Apple's own intermediates, and the public CAs Apple's certificate-validation hosts list (DigiCert, Entrust).
  appleIssuers: ['Apple Inc.', 'DigiCert Inc', 'Entrust, Inc.'],
};

const MAX_TIMEOUT_MS = 10_000;
const MAX_SLOW_MS = 2_000;

/** Timings for a probe interval: timeout min(10 s, 0.8 × interval), always shorter than the interval; slow at half of it, at most 2 s. */
export function timingsForInterval(intervalMs: number): ProbeTimings {
  const interval = Number.isFinite(intervalMs) && intervalMs > 1 ? intervalMs : 1_000;
  const timeoutMs = Math.max(1, Math.min(MAX_TIMEOUT_MS, Math.floor(interval * 0.8)));
  return { timeoutMs, slowMs: Math.max(1, Math.min(MAX_SLOW_MS, Math.floor(timeoutMs / 2))) };
}

/** Timings at the default one-minute interval: 10 s timeout, 2 s slow threshold. */
export const DEFAULT_TIMINGS: ProbeTimings = timingsForInterval(60_000);
