// The network a request comes from (its id), for the report and stream routes.
import type { Sender, TrustedProxies } from './client-address.ts';
import { clientAddress } from './client-address.ts';
import type { NetworkIds, ReportNetwork } from '../intake/network-ids.ts';
import { networkPrefix } from './ip-address.ts';

export interface NetworkContext {
  trustedProxies: TrustedProxies;
  networks: NetworkIds;
  /** What one network is: IPv4 and IPv6 prefix lengths. */
  prefixBits: { ipv4: number; ipv6: number };
  log: (line: string) => void;
}

/**
 * The sender's network prefix as text (memory only, never stored): for counts that must outlive the day's salt, such
 * as open streams. Null when the peer is already gone.
 */
export function requestPrefix(ctx: NetworkContext, req: Sender): string | null {
  const address = clientAddress(req, ctx.trustedProxies);
  return address ? networkPrefix(address, ctx.prefixBits.ipv4, ctx.prefixBits.ipv6) : null;
}

/** The sender's network (its id and provider), or null when the peer is already gone; day keys derive in memory. */
export function networkOf(ctx: NetworkContext, req: Sender): ReportNetwork | null {
  const remote = req.socket.remoteAddress;
  // Without trusted proxies the socket address is the client: a repeat sender costs one map lookup.
  const direct = ctx.trustedProxies.size === 0 && remote !== undefined;
  const known = direct ? ctx.networks.cached(remote) : undefined;
  if (known !== undefined) return known;
  const address = clientAddress(req, ctx.trustedProxies);
  if (!address) return null;
  return direct ? ctx.networks.idFor(address, remote) : ctx.networks.idFor(address);
}
