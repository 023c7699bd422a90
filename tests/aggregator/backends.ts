// The two storage backends every aggregator suite runs against: PGlite in a temp dir, PostgreSQL in a fresh schema.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, it } from 'vitest';
import type { AggregatorOptions, RunningAggregator } from '../../aggregator/server.ts';
import { startAggregator } from '../../aggregator/server.ts';
import { freshSchema, postgresForTests } from '../../scripts/postgres.ts';
import { freshAggregatorDataDir } from '../../lab/world/aggregator-template.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  skip: string | null;
  /** Fresh, empty storage; cleanup removes it. */
  storage(): Promise<{ options: Pick<AggregatorOptions, 'dataDir' | 'databaseUrl' | 'secret'>; cleanup: () => Promise<void> }>;
}

/**
 * `it` for a test only PostgreSQL can run: two nodes on one database. On PGlite it is not declared at all (a data
 * folder has one writer, so there is nothing to skip); without PostgreSQL it is skipped with the reason printed above.
 */
export function itOnPostgres(backend: Backend): ReturnType<typeof it.skipIf> {
  if (backend.name === 'postgres') return it.skipIf(backend.skip !== null);
  return (() => undefined) as unknown as ReturnType<typeof it.skipIf>;
}

const pgInfo = await postgresForTests();
if (pgInfo.skipReason) console.log(`aggregator tests: PostgreSQL backend skipped: ${pgInfo.skipReason}`);

export const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    skip: null,
    async storage() {
      const dir = await freshAggregatorDataDir('agg-test-'); // a copy of a migrated template: no initdb per test
      return { options: { dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: pgInfo.skipReason,
    async storage() {
      if (!pgInfo.url) throw new Error(pgInfo.skipReason ?? 'no PostgreSQL');
      const s = await freshSchema(pgInfo.url, 'agg');
      // One secret per database, as a deployment sets AGGREGATOR_SECRET for all its nodes (the database refuses another).
      return { options: { databaseUrl: s.url, secret: `test-secret-${randomUUID()}` }, cleanup: s.drop };
    },
  },
];

/**
 * `startAggregator` on a copy of the migrated template rather than in memory: an in-memory PGlite runs initdb, about 4 s
 * of CPU a start (the four files that start these took 78 s of CPU, now 57). Its close() also removes the folder.
 */
export async function startOnTemplate(opts: AggregatorOptions = {}): Promise<RunningAggregator> {
  const dir = await freshAggregatorDataDir('agg-test-');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let agg: RunningAggregator;
  try {
    agg = await startAggregator({ ...opts, dataDir: dir });
  } catch (error) {
    remove();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return { url: agg.url, port: agg.port, close: () => (closing ??= agg.close().finally(remove)) };
}

/** A UUID client id. */
export const client = () => crypto.randomUUID();

/** POSTs a report body (object or raw string) and returns status, headers and parsed JSON. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
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

export async function getJson<T = unknown>(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: T }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as T };
}

/**
 * One connection per request, closed after it (no pool of idle sockets per source address): the server caps open
 * connections per /24 (64 by default), and thousands of pooled idle sockets from one /24 are exactly what it refuses.
 */
const sourceAgent = new Agent({ keepAlive: false, maxSockets: 4 });

/**
 * POSTs a report from a chosen loopback source address (all of 127.0.0.0/8 reaches loopback on Linux), so each
 * synthetic reporter sits in its own network; returns the status, headers and parsed JSON.
 */
export function postFrom(
  url: string,
  localAddress: string,
  body: unknown,
  headers: Record<string, string> = {},
  retried = false,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown }> {
  const u = new URL(url);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/v1/reports',
        localAddress,
        agent: sourceAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => {
          let json: unknown = data;
          try {
            json = data ? JSON.parse(data) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just as it was reused never carried the request: send it again (Node's
      // documented pattern), once.
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried)
        postFrom(url, localAddress, body, headers, true).then(resolve, reject);
      else reject(error);
    });
    req.end(text);
  });
}

/** The i-th of many distinct /24 networks on loopback: 127.A.B.7 (i < 65,280; never 127.0.0.x). */
export const networkAddress = (i: number, host = 7) => `127.${1 + Math.floor(i / 256)}.${i % 256}.${host}`;

/** Runs `fn` over `items` with at most `limit` in flight; results in order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

/**
 * One aggregator on `backend` for the describe block that calls this: started before its tests, closed (and its storage
 * dropped) after. Read `url` inside tests; nothing starts when the backend is skipped.
 */
export function aggregatorOn(backend: Backend, opts: AggregatorOptions): { readonly url: string } {
  let agg: RunningAggregator | undefined;
  let storage: Awaited<ReturnType<Backend['storage']>> | undefined;
  beforeAll(async () => {
    if (backend.skip) return;
    storage = await backend.storage();
    agg = await startAggregator({ ...storage.options, ...opts });
  });
  afterAll(async () => {
    await agg?.close();
    await storage?.cleanup();
  });
  return {
    get url(): string {
      if (!agg) throw new Error(`no aggregator on ${backend.name}: ${backend.skip ?? 'it did not start'}`);
      return agg.url;
    },
  };
}
