// Named statements on PGlite's raw protocol (aggregator/storage/pglite-prepared.ts) against PGlite's own `query()`:
// the same rows and types, errors with PostgreSQL's message and code that leave the session usable, transactions,
// and answers larger than one chunk of PGlite's output.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';
import type { SqlDriver } from '../../aggregator/storage/driver.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';
import { rowsOf } from '../../aggregator/storage/pglite-prepared.ts';

describe('PGlite named statements', () => {
  let dir = '';
  let db: SqlDriver;
  beforeAll(async () => {
    dir = await freshAggregatorDataDir('pglite-prepared-');
    db = await openPglite(dir);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the rows and types that query() returns', async () => {
    const sql = `SELECT $1::text AS t, $2::int AS i, $3::bigint AS b, $4::int[] AS a, $5::text AS n, '' AS e, v
      FROM unnest($6::text[]) AS v`;
    const params = ['captive "portal" \\ ü ✓', '42', '1764720000000', '{1,2,3}', null, '{"x","y,z",NULL}'];
    const named = await db.query(sql, params, 'test_types');
    const plain = await db.query(sql, params);
    expect(named).toEqual(plain);
    expect(named).toHaveLength(3);
    expect(named[0]).toMatchObject({ t: 'captive "portal" \\ ü ✓', i: 42, b: 1764720000000, a: [1, 2, 3], n: null, e: '', v: 'x' });
    expect(named.map((r) => (r as { v: unknown }).v)).toEqual(['x', 'y,z', null]);
    // Prepared once: the second call reuses the statement with other values.
    expect(await db.query(sql, ['a', '1', '2', '{}', 'b', '{}'], 'test_types')).toEqual([]);
  });

  it('returns no rows for a statement without any, and one row per row', async () => {
    expect(await db.query('CREATE TEMP TABLE t (k int PRIMARY KEY, s text)', [], 'test_create')).toEqual([]);
    expect(await db.query('INSERT INTO t SELECT * FROM unnest($1::int[], $2::text[])', ['{1,2}', '{a,b}'], 'test_insert')).toEqual([]);
    expect(await db.query('SELECT k, s FROM t ORDER BY k', [], 'test_select')).toEqual([
      { k: 1, s: 'a' },
      { k: 2, s: 'b' },
    ]);
  });

  it("rejects with PostgreSQL's message and code, and the session goes on", async () => {
    await expect(db.query('SELECT 1 / $1::int AS q', ['0'], 'test_divide')).rejects.toMatchObject({
      message: 'division by zero',
      code: '22012',
    });
    await expect(db.query('INSERT INTO t VALUES ($1::int, $2)', ['1', 'dup'], 'test_dup')).rejects.toMatchObject({
      code: '23505',
      constraint: 't_pkey',
    });
    expect(await db.query('SELECT 1 / $1::int AS q', ['2'], 'test_divide')).toEqual([{ q: 0 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM t', [])).toEqual([{ n: 2 }]);
  });

  it('runs inside a transaction, and an error there rolls it back', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1::int, $2)', ['3', 'c'], 'test_dup');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1::int, $2)', ['4', 'd'], 'test_dup');
        await tx.query('INSERT INTO t VALUES ($1::int, $2)', ['1', 'again'], 'test_dup');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT k FROM t ORDER BY k', [], 'test_keys')).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
  });

  it('reads an answer far larger than one chunk of output', async () => {
    const big = 'ü'.repeat(300_000); // 600,000 bytes of UTF-8
    const rows = await db.query<{ s: string; n: number }>(
      'SELECT $1::text AS s, length($1::text)::int AS n FROM generate_series(1, 3)',
      [big],
      'test_big',
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.s === big && r.n === 300_000)).toBe(true);
  });

  it('refuses a malformed or truncated answer instead of reading past it', () => {
    const columns = { names: ['n'], typeIds: [23] };
    // A DataRow with one field "7", then ReadyForQuery: read as one row.
    const row = Buffer.from([0x44, 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, 0x37, 0x5a, 0, 0, 0, 5, 0x49]);
    expect(rowsOf(row, columns, {})).toEqual([{ n: 7 }]);
    expect(() => rowsOf(row.subarray(0, 9), columns, {})).toThrow(/malformed or truncated/);
    expect(() => rowsOf(Buffer.from([0x44, 0xff, 0xff, 0xff, 0xf0, 0]), columns, {})).toThrow(/malformed or truncated/);
  });
});
