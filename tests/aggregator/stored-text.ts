// Reads every text column of an aggregator's database (after the aggregator closed it): what is really stored.
import type { AggregatorOptions } from '../../aggregator/server.ts';
import type { SqlDriver } from '../../aggregator/storage/driver.ts';
import { openPg } from '../../aggregator/storage/pg-driver.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';

/** Every stored text value matching `pattern` (a PostgreSQL regex), as `table.column: value`. */
export async function storedTextMatching(options: Pick<AggregatorOptions, 'dataDir' | 'databaseUrl'>, pattern: string): Promise<string[]> {
  const db: SqlDriver = options.databaseUrl ? await openPg(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    const columns = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`,
    );
    const hits: string[] = [];
    for (const { table_name: t, column_name: c } of columns) {
      const rows = await db.query<{ v: string }>(`SELECT "${c}" AS v FROM "${t}" WHERE "${c}" ~* $1 LIMIT 5`, [pattern]);
      for (const r of rows) hits.push(`${t}.${c}: ${r.v}`);
    }
    return hits;
  } finally {
    await db.close();
  }
}

/** How many rows a table holds. */
export async function countRows(options: Pick<AggregatorOptions, 'dataDir' | 'databaseUrl'>, table: string): Promise<number> {
  const db: SqlDriver = options.databaseUrl ? await openPg(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    const rows = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM "${table}"`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}

/** The sum of an integer column over a table. */
export async function sumColumn(
  options: Pick<AggregatorOptions, 'dataDir' | 'databaseUrl'>,
  table: string,
  column: string,
): Promise<number> {
  const db: SqlDriver = options.databaseUrl ? await openPg(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    const rows = await db.query<{ n: unknown }>(`SELECT COALESCE(SUM("${column}"), 0) AS n FROM "${table}"`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}
