// Address text → network prefix: IPv4 /24, IPv6 /48, IPv4-mapped IPv6, zone ids, and what is not an address.
import { describe, expect, it } from 'vitest';
import { canonicalAddress, networkPrefix, parseAddress } from '../../aggregator/http/ip-address.ts';
import { RateLimiter } from '../../aggregator/http/rate-limit.ts';

const prefix = (text: string, v4 = 24, v6 = 48) => {
  const a = parseAddress(text);
  return a ? networkPrefix(a, v4, v6) : null;
};

describe('network prefixes', () => {
  it.each([
    ['192.0.2.77', '192.0.2.0/24'],
    ['::ffff:192.0.2.77', '192.0.2.0/24'],
    ['::ffff:c000:024d', '192.0.2.0/24'],
    ['2001:db8:abcd:12::1', 'v6:20010db8abcd/48'],
    ['2001:DB8:ABCD:ffff:1:2:3:4', 'v6:20010db8abcd/48'],
    ['fe80::1%eth0', 'v6:fe8000000000/48'],
    ['::1', 'v6:000000000000/48'],
    ['1:2:3:4:5:6:7.8.9.10', 'v6:000100020003/48'],
  ])('%s is in %s', (text, expected) => expect(prefix(text)).toBe(expected));

  it.each(['', 'nonsense', '300.1.1.1', '1.2.3', '2001:db8::1::2', 'unknown', '_hidden', '[::1]'])('%j is not an address', (text) => {
    expect(parseAddress(text)).toBeNull();
  });

  it('honours other prefix lengths and spells one address one way', () => {
    expect(prefix('192.0.2.77', 16)).toBe('192.0.0.0/16');
    expect(prefix('2001:db8:abcd:12::1', 24, 64)).toBe('v6:20010db8abcd0012/64');
    expect(canonicalAddress(parseAddress('2001:0db8:0:0::1')!)).toBe(canonicalAddress(parseAddress('2001:db8::1')!));
  });
});

describe('per-network sliding-window rate limit', () => {
  it('allows perMinute, refuses with a Retry-After, and frees up as the previous minute slides out', () => {
    let now = 60_000 * 100;
    const limiter = new RateLimiter(4, () => now);
    expect(Array.from({ length: 5 }, () => limiter.take('net-a').allowed)).toEqual([true, true, true, true, false]);
    expect(limiter.take('net-a').retryAfterSec).toBeGreaterThan(0);
    expect(limiter.take('net-b').allowed).toBe(true);
    now += 60_000; // the previous minute still weighs fully at the start of the next
    expect(limiter.take('net-a').allowed).toBe(false);
    now += 30_000; // half of it has slid out: 4 × 0.5 = 2 counted, 2 more allowed
    expect([limiter.take('net-a').allowed, limiter.take('net-a').allowed, limiter.take('net-a').allowed]).toEqual([true, true, false]);
  });
});
