import { randomUUID } from 'node:crypto';
import { openDriver } from './aggregator/storage/driver.ts';
import { migrate } from './aggregator/storage/migrations.ts';
import { ReportStore } from './aggregator/storage/store.ts';
import { answerFor } from './aggregator/reportIntake.ts';
const db = await openDriver({ dataDir: '/tmp/prof-pgl' });
await migrate(db);
if (process.argv[2] === 'nofsync') { await db.query('ALTER SYSTEM SET fsync = off'); await db.query('SELECT pg_reload_conf()'); }
console.log(await db.query('SHOW fsync'), await db.query('SHOW synchronous_commit'), await db.query('SHOW wal_sync_method'));
const store = new ReportStore(db);
for (let round = 0; round < 3; round++) for (const n of [1, 64, 500]) {
  const reps = Array.from({ length: n }, () => ({ id: randomUUID(), service: 'imessage' as const, kind: 'problem' as const, problem: 'other' as const, clientId: randomUUID(), at: Date.now(), evidence: null, idempotencyKey: null }));
  const t = performance.now();
  await store.writeBatch(reps, [], { dedupWindowMs: 900000, bucketMs: 300000, answer: (r, ok) => answerFor(r, ok) });
  console.log(n, (performance.now() - t).toFixed(1), 'ms');
}
await db.close();
