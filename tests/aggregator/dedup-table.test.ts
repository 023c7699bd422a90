// The typed-array dedup claims against the plainest model of the same rules (tests/support/array-lru.ts): random sets,
// gets, conditional deletes and prunes over a few networks leave the same claims, evicted in the same order.
import { describe, expect, it } from 'vitest';
import { DedupTable } from '../../aggregator/intake/dedup-table.ts';
import { ArrayLru } from '../support/array-lru.ts';
import { seededRandom } from '../support/seeded-random.ts';

const SERVICES = ['imessage', 'facetime'];
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('DedupTable against a model', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`agrees over 5,000 random operations (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const table = new DedupTable(20, 4);
      const model = new ArrayLru(20, 4);
      const parts = () => [SERVICES[pick(2)] as string, `net${pick(8)}`, `c${pick(12)}`] as const;
      for (let step = 0; step < 5_000; step += 1) {
        const [service, network, client] = parts();
        const key = `${service}|${network}:${client}`;
        const op = pick(10);
        if (op < 5) {
          table.set(service, network, client, { at: step, id: idOf(step) });
          model.set(network, key, step);
        } else if (op < 8) {
          const v = model.get(key);
          expect(table.get(service, network, client)).toEqual(v === undefined ? undefined : { at: v, id: idOf(v) });
        } else if (op < 9) {
          // Only the report that made the claim may take it back.
          const current = model.entries.find((e) => e.key === key);
          const id = current && pick(2) === 0 ? idOf(current.value) : idOf(step + 100_000);
          table.deleteIf(service, network, client, id);
          if (current && id === idOf(current.value)) model.delete(key);
        } else {
          const before = step - pick(200);
          table.pruneOldest((at) => at < before);
          model.pruneOldest((v) => v < before);
        }
        expect(table.size).toBe(model.entries.length);
        expect(table.networkCount).toBe(new Set(model.entries.map((e) => e.group)).size);
      }
      // Same survivors in the same order: each fresh claim now drops the oldest.
      const order = model.entries.map((e) => e.key);
      for (let i = 0; model.entries.length < 20; i += 1) {
        table.set('imessage', `pad${i}`, 'c', { at: -1, id: idOf(0) });
        model.set(`pad${i}`, `imessage|pad${i}:c`, -1);
      }
      const survivors = model.entries.map((e) => e.key);
      expect(survivors.slice(0, order.length)).toEqual(order);
      survivors.forEach((oldest, i) => {
        table.set('facetime', `fresh${i}`, 'c', { at: -1, id: idOf(0) });
        const [service, rest] = oldest.split('|') as [string, string];
        const [network, client] = rest.split(':') as [string, string];
        expect(table.get(service, network, client)).toBeUndefined();
        expect(table.size).toBe(20);
      });
    });
  }

  it('holds its capacity of distinct networks, one network at most its quota, with no memory per claim', () => {
    const table = new DedupTable(50_000, 64);
    for (let i = 0; i < 200_000; i += 1) table.set('imessage', `n${i}`, `c${i}`, { at: i, id: idOf(i) });
    expect(table.size).toBe(50_000);
    expect(table.get('imessage', 'n149999', 'c149999')).toBeUndefined();
    expect(table.get('imessage', 'n150000', 'c150000')).toEqual({ at: 150_000, id: idOf(150_000) });
    for (let i = 0; i < 1_000; i += 1) table.set('facetime', 'flood', `c${i}`, { at: i, id: idOf(i) });
    expect(table.size).toBe(50_000);
    expect(table.get('facetime', 'flood', 'c935')).toBeUndefined();
    expect(table.get('facetime', 'flood', 'c936')).toBeDefined();
    // The flood evicted only its own claims past the quota, plus one older claim each until it reached the quota.
    expect(table.get('imessage', 'n199999', 'c199999')).toBeDefined();
  });

  it('gives back the report id it was given, and refuses one that is not a lowercase UUID', () => {
    const good = '6f1c0c1e-3b0e-4c1f-9a55-2d1f5a3c9e11';
    const table = new DedupTable(4, 2);
    table.set('imessage', 'n', 'c', { at: 7, id: good });
    expect(table.get('imessage', 'n', 'c')).toEqual({ at: 7, id: good });
    for (const id of ['not-a-uuid', good.toUpperCase(), good.replace('-', '_'), `${good}0`, good.slice(1), good.replace('f', 'g')])
      expect(() => table.set('imessage', 'm', 'c', { at: 8, id })).toThrow(/UUID/);
    // Nothing changed on the way to the error.
    expect(table.size).toBe(1);
    expect(table.networkCount).toBe(1);
    expect(table.get('imessage', 'n', 'c')).toEqual({ at: 7, id: good });
  });
});
