// IP address text → canonical form and network prefix (IPv4 /24, IPv6 /48 by default), without any lookup.
import { isIPv4, isIPv6 } from 'node:net';

/** A parsed address: IPv4 as 4 bytes, IPv6 as 16; IPv4-mapped IPv6 (::ffff:a.b.c.d) comes back as IPv4. */
export interface ParsedAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

/** Parses an address (IPv6 zone ids dropped); null when it is not an IP address. */
export function parseAddress(text: string): ParsedAddress | null {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const zone = text.indexOf('%');
  const plain = zone >= 0 ? text.slice(0, zone) : text;
  if (!isIPv6(plain)) return null;
  const bytes = ipv6Bytes(plain);
  if (!bytes) return null;
  // IPv4-mapped: a dual-stack socket reports IPv4 peers this way; they are IPv4 networks.
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return { family: 4, bytes: bytes.slice(12) };
  return { family: 6, bytes };
}

/** Whether `a` lies in `network`/`bits` (same family). */
export function inPrefix(a: ParsedAddress, network: ParsedAddress, bits: number): boolean {
  if (a.family !== network.family) return false;
  for (let i = 0; i * 8 < bits; i += 1) {
    const keep = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - keep)) & 0xff;
    if (((a.bytes[i] ?? 0) & mask) !== ((network.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Canonical text: dotted quad for IPv4, full lower-case hex groups for IPv6 (one spelling per address). */
export function canonicalAddress(a: ParsedAddress): string {
  const b = a.bytes;
  if (a.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((a.bytes[i] ?? 0) << 8) | (a.bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

/** The network an address belongs to, as text: `a.b.c.0/24`, `v6:20010db8abcd/48`. */
export function networkPrefix(a: ParsedAddress, ipv4Bits: number, ipv6Bits: number): string {
  const bits = a.family === 4 ? ipv4Bits : ipv6Bits;
  const masked = a.bytes.slice();
  for (let i = 0; i < masked.length; i += 1) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    masked[i] = (masked[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  if (a.family === 4) return `${masked[0]}.${masked[1]}.${masked[2]}.${masked[3]}/${bits}`;
  return `v6:${Buffer.from(masked.subarray(0, Math.ceil(bits / 8))).toString('hex')}/${bits}`;
}

/** A dotted quad (no leading zeros, each part ≤ 255) as 4 bytes, by hand: the report path parses one per request. */
function parseIPv4(text: string): Uint8Array | null {
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 3) return null;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return null; // a leading zero: not canonical, and some read it as octal
      value = value * 10 + (c - 48);
      digits += 1;
      if (value > 255) return null;
    } else return null;
  }
  return part === 4 ? out : null;
}

/** 16 bytes of a valid IPv6 text (checked by isIPv6 first), including an embedded IPv4 tail. */
function ipv6Bytes(text: string): Uint8Array | null {
  let head = text;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    if (!isIPv4(maybeV4)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = maybeV4.split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const l = parse(left);
  const r = right === undefined ? [] : parse(right);
  const fill = 8 - l.length - r.length - tail.length;
  if (fill < 0 || (right === undefined && fill !== 0)) return null;
  const groups = [...l, ...new Array<number>(fill).fill(0), ...r, ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}
