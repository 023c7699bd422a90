// Finds a PostgreSQL for the tests and the bench: TEST_DATABASE_URL, else the throwaway cluster script, else a reason to skip.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { errorText } from '../contracts/results.ts';

const ENV_FILE = '/tmp/imsm-pg/env';

export type PostgresForTests = { url: string; skipReason: null } | { url: null; skipReason: string };

let found: Promise<PostgresForTests> | null = null;

/** Resolves the test database once per process; never throws. */
export function postgresForTests(): Promise<PostgresForTests> {
  found ??= locate();
  return found;
}

async function locate(): Promise<PostgresForTests> {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const hasBinaries =
      existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin`));
    if (!hasBinaries) return { url: null, skipReason: 'TEST_DATABASE_URL unset and no /usr/lib/postgresql/*/bin to start a cluster' };
    try {
      execFileSync('bash', ['scripts/pg-test-cluster.sh', 'start'], { stdio: 'pipe', timeout: 60_000 });
      url = /TEST_DATABASE_URL=(\S+)/.exec(readFileSync(ENV_FILE, 'utf8'))?.[1];
    } catch (error) {
      return {
        url: null,
        skipReason: `could not start the test cluster: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      };
    }
    if (!url) return { url: null, skipReason: `${ENV_FILE} has no TEST_DATABASE_URL` };
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url, skipReason: null };
  } catch (error) {
    return { url: null, skipReason: `cannot connect to ${url}: ${errorText(error)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates an empty schema and returns a URL whose connections use it (search_path), plus a drop function. */
export async function freshSchema(baseUrl: string, label = 't'): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${label.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
