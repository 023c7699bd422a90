// The Store interface, proxied to a worker thread that owns PGlite (calls are structured-cloned both ways).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Store } from './store.ts';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Set to a bundle of store-worker.ts to start that instead of the sources: the test runs build one per run
 * (scripts/cli-bundle.ts), and a worker then starts on ≈ 0.7 s less CPU than with tsx loading its modules.
 */
export const STORE_WORKER_BUNDLE_ENV = 'AGGREGATOR_STORE_WORKER_BUNDLE';

/** Worker source: a prebuilt bundle if named, else registers tsx when running from TypeScript sources and loads the module. */
function bootstrap(): string {
  const fail = '.catch((e) => { console.error(e); process.exit(1); })';
  const bundle = process.env[STORE_WORKER_BUNDLE_ENV];
  if (bundle) return `import(${JSON.stringify(pathToFileURL(bundle).href)})${fail};`;
  const fromTs = import.meta.url.endsWith('.ts');
  const entry = JSON.stringify(new URL(`./store-worker.${fromTs ? 'ts' : 'js'}`, import.meta.url).href);
  if (!fromTs) return `import(${entry})${fail};`;
  const api = JSON.stringify(
    pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href,
  );
  return `import(${api}).then((tsx) => { tsx.register(); return import(${entry}); })${fail};`;
}

/** Starts the worker (migrations included) and resolves once it is ready. */
export async function openWorkerStore(dataDir: string | undefined): Promise<Store> {
  const worker = new Worker(bootstrap(), { eval: true, workerData: { dataDir } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`store worker exited with ${code}`)));
  });
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  const fail = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`store worker exited with ${code}`)));

  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = (nextId += 1);
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  const proxy = new Proxy({} as Record<string, unknown>, {
    get(_target, prop) {
      if (prop === 'kind') return 'pglite';
      if (prop === 'then') return undefined;
      if (prop === 'close') {
        return async () => {
          await call('close', []);
          await worker.terminate();
        };
      }
      return (...args: unknown[]) => call(String(prop), args);
    },
  });
  return proxy as unknown as Store;
}
