// PostgreSQL through a pg Pool: the scale-out backend (many stateless nodes share one database).
import pg from 'pg';
import type { SqlDriver } from './driver.ts';

/** A statement for pg: named ones are prepared by pg once per pooled connection. */
const statement = (text: string, values: unknown[] | undefined, name: string | undefined) =>
  name ? { name, text, values } : { text, values };

/** Connects a pool to databaseUrl (`?options=-c search_path=x` selects a schema). */
export async function openPg(databaseUrl: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[], name?: string) {
      return (await pool.query(statement(sql, params, name))).rows as T[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(sql: string, params?: unknown[], name?: string) =>
            (await client.query(statement(sql, params, name))).rows as T[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
