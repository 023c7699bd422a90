// Picks the backend: PostgreSQL in this thread when a URL is given, else PGlite in a worker thread
// (falling back to this thread where a worker cannot load the sources, e.g. inside a bundled Electron main).
// A PGlite data folder is locked for this process first, so two aggregators never share one. Each backend's driver is
// loaded only when chosen: PostgreSQL's client and PGlite (which the worker loads itself) cost ≈ 0.5 s of CPU to import.
import { lockDataFolder } from '../data-folder-lock.ts';
import type { DataFolderLock } from '../data-folder-lock.ts';
import { migrate } from './migrations.ts';
import { ReportStore } from './store.ts';
import type { Store } from './store.ts';
import { pgliteReportStore } from './wal-sync.ts';
import { openWorkerStore } from './worker-store.ts';

/** Opens and migrates the storage. */
export async function openStore(opts: { databaseUrl?: string; dataDir?: string; log?: (line: string) => void }): Promise<Store> {
  if (opts.databaseUrl) {
    const { openPg } = await import('./pg-driver.ts');
    const db = await openPg(opts.databaseUrl);
    await migrate(db);
    return new ReportStore(db);
  }
  const lock = opts.dataDir ? lockDataFolder(opts.dataDir) : null;
  try {
    return releasingOnClose(await openPgliteStore(opts), lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPgliteStore(opts: { dataDir?: string; log?: (line: string) => void }): Promise<Store> {
  try {
    return await openWorkerStore(opts.dataDir);
  } catch (error) {
    opts.log?.(`storage worker unavailable (${error instanceof Error ? error.message : String(error)}); using PGlite in the main thread`);
    const { openPglite } = await import('./pglite-driver.ts');
    const db = await openPglite(opts.dataDir);
    await migrate(db);
    return pgliteReportStore(db, opts.dataDir);
  }
}

/** The same store, whose close() also gives the data folder back. */
function releasingOnClose(store: Store, lock: DataFolderLock | null): Store {
  if (!lock) return store;
  const close = async () => {
    try {
      await store.close();
    } finally {
      lock.release();
    }
  };
  return new Proxy(store, { get: (target, prop, receiver) => (prop === 'close' ? close : Reflect.get(target, prop, receiver)) });
}
