// At a WAL segment switch the syncer walks only the WAL folder, unless a checkpoint happened since its last full pass
// (then every changed file is synced, as before): which pass ran is counted, not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../aggregator/storage/migrations.ts';
import { openPglite } from '../../aggregator/storage/pglite-driver.ts';
import { WalSyncer } from '../../aggregator/storage/wal-sync.ts';

const dir = mkdtempSync(join(tmpdir(), 'agg-walseg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

describe('PGlite WAL segment switches', { timeout: 60_000 }, () => {
  it('syncs the WAL folder at a switch, and everything after a checkpoint', async () => {
    const db = await openPglite(join(dir, 'data'));
    const wal = new WalSyncer(join(dir, 'data'), db);
    try {
      await migrate(db);
      const write = () =>
        db.query(
          "INSERT INTO service_state (service, status, since) VALUES ('imessage', 'operational', 1) ON CONFLICT (service) DO UPDATE SET since = service_state.since + 1",
        );
      await write();
      await wal.afterCommit(); // first batch: nothing synced yet by this syncer, so a full pass
      expect(wal.passes).toEqual({ wal: 0, full: 1 });
      await write();
      await wal.afterCommit(); // same segment: its fdatasync only
      expect(wal.passes).toEqual({ wal: 0, full: 1 });
      await db.query('SELECT pg_switch_wal()');
      await write();
      await wal.afterCommit(); // a new segment, no checkpoint
      expect(wal.passes).toEqual({ wal: 1, full: 1 });
      await db.exec('CHECKPOINT');
      await db.query('SELECT pg_switch_wal()');
      await write();
      await wal.afterCommit(); // a new segment after a checkpoint
      expect(wal.passes).toEqual({ wal: 1, full: 2 });
    } finally {
      await db.close();
      wal.close(); // after PGlite's shutdown checkpoint, as the store does
    }
  });
});
