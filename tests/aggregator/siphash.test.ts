// The day hashes' keyed function: SipHash-2-4-128 against the reference vectors (key 00..0f, message 00..n-1, the
// same figures OpenSSL's `openssl mac SIPHASH` gives), text as UTF-8, and the day keys that use it.
import { describe, expect, it } from 'vitest';
import { DayKeys } from '../../aggregator/privacy/day-keys.ts';
import { sipHash128Hex, sipKey } from '../../aggregator/privacy/siphash.ts';

const KEY = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i));
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4-128', () => {
  it.each([
    [0, 'a3817f04ba25a8e66df67214c7550293'],
    [1, 'da87c1d86b99af44347659119b22fc45'],
    [7, 'a1f1ebbed8dbc153c0b84aa61ff08239'],
    [8, '3b62a9ba6258f5610f83e264f31497b4'],
    [15, '5493e99933b0a8117e08ec0f97cfc3d9'],
    [16, '6ee2a4ca67b054bbfd3315bf85230577'],
    [17, '473d06e8738db89854c066c47ae47740'],
    [63, '5150d1772f50834a503e069a973fbd7c'],
  ])('matches the reference for %i bytes', (n, hex) => {
    expect(sipHash128Hex(KEY, message(n))).toBe(hex);
  });

  it('hashes text as its UTF-8 bytes, ASCII or not', () => {
    expect(sipHash128Hex(KEY, 'client é')).toBe('404063db6a57ac0f041f3930ef89a668');
    const ascii = '10.20.30.0/24';
    expect(sipHash128Hex(KEY, ascii)).toBe(sipHash128Hex(KEY, new TextEncoder().encode(ascii)));
  });

  it('refuses a key shorter than 128 bits', () => {
    expect(() => sipKey(new Uint8Array(8))).toThrow(/16 bytes/);
  });
});

describe('day keys', () => {
  it('give one hash per day, secret and text, no longer than 128 bits', () => {
    const keys = new DayKeys('secret one');
    const h = keys.hash(20_000, 'client x', 31);
    expect(h).toMatch(/^[0-9a-f]{31}$/);
    expect(keys.hash(20_000, 'client x', 31)).toBe(h);
    expect(keys.hash(20_001, 'client x', 31)).not.toBe(h);
    expect(keys.hash(20_000, 'client y', 31)).not.toBe(h);
    expect(new DayKeys('secret two').hash(20_000, 'client x', 31)).not.toBe(h);
    expect(() => keys.hash(20_000, 'client x', 33)).toThrow(/32 hex/);
  });
});
