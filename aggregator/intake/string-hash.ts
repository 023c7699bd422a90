// A 64-bit hash of up to three strings for the report path's typed-array tables (dedup claims, stored keys): two 32-bit
// FNV-1a streams, each finished by murmur3's mix. Not keyed: what the tables hash is already a keyed pseudonym or a
// client's random key, so nobody can aim a collision at someone else's entry.

/** The last hash, low word then high word: written in place, so no array is allocated per report. */
export const HASH = new Uint32Array(2);

let fa = 0;
let fb = 0;

/** Hashes the parts as if joined by a separator (("ab", "c") and ("a", "bc") differ) into HASH. */
export function hashStrings(a: string, b?: string, c?: string): void {
  fa = 0x811c9dc5;
  fb = 0x050c5d1f;
  feed(a);
  if (b !== undefined) feed(b);
  if (c !== undefined) feed(c);
  HASH[0] = mix(fa);
  HASH[1] = mix(fb);
}

function feed(part: string): void {
  for (let i = 0; i < part.length; i += 1) {
    const ch = part.charCodeAt(i);
    fa = Math.imul(fa ^ ch, 0x01000193);
    fb = Math.imul(fb ^ ch, 0x5bd1e995);
  }
  fa = Math.imul(fa ^ 0x7c, 0x01000193);
  fb = Math.imul(fb ^ 0x7c, 0x5bd1e995);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
