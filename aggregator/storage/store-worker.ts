// Worker thread that owns the PGlite database, so SQL runs beside (not inside) the HTTP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite-driver.ts';
import { pgliteReportStore } from './wal-sync.ts';

type Call = { id: number; method: string; args: unknown[] };

const port = parentPort;
if (!port) throw new Error('storeWorker must run as a worker thread');
const { dataDir } = workerData as { dataDir?: string };
const db = await openPglite(dataDir);
await migrate(db);
const store = pgliteReportStore(db, dataDir);
port.postMessage({ ready: true });

port.on('message', (call: Call) => {
  const fn = (store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[call.method];
  if (typeof fn !== 'function') {
    port.postMessage({ id: call.id, error: `no such store method ${call.method}` });
    return;
  }
  fn.apply(store, call.args).then(
    (result) => port.postMessage({ id: call.id, result }),
    (error: unknown) => port.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
