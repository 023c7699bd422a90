// PGlite (PostgreSQL in WebAssembly) in a data folder: the embedded default.
import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Queryable, SqlDriver } from './driver.ts';
import { textArray } from './report-batch.ts';

const { serialize } = protocol;

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

/** A parameter as PostgreSQL text (what `query()` does through its serialisers); arrays become array literals. */
function paramText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return textArray(v.map((x: unknown) => (x === null || x === undefined ? null : String(x))));
  return String(v);
}

/**
 * Named statements for PGlite, whose `query()` parses, analyses and plans its SQL on every call (≈ 3 ms of WebAssembly
 * for the batch statement, most of a small batch). The statement is parsed once per session (a PGlite instance is one
 * session; a restart prepares it again); each call is then one protocol exchange: Bind, Describe, Execute, Sync.
 * Taken under the same two locks as `query()` (only the statement lock inside a transaction, which holds the other),
 * so it never runs inside someone else's transaction; the Sync in the same exchange ends it cleanly even on an error.
 */
function preparedStatements(db: PGlite) {
  const parsed = new Set<string>();
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return async <T>(name: string, sql: string, params: unknown[], inTransaction: boolean): Promise<T[]> => {
    const run = () =>
      db.runExclusive(async () => {
        if (!parsed.has(name)) {
          // Alone, so that a failure here leaves no half-made statement, and success is known for sure.
          await db.execProtocol(concat([serialize.parse({ name, text: sql }), serialize.sync()]), { syncToFs: false });
          parsed.add(name);
        }
        const { messages } = await db.execProtocol(bindAndRun(name, params.map(paramText)), { syncToFs: !inTransaction });
        return (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as T[];
      });
    return inTransaction ? run() : db._runExclusiveTransaction(run);
  };
}

/** Describe (portal), Execute (all rows) and Sync: the same bytes after every Bind. */
const DESCRIBE_EXECUTE_SYNC = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0, 0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);

/**
 * Bind (text parameters, text results) of a named statement to the unnamed portal, then DESCRIBE_EXECUTE_SYNC, as one
 * buffer sized up front. PGlite's serializer grows its buffer by halves and encodes UTF-8 in JavaScript: for a batch's
 * parameters (one of them the batch's reports as JSON) that was a tenth of the storage worker's time.
 */
function bindAndRun(statement: string, values: readonly (string | null)[]): Buffer {
  const nameBytes = Buffer.byteLength(statement);
  let size = 1 + 4 + 1 + nameBytes + 1 + 2 + 2 + 2;
  const lengths = new Array<number>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    lengths[i] = v === null || v === undefined ? -1 : Buffer.byteLength(v);
    size += 4 + Math.max(0, lengths[i] as number);
  }
  const out = Buffer.allocUnsafe(size + DESCRIBE_EXECUTE_SYNC.length);
  let at = out.writeUInt8(0x42, 0);
  at = out.writeInt32BE(size - 1, at);
  at = out.writeUInt8(0, at); // the unnamed portal
  at += out.write(statement, at);
  at = out.writeUInt8(0, at);
  at = out.writeInt16BE(0, at); // no parameter format codes: all text
  at = out.writeInt16BE(values.length, at);
  for (let i = 0; i < values.length; i += 1) {
    const n = lengths[i] as number;
    at = out.writeInt32BE(n, at);
    if (n > 0) at += out.write(values[i] as string, at);
  }
  at = out.writeInt16BE(0, at); // no result format codes: all text
  DESCRIBE_EXECUTE_SYNC.copy(out, at);
  return out;
}
