// Fair connections: one network (IPv4 /24, IPv6 /48 of the TCP peer) may hold at most `perNetwork` open connections,
// so a single host can't take the node's slots from everyone else. Counts are exact — added on accept, taken back on
// close — and keyed by the prefix itself (memory only, never stored), so they don't reset when the day's network-id
// salt changes. Trusted proxies carry everyone's traffic and are not capped here (their clients are, per request).
import type { Socket } from 'node:net';
import type { TrustedProxies } from './client-address.ts';
import { networkPrefix, parseAddress } from './ip-address.ts';

export interface ConnectionGateOptions {
  perNetwork: number;
  /** A connection with no traffic for this long is closed (streams switch it off: they have heartbeats). */
  idleMs: number;
  ipv4Prefix: number;
  ipv6Prefix: number;
  trustedProxies: TrustedProxies;
}

/** Admits or refuses each new TCP connection by its network's open count. */
export class ConnectionGate {
  /** Open connections per network prefix; an entry exists only while it is above 0 (bounded by open connections). */
  private readonly open = new Map<string, number>();
  refused = 0;

  constructor(private readonly opts: ConnectionGateOptions) {}

  /** For the server's 'connection' event: counts the socket, or destroys it when its network is full. */
  admit(socket: Socket): void {
    socket.setTimeout(this.opts.idleMs, onIdle);
    const key = this.networkOf(socket.remoteAddress);
    if (key === null) return;
    const held = this.open.get(key) ?? 0;
    if (held >= this.opts.perNetwork) {
      this.refused += 1;
      socket.destroy();
      return;
    }
    this.open.set(key, held + 1);
    socket.once('close', () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    });
  }

  /** Networks holding connections now. */
  get networks(): number {
    return this.open.size;
  }

  heldBy(address: string): number {
    const key = this.networkOf(address);
    return key === null ? 0 : (this.open.get(key) ?? 0);
  }

  /** The peer's network prefix, or null when it is a trusted proxy (or has no address: already gone). */
  private networkOf(address: string | undefined): string | null {
    const parsed = address ? parseAddress(address) : null;
    if (!parsed || this.opts.trustedProxies.has(parsed)) return null;
    return networkPrefix(parsed, this.opts.ipv4Prefix, this.opts.ipv6Prefix);
  }
}

function onIdle(this: Socket): void {
  this.destroy();
}
