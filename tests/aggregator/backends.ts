// The two storage backends every aggregator suite runs against: PGlite in a temp dir, PostgreSQL in a fresh schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregatorOptions } from '../../aggregator/server.ts';
import { freshSchema, postgresForTests } from '../support/postgres.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  skip: string | null;
  /** Fresh, empty storage; cleanup removes it. */
  storage(): Promise<{ options: Pick<AggregatorOptions, 'dataDir' | 'databaseUrl'>; cleanup: () => Promise<void> }>;
}

const pgInfo = await postgresForTests();
if (pgInfo.skipReason) console.log(`aggregator tests: PostgreSQL backend skipped: ${pgInfo.skipReason}`);

export const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    skip: null,
    async storage() {
      const dir = mkdtempSync(join(tmpdir(), 'agg-test-'));
      return { options: { dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: pgInfo.skipReason,
    async storage() {
      if (!pgInfo.url) throw new Error(pgInfo.skipReason ?? 'no PostgreSQL');
      const s = await freshSchema(pgInfo.url, 'agg');
      return { options: { databaseUrl: s.url }, cleanup: s.drop };
    },
  },
];

/** A UUID client id. */
export const client = () => crypto.randomUUID();

/** POSTs a report body (object or raw string) and returns status, headers and parsed JSON. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${url}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

export async function getJson<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: T }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as T };
}
