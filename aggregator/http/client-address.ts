// Who sent a request: the socket's peer, or — only when that peer is a configured trusted proxy — the right-most
// X-Forwarded-For / Forwarded hop that is not itself a trusted proxy. Headers from anyone else are never read.
import type { ParsedAddress } from './ip-address.ts';
import { inPrefix, parseAddress } from './ip-address.ts';

/** Trusted proxy networks; empty = trust nobody's forwarding headers. */
export class TrustedProxies {
  private readonly list: { network: ParsedAddress; bits: number }[] = [];
  readonly size: number;

  /** `cidrs`: `10.0.0.0/8`, `::1/128`, `192.0.2.7` (a bare address is one host). Throws on a malformed entry. */
  constructor(cidrs: readonly string[]) {
    for (const raw of cidrs) {
      const entry = raw.trim();
      const [addr = '', bits] = entry.split('/');
      const parsed = parseAddress(addr);
      const max = parsed?.family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!parsed || !(prefix >= 0 && prefix <= max)) throw new Error(`trusted proxy "${entry}" is not an address or CIDR`);
      this.list.push({ network: parsed, bits: prefix });
    }
    this.size = cidrs.length;
  }

  has(a: ParsedAddress): boolean {
    // A plain byte comparison: node's BlockList cost microseconds per check on the report path.
    for (const p of this.list) if (inPrefix(a, p.network, p.bits)) return true;
    return false;
  }
}

/** Splits a comma-separated list such as `TRUST_PROXY` or `--cors-origin`; blanks dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What a request tells about its sender: node:http's request, or the lean report path's parsed head. */
export interface Sender {
  socket: { remoteAddress?: string | undefined };
  headers: { 'x-forwarded-for'?: string | string[] | undefined; forwarded?: string | undefined };
}

/** The client's address (parsed), or null when even the socket's peer is unknown (the socket already closed). */
export function clientAddress(req: Sender, trusted: TrustedProxies): ParsedAddress | null {
  const peer = parseAddress(req.socket.remoteAddress ?? '');
  if (!peer || !trusted.has(peer)) return peer;
  const xff = req.headers['x-forwarded-for'];
  const hops = xff !== undefined ? splitList(Array.isArray(xff) ? xff.join(',') : xff) : forwardedFor(req.headers.forwarded);
  if (!hops) return peer;
  // Right to left: each trusted proxy vouches for the hop before it; the first untrusted one is the client.
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = parseAddress(stripPort(hops[i] as string));
    if (!hop) return peer; // a malformed hop vouches for nothing: count the proxy itself
    if (!trusted.has(hop) || i === 0) return hop;
  }
  return peer;
}

/** The `for=` values of an RFC 7239 Forwarded header, in order; null when absent or without any. */
function forwardedFor(header: string | undefined): string[] | null {
  if (!header) return null;
  const out: string[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      out.push(
        pair
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
    }
  }
  return out.length > 0 ? out : null;
}

/** `[2001:db8::1]:443` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`; anything else unchanged. */
function stripPort(hop: string): string {
  if (hop.startsWith('[')) {
    const end = hop.indexOf(']');
    return end > 0 ? hop.slice(1, end) : hop;
  }
  const colon = hop.indexOf(':');
  return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.slice(0, colon) : hop;
}
