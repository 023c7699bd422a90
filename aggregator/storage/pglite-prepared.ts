// Named statements on PGlite over its raw protocol: parsed and described once a session, then each call is one
// exchange (Bind, Execute, Sync) whose answer is read here. PGlite's own path parses every backend message into objects
// (a copied buffer and a TextDecoder call per value) and then again into rows: with a Describe per call, that was about
// a fifth of the storage worker's busy time under a report flood.
import { messages, protocol, types, type PGlite } from '@electric-sql/pglite';
import { textArray } from './report-batch.ts';

const { serialize } = protocol;

/** The columns a statement returns: name and type, from its Describe at prepare time. */
interface Columns {
  names: string[];
  typeIds: number[];
}

/**
 * Runs named statements on `db`. Taken under the same two locks as `query()` (only the statement lock inside a
 * transaction, which holds the other), so a call never runs inside someone else's transaction; the Sync in the same
 * exchange ends it cleanly even on an error.
 */
export function preparedStatements(db: PGlite) {
  const prepared = new Map<string, Columns>();
  return async <T>(name: string, sql: string, params: unknown[], inTransaction: boolean): Promise<T[]> => {
    const run = () =>
      db.runExclusive(async () => {
        let columns = prepared.get(name);
        if (!columns) {
          // Alone, so that a failure here leaves no half-made statement, and success is known for sure.
          const { messages: described } = await db.execProtocol(
            Buffer.concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
            { syncToFs: false },
          );
          columns = columnsOf(described);
          prepared.set(name, columns);
        }
        const chunks: Buffer[] = [];
        await db.execProtocolRawStream(bindAndRun(name, params.map(paramText)), {
          syncToFs: !inTransaction,
          // A view of WebAssembly memory, valid only during the call: copied.
          onRawData: (data) => chunks.push(Buffer.from(data)),
        });
        return rowsOf(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), columns, db.parsers) as T[];
      });
    return inTransaction ? run() : db._runExclusiveTransaction(run);
  };
}

function columnsOf(described: readonly messages.BackendMessage[]): Columns {
  for (const m of described) {
    if (m instanceof messages.RowDescriptionMessage) {
      return { names: m.fields.map((f) => f.name), typeIds: m.fields.map((f) => f.dataTypeID) };
    }
  }
  return { names: [], typeIds: [] }; // NoData: a statement without rows
}

/**
 * The rows of one exchange's answer (DataRow messages), values parsed by type as PGlite's `query()` parses them; an
 * ErrorResponse becomes PGlite's DatabaseError with PostgreSQL's fields. Everything else (BindComplete,
 * CommandComplete, notices, ReadyForQuery) is skipped.
 */
export function rowsOf(answer: Buffer, columns: Columns, parsers: PGlite['parsers']): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let error: messages.DatabaseError | null = null;
  for (let at = 0; at + 5 <= answer.length;) {
    const type = answer[at] as number;
    const length = answer.readInt32BE(at + 1);
    const end = at + 1 + length;
    if (length < 4 || end > answer.length) throw new Error('PGlite answered with a malformed or truncated message');
    if (type === 0x44 /* D */ && error === null) {
      const count = answer.readInt16BE(at + 5);
      const row: Record<string, unknown> = {};
      let p = at + 7;
      for (let i = 0; i < count; i += 1) {
        const size = answer.readInt32BE(p);
        p += 4;
        const text = size < 0 ? null : answer.toString('utf8', p, p + size);
        if (size > 0) p += size;
        row[columns.names[i] ?? `?column${i}?`] = types.parseType(text, columns.typeIds[i] ?? 0, parsers) as unknown;
      }
      rows.push(row);
    } else if (type === 0x45 /* E */ && error === null) {
      error = databaseError(answer, at + 5, end, length);
    }
    at = end;
  }
  if (error) throw error;
  return rows;
}

/** An ErrorResponse's fields (a code byte, then a C string; a zero byte ends them), as PGlite's DatabaseError. */
function databaseError(answer: Buffer, from: number, to: number, length: number): messages.DatabaseError {
  const fields = new Map<string, string>();
  for (let p = from; p < to && answer[p] !== 0;) {
    const code = String.fromCharCode(answer[p] as number);
    const stop = answer.indexOf(0, p + 1);
    if (stop < 0 || stop >= to) break;
    fields.set(code, answer.toString('utf8', p + 1, stop));
    p = stop + 1;
  }
  const error = new messages.DatabaseError(fields.get('M') ?? 'PGlite reported an error', length, 'error');
  error.severity = fields.get('S');
  error.code = fields.get('C');
  error.detail = fields.get('D');
  error.hint = fields.get('H');
  error.where = fields.get('W');
  error.constraint = fields.get('n');
  return error;
}

/** A parameter as PostgreSQL text (what `query()` does through its serialisers); arrays become array literals. */
function paramText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return textArray(v.map((x: unknown) => (x === null || x === undefined ? null : String(x))));
  return String(v);
}

/** Execute (all rows) and Sync: the same bytes after every Bind. */
const EXECUTE_SYNC = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);

/**
 * Bind (text parameters, text results) of a named statement to the unnamed portal, then EXECUTE_SYNC, as one buffer
 * sized up front. PGlite's serializer grows its buffer by halves and encodes UTF-8 in JavaScript: for a batch's
 * parameters (one of them the batch's reports as JSON) that was a tenth of the storage worker's time.
 */
export function bindAndRun(statement: string, values: readonly (string | null)[]): Buffer {
  let size = 1 + 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 + 2;
  const lengths = new Array<number>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    lengths[i] = v === null || v === undefined ? -1 : Buffer.byteLength(v);
    size += 4 + Math.max(0, lengths[i] as number);
  }
  const out = Buffer.allocUnsafe(size + EXECUTE_SYNC.length);
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
  EXECUTE_SYNC.copy(out, at);
  return out;
}
