// Picks the backend: PostgreSQL in this thread when a URL is given, else PGlite in a worker thread
// (falling back to this thread where a worker cannot load the sources, e.g. inside a bundled Electron main).
import { migrate } from './migrations.ts';
import { openPg } from './pgDriver.ts';
import { openPglite } from './pgliteDriver.ts';
import { ReportStore } from './store.ts';
import type { Store } from './store.ts';
import { openWorkerStore } from './workerStore.ts';

/** Opens and migrates the storage. */
export async function openStore(opts: { databaseUrl?: string; dataDir?: string; log?: (line: string) => void }): Promise<Store> {
  if (opts.databaseUrl) {
    const db = await openPg(opts.databaseUrl);
    await migrate(db);
    return new ReportStore(db);
  }
  try {
    return await openWorkerStore(opts.dataDir);
  } catch (error) {
    opts.log?.(`storage worker unavailable (${error instanceof Error ? error.message : String(error)}); using PGlite in the main thread`);
    const db = await openPglite(opts.dataDir);
    await migrate(db);
    return new ReportStore(db);
  }
}
