// PGlite (PostgreSQL in WebAssembly) in a data folder: the embedded default.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, SqlDriver } from './driver.ts';
import { preparedStatements } from './pglite-prepared.ts';

/**
 * Lighter than PGlite's defaults where it costs no intake: PostgreSQL's 128 MB of shared buffers become 16 MB (the hot
 * pages are the small claim/dedup/aggregates indexes; evicted pages stay in the OS page cache), WebAssembly memory
 * ≈ 198 → 134 MB after opening. Most of PGlite's resident size is its compiled module and bundled files, which no
 * setting reaches. `wal_init_zero=off`: a new WAL segment is created without writing 16 MB of zeros, which stalled the
 * batch that reached it ≈ 50 ms (every 16 MB of WAL, about every 2 s under a flood). Recovery ends at the first invalid
 * record either way, and every commit's WAL is fdatasynced before its answer (wal-sync.ts).
 */
export const PGLITE_SETTINGS = [
  '-c',
  'shared_buffers=16MB',
  '-c',
  'work_mem=2MB',
  '-c',
  'maintenance_work_mem=16MB',
  '-c',
  'temp_buffers=2MB',
  '-c',
  'wal_init_zero=off',
];

/** Opens (creating if missing) a PGlite database in dataDir. */
export async function openPglite(dataDir: string | undefined): Promise<SqlDriver> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const prepare = preparedStatements(db);
  const wrap = (q: { query: PGlite['query'] }, inTransaction: boolean): Queryable => ({
    async query<T>(sql: string, params?: unknown[], name?: string) {
      if (name) return prepare<T>(name, sql, params ?? [], inTransaction);
      return (await q.query<T>(sql, params)).rows;
    },
  });
  const base = wrap(db, false);
  return {
    kind: 'pglite',
    query: base.query,
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx, true))),
    close: () => db.close(),
  };
}
