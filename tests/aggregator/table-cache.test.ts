// The provider tables' binary cache: what goes in comes back, a damaged or foreign file is rebuilt, not trusted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RangeBuilder } from '../../aggregator/networks/range-table.ts';
import { cachedTables, packTables, unpackTables, type ProviderTables } from '../../aggregator/networks/table-cache.ts';

function tables(): ProviderTables {
  const v4 = new RangeBuilder();
  v4.add([0x08080800], [0x080808ff], 15169);
  v4.add([0x0a000000], [0x0a0000ff], 64500);
  const v6 = new RangeBuilder();
  v6.add([0x2a001450, 0], [0x2a001450, 0xffffffff], 15169);
  const c4 = new RangeBuilder();
  c4.add([0x08080800], [0x080808ff], 2);
  return { asn4: v4.ipv4(), asn6: v6.ipv6(), country4: c4.ipv4(), country6: new RangeBuilder().ipv6(), countries: ['AU', 'US'] };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'imsm-tables-'));
  dirs.push(dir);
  return join(dir, 'sub', 'tables.bin');
};

describe('provider table cache', () => {
  it('unpacks to tables that answer the same lookups', () => {
    const back = unpackTables(packTables(tables()));
    expect(back.asn4.find(0x08080808)).toBe(15169);
    expect(back.asn4.find(0x0a000001)).toBe(64500);
    expect(back.asn4.find(0x01010101)).toBe(0);
    expect(back.asn6.find(0x2a001450, 7)).toBe(15169);
    expect(back.country4.find(0x08080808)).toBe(2);
    expect(back.country6.size).toBe(0);
    expect(back.countries).toEqual(['AU', 'US']);
  });

  it('builds once, then reads the file without building', () => {
    const file = tempFile();
    let builds = 0;
    const build = () => (builds++, tables());
    cachedTables(file, build);
    const second = cachedTables(file, build);
    expect(builds).toBe(1);
    expect(second.asn4.find(0x08080808)).toBe(15169);
  });

  it('rebuilds from a truncated, foreign or empty file', () => {
    const file = tempFile();
    let builds = 0;
    const build = () => (builds++, tables());
    cachedTables(file, build);
    const whole = readFileSync(file);
    for (const damaged of [whole.subarray(0, whole.length - 3), Buffer.from('not tables'), Buffer.alloc(0)]) {
      writeFileSync(file, damaged);
      expect(cachedTables(file, build).asn4.find(0x0a000001)).toBe(64500);
    }
    expect(builds).toBe(4);
    expect(() => unpackTables(whole.subarray(0, whole.length - 3))).toThrow(/truncated|trailing/);
  });
});
