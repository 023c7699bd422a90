// The LRU's linked recency list against the plainest model of it (an array, oldest first): random sets, gets, deletes
// and prunes over a few groups must leave the same entries in the same order.
import { describe, expect, it } from 'vitest';
import { BoundedLru } from '../../aggregator/intake/bounded-lru.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { ArrayLru } from '../support/array-lru.ts';

describe('BoundedLru against a model', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`agrees over 5,000 random operations (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const lru = new BoundedLru<number>(20, 4);
      const model = new ArrayLru(20, 4);
      for (let step = 0; step < 5_000; step += 1) {
        const key = `k${pick(40)}`;
        const op = pick(10);
        if (op < 5) {
          const group = `g${pick(8)}`;
          lru.set(group, key, step);
          model.set(group, key, step);
        } else if (op < 8) expect(lru.get(key)).toBe(model.get(key));
        else if (op < 9) {
          lru.delete(key);
          model.delete(key);
        } else {
          const before = step - pick(200);
          lru.pruneOldest((v) => v < before);
          model.pruneOldest((v) => v < before);
        }
        expect(lru.size).toBe(model.entries.length);
      }
      // Same survivors in the same order: filled to capacity, each fresh entry then drops the oldest (only misses are
      // read here, as a hit would move the entry).
      expect(lru.groupCount).toBe(new Set(model.entries.map((e) => e.group)).size);
      for (let i = 0; model.entries.length < 20; i += 1) {
        lru.set(`pad${i}`, `pad${i}`, -1);
        model.set(`pad${i}`, `pad${i}`, -1);
      }
      const order = model.entries.map((e) => e.key);
      order.forEach((oldest, i) => {
        lru.set(`fresh${i}`, `fresh${i}`, -1);
        expect(lru.get(oldest)).toBeUndefined();
        expect(lru.size).toBe(20);
      });
    });
  }
});
