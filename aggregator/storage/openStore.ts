// Picks the backend: PostgreSQL in this thread when a URL is given, else PGlite in a worker thread.
import { migrate } from './migrations.ts';
import { openPg } from './pgDriver.ts';
import { ReportStore } from './store.ts';
import type { Store } from './store.ts';
import { openWorkerStore } from './workerStore.ts';

/** Opens and migrates the storage. */
export async function openStore(opts: { databaseUrl?: string; dataDir?: string }): Promise<Store> {
  if (!opts.databaseUrl) return openWorkerStore(opts.dataDir);
  const db = await openPg(opts.databaseUrl);
  await migrate(db);
  return new ReportStore(db);
}
