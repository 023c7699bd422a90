// The CLI's network flags (and their environment variables): trusted proxies, CORS allow-list, prefix lengths, caps.
import { TrustedProxies, splitList } from './clientAddress.ts';
import { checkCorsOrigins } from './httpIo.ts';
import type { AggregatorOptions } from './server.ts';

export type NetworkFlags = Pick<AggregatorOptions, 'trustProxy' | 'corsOrigins' | 'ipv4Prefix' | 'ipv6Prefix' | 'maxConnections'>;

export const NETWORK_USAGE = '[--trust-proxy CIDR,…] [--cors-origin ORIGIN,…] [--ipv4-prefix 24] [--ipv6-prefix 48] [--max-connections 10000]';

/** Defaults from TRUST_PROXY and CORS_ORIGIN (comma-separated); flags override them. */
export function networkFlagsFromEnv(env: NodeJS.ProcessEnv): NetworkFlags {
  const out: NetworkFlags = {};
  if (env.TRUST_PROXY) out.trustProxy = checkProxies(splitList(env.TRUST_PROXY), 'TRUST_PROXY');
  if (env.CORS_ORIGIN) out.corsOrigins = checkCorsOrigins(splitList(env.CORS_ORIGIN));
  return out;
}

/** Applies one network flag to `out`; false when `flag` is not one of them. Throws on a bad value. */
export function takeNetworkFlag(flag: string, value: () => string, out: NetworkFlags): boolean {
  if (flag === '--trust-proxy') out.trustProxy = checkProxies(splitList(value()), flag);
  else if (flag === '--cors-origin') out.corsOrigins = checkCorsOrigins(splitList(value()));
  else if (flag === '--ipv4-prefix') out.ipv4Prefix = integer(flag, value(), 1, 32);
  else if (flag === '--ipv6-prefix') out.ipv6Prefix = integer(flag, value(), 1, 128);
  else if (flag === '--max-connections') out.maxConnections = integer(flag, value(), 1, 1_000_000);
  else return false;
  return true;
}

function checkProxies(cidrs: string[], what: string): string[] {
  try {
    new TrustedProxies(cidrs);
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return cidrs;
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const v = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(v >= min && v <= max)) throw new Error(`${flag} must be an integer from ${min} to ${max}`);
  return v;
}
