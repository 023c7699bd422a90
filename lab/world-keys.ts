// The vocabulary of a scenario's world, as CONTRACT.md lists it: keys, endpoints, behaviours, expectation words.
import type { LocalVerdictKind, ServiceId, ServiceState } from '../contracts/status.ts';

export const SERVICES: readonly ServiceId[] = ['imessage', 'facetime'];

/** Endpoint names a scenario may set; `apns` means both push ports. */
export const ENDPOINT_KEYS = ['apns', 'apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet'] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

/** The servers the world actually runs (`apns` fans out to both ports). */
export const ENDPOINT_SERVERS = ['apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet'] as const;
export type EndpointServer = (typeof ENDPOINT_SERVERS)[number];

export type Protocol = 'tcp-tls' | 'https' | 'http';
export const ENDPOINT_PROTOCOL: Record<EndpointServer, Protocol> = {
  apns5223: 'tcp-tls',
  apns443: 'tcp-tls',
  ids: 'https',
  facetime: 'https',
  captive: 'http',
  internet: 'https',
};

/** A behaviour as written in a scenario: `up`, `refuse`, ..., `slow-1500`. */
// `tls-intercepted` is the lab's extension (README.md): a valid chain from a trusted CA that is not Apple's.
export type Behaviour = 'up' | 'refuse' | 'timeout' | 'reset' | 'http-503' | 'tls-bad' | 'tls-intercepted' | 'portal' | `slow-${number}`;
const FIXED_BEHAVIOURS = ['up', 'refuse', 'timeout', 'reset', 'http-503', 'tls-bad', 'tls-intercepted', 'portal'] as const;

/** Parses a behaviour word; returns an error sentence when it is not one, or does not apply to that endpoint. */
export function checkBehaviour(endpoint: EndpointKey, value: unknown): string | null {
  if (typeof value !== 'string') return `behaviour must be a string, got ${describe(value)}`;
  const slow = /^slow-(\d+)$/.exec(value);
  if (slow) {
    const ms = Number(slow[1]);
    return ms >= 1 && ms <= 600_000 ? null : `"${value}": slow-N needs 1 ≤ N ≤ 600000 ms`;
  }
  if (value.startsWith('slow')) return `"${value}": write slow-N with N in ms, e.g. slow-1500`;
  if (!(FIXED_BEHAVIOURS as readonly string[]).includes(value)) {
    return `unknown behaviour "${value}" (expected one of ${FIXED_BEHAVIOURS.join(', ')}, slow-N)`;
  }
  const servers = endpointServers(endpoint);
  if (value === 'portal' && endpoint !== 'captive') return `"portal" applies to the captive endpoint only`;
  if (value === 'http-503' && servers.some((s) => ENDPOINT_PROTOCOL[s] === 'tcp-tls')) {
    return `"http-503" applies to HTTP(S) endpoints only, not the push courier`;
  }
  if ((value === 'tls-bad' || value === 'tls-intercepted') && servers.some((s) => ENDPOINT_PROTOCOL[s] === 'http')) {
    return `"${value}" applies to TLS endpoints only, not plain-HTTP ${endpoint}`;
  }
  return null;
}

/** The servers one scenario endpoint key stands for. */
export function endpointServers(endpoint: EndpointKey): EndpointServer[] {
  return endpoint === 'apns' ? ['apns5223', 'apns443'] : [endpoint];
}

export const OFFICIAL_STATES = ['ok', 'issue', 'outage', 'maintenance'] as const;
export const FEED_MODES = ['ok', 'down', 'garbage'] as const;
export const UP_DOWN = ['up', 'down'] as const;
export const DNS_MODES = ['ok', 'fail'] as const;

export const NOTIFICATION_KINDS = ['down', 'recovered'] as const;
export const LOCAL_VERDICTS: readonly LocalVerdictKind[] = ['online', 'offline', 'captive', 'dns', 'limited', 'unknown'];
export const SERVICE_STATES: readonly ServiceState[] = ['operational', 'degraded', 'outage', 'unknown'];

/** Short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}
