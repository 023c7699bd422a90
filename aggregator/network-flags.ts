// The CLI's network flags (and their environment variables): trusted proxies, CORS allow-list, prefix lengths, caps.
import { wholeNumber } from '../command-line/flags.ts';
import { TrustedProxies, splitList } from './http/client-address.ts';
import { checkCorsOrigins } from './http/http-io.ts';
import type { AggregatorOptions } from './server.ts';

export type NetworkFlags = Pick<AggregatorOptions, 'trustProxy' | 'corsOrigins' | 'ipv4Prefix' | 'ipv6Prefix' | 'maxConnections'>;

export const NETWORK_USAGE =
  '[--trust-proxy CIDR,…] [--cors-origin ORIGIN,…] [--ipv4-prefix 24] [--ipv6-prefix 48] [--max-connections 10000]';

/** Defaults from TRUST_PROXY and CORS_ORIGIN (comma-separated); flags override them. */
export function networkFlagsFromEnv(env: NodeJS.ProcessEnv): NetworkFlags {
  const out: NetworkFlags = {};
  if (env.TRUST_PROXY) out.trustProxy = checkProxies(splitList(env.TRUST_PROXY), 'TRUST_PROXY');
  if (env.CORS_ORIGIN) out.corsOrigins = checkCorsOrigins(splitList(env.CORS_ORIGIN));
  return out;
}

/** The network flags, for parseFlags (command-line/flags.ts). */
export const NETWORK_FLAGS = {
  'trust-proxy': { type: 'string' },
  'cors-origin': { type: 'string' },
  'ipv4-prefix': { type: 'string' },
  'ipv6-prefix': { type: 'string' },
  'max-connections': { type: 'string' },
} as const;

/** Applies the parsed network flags over `out` (the environment's defaults). Throws on a bad value. */
export function applyNetworkFlags(values: Partial<Record<keyof typeof NETWORK_FLAGS, string>>, out: NetworkFlags): NetworkFlags {
  if (values['trust-proxy'] !== undefined) out.trustProxy = checkProxies(splitList(values['trust-proxy']), '--trust-proxy');
  if (values['cors-origin'] !== undefined) out.corsOrigins = checkCorsOrigins(splitList(values['cors-origin']));
  if (values['ipv4-prefix'] !== undefined) out.ipv4Prefix = wholeNumber('--ipv4-prefix', values['ipv4-prefix'], 1, 32);
  if (values['ipv6-prefix'] !== undefined) out.ipv6Prefix = wholeNumber('--ipv6-prefix', values['ipv6-prefix'], 1, 128);
  if (values['max-connections'] !== undefined)
    out.maxConnections = wholeNumber('--max-connections', values['max-connections'], 1, 1_000_000);
  return out;
}

function checkProxies(cidrs: string[], what: string): string[] {
  try {
    new TrustedProxies(cidrs);
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return cidrs;
}
