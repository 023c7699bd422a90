// Every per-key memory has a bound: the LRU (total and per network), the rate limiter's fixed sketch, and the intake,
// whose forgotten idempotency keys are answered from storage.
import { describe, expect, it } from 'vitest';
import { BoundedLru } from '../../aggregator/intake/bounded-lru.ts';
import { RateLimiter } from '../../aggregator/http/rate-limit.ts';
import { networkAddress, postFrom, startOnTemplate } from './backends.ts';

describe('BoundedLru', () => {
  it('keeps at most its capacity, evicting the least recently used', () => {
    const lru = new BoundedLru<number>(3, 10);
    for (const k of ['a', 'b', 'c']) lru.set(`g-${k}`, k, 1);
    lru.get('a');
    lru.set('g-d', 'd', 1);
    expect(lru.size).toBe(3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.groupCount).toBe(3);
  });

  it("evicts only a flooding group's own entries past its quota", () => {
    const lru = new BoundedLru<number>(100, 2);
    lru.set('quiet', 'q', 1);
    for (let i = 0; i < 50; i += 1) lru.set('flood', `f${i}`, i);
    expect(lru.size).toBe(3);
    expect(lru.get('q')).toBe(1);
    expect(lru.get('f49')).toBe(49);
    expect(lru.get('f47')).toBeUndefined();
  });

  it('prunes expired entries from the oldest end', () => {
    const lru = new BoundedLru<number>(10, 10);
    for (let i = 0; i < 5; i += 1) lru.set('g', `k${i}`, i);
    lru.pruneOldest((v) => v < 3);
    expect(lru.size).toBe(2);
  });
});

describe('RateLimiter', () => {
  it('limits one key on a fake clock and frees it as the window slides', () => {
    let now = 60_000;
    const limiter = new RateLimiter(3, () => now, 60_000, 1 << 10);
    expect([1, 2, 3, 4].map(() => limiter.take('net-a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.take('net-b').allowed).toBe(true);
    now += 60_000; // the whole previous minute still weighs: 3 × 1.0
    expect(limiter.take('net-a').allowed).toBe(false);
    now += 30_000; // half of it: 1.5 + 0 < 3
    expect(limiter.take('net-a').allowed).toBe(true);
    now += 120_000; // a gap: nothing remembered
    expect([1, 2, 3].map(() => limiter.take('net-a').allowed)).toEqual([true, true, true]);
  });

  it('never lets a key go unlimited however many keys arrive, and 200,000 distinct keys a minute are not limited', () => {
    const limiter = new RateLimiter(30, () => 0);
    let refused = 0;
    for (let i = 0; i < 200_000; i += 1) if (!limiter.take(`n${i.toString(16)}`).allowed) refused += 1;
    expect(refused).toBe(0);
    const late = Array.from({ length: 31 }, () => limiter.take('late').allowed);
    expect(late.filter(Boolean)).toHaveLength(30);
    expect(late.at(-1)).toBe(false);
  });
});

describe('intake memory', () => {
  it('answers a key it no longer holds from storage, and holds at most its caps', async () => {
    const agg = await startOnTemplate({ rateLimit: false, intakeMemory: { answers: 4, claims: 4, perNetwork: 2 } });
    try {
      const clientId = '6f1c0c1e-3b0e-4c1f-9a55-2d1f5a3c9e11';
      const body = (i: number) => ({
        service: 'imessage',
        kind: 'problem',
        problem: 'other',
        clientId: `${clientId.slice(0, -4)}${1000 + i}`,
        idempotencyKey: `k-${i}`,
      });
      const first = await postFrom(agg.url, networkAddress(0), body(0));
      expect(first.status).toBe(202);
      // Twenty more keys from other networks push k-0 out of memory.
      for (let i = 1; i <= 20; i += 1) expect((await postFrom(agg.url, networkAddress(i), body(i))).status).toBe(202);
      const replay = await postFrom(agg.url, networkAddress(0), body(0));
      expect(replay).toMatchObject({ status: 202, json: first.json });
    } finally {
      await agg.close();
    }
  });
});
