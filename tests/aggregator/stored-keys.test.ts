// The owning node's filter of stored idempotency keys: never "not stored" for a key it was told of within the answers'
// lifetime, rarely "maybe" for a fresh one, forgetting on a schedule, and restored from storage page by page.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import { StoredKeys, restoreStoredKeys } from '../../aggregator/intake/stored-keys.ts';
import { migrate } from '../../aggregator/storage/migrations.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';
import { ReportStore } from '../../aggregator/storage/store.ts';

const TTL = 1_000;
const key = () => `c${randomUUID().replace(/-/g, '')}:${randomUUID()}`;

describe('StoredKeys', () => {
  it('holds every key it was told of, and few fresh ones', () => {
    const f = new StoredKeys(86_400_000, 0, 1 << 20);
    const added = Array.from({ length: 50_000 }, key);
    for (const k of added) f.add(k, 1);
    expect(added.every((k) => f.mightHold(k, 2))).toBe(true);
    // 3 probes in 2^20 bits with 50,000 keys: ≈ 0.3 % false "maybe".
    const fresh = Array.from({ length: 50_000 }, key).filter((k) => f.mightHold(k, 2)).length;
    expect(fresh / 50_000).toBeLessThan(0.01);
  });

  it('holds a key for the answers’ lifetime across a generation change, then forgets it', () => {
    const f = new StoredKeys(TTL, 0, 1 << 12);
    f.add('k', 900);
    expect(f.mightHold('k', 999)).toBe(true);
    expect(f.mightHold('k', 1_000)).toBe(true); // a new generation began; the old one is still read
    expect(f.mightHold('k', 1_899)).toBe(true);
    expect(f.mightHold('k', 2_000)).toBe(false); // both generations began after it was added
    f.add('j', 2_100);
    expect(f.mightHold('j', 9_000)).toBe(false); // a long sleep drops both generations at once
  });

  it('answers "maybe" to every key until unread keys from before a restart have expired', () => {
    const f = new StoredKeys(TTL, 0, 1 << 12);
    f.add('a', 0);
    f.markUnread(0);
    expect(f.mightHold('never-added', 999)).toBe(true);
    expect(f.mightHold('never-added', 1_000)).toBe(false);
    expect(f.mightHold('a', 1_000)).toBe(true);
  });

  it('takes a power of two bits only', () => {
    expect(() => new StoredKeys(TTL, 0, 1000)).toThrow(/power of two/);
  });
});

describe('restoring stored keys at start', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('reads every key answered within the lifetime, page by page (ties in time included), and no older one', async () => {
    const dir = await freshAggregatorDataDir('stored-keys-');
    dirs.push(dir);
    const db = await openPglite(dir);
    const store = new ReportStore(db);
    try {
      await migrate(db);
      // 23 keys, several sharing a millisecond, plus 5 from before the lifetime.
      const rows = Array.from({ length: 28 }, (_, i) => ({ key: `key-${i}`, at: i < 5 ? 100 + i : 1_000 + Math.floor(i / 4) }));
      await db.query(
        'INSERT INTO idempotency (key, status, body, at) SELECT k, 202, $3, a FROM unnest($1::text[], $2::bigint[]) AS t(k, a)',
        [rows.map((r) => r.key), rows.map((r) => r.at), '{}'],
      );
      const f = new StoredKeys(86_400_000, 2_000, 1 << 16);
      expect(await restoreStoredKeys(store, f, 1_000, 2_000, 4)).toBe(23);
      for (const r of rows) expect(f.mightHold(r.key, 2_001)).toBe(r.at >= 1_000);

      // A cap reached: the rest may be unread, so every key is a "maybe" until they have expired.
      const capped = new StoredKeys(86_400_000, 2_000, 1 << 16);
      expect(await restoreStoredKeys(store, capped, 1_000, 2_000, 4, 8)).toBe(8);
      expect(capped.mightHold('never-stored', 2_001)).toBe(true);
      expect(capped.mightHold('never-stored', 2_000 + 86_400_000)).toBe(false);
    } finally {
      await store.close();
    }
  }, 60_000);
});
