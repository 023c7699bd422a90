// At a WAL segment switch the syncer walks only the WAL folder, unless a checkpoint happened since its last full pass
// (then every changed file is synced, as before): which pass ran is counted, not timed.
import { closeSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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

  it('acknowledges nothing after a failed sync, though later syncs would succeed', async () => {
    const db = await openPglite(join(dir, 'failing'));
    const wal = new WalSyncer(join(dir, 'failing'), db);
    try {
      await migrate(db);
      await wal.afterCommit();
      // The segment's descriptor closed behind the syncer's back: its next fdatasync fails (EBADF), as one the disk
      // refused would. The one after would open a fresh segment after a switch, and must still be refused.
      closeSync((wal as unknown as { segmentFd: number }).segmentFd);
      await expect(wal.afterCommit()).rejects.toThrow(/EBADF/);
      await db.query('SELECT pg_switch_wal()');
      await expect(wal.afterCommit()).rejects.toThrow(/EBADF/);
    } finally {
      (wal as unknown as { segmentFd: number | null }).segmentFd = null;
      await db.close();
      wal.close();
    }
  });

  it('creates a new segment without writing 16 MB of zeros in the commit that reaches it', async () => {
    // PostgreSQL zero-fills each new WAL segment by default; through PGlite's file layer that was a ≈ 50 ms stall of the
    // storage worker at every switch (every 16 MB of WAL, about once in 2 s under a flood). Recovery stops at the first
    // invalid record either way, and the syncer still fdatasyncs what the commits wrote.
    const db = await openPglite(join(dir, 'fresh'));
    try {
      await migrate(db);
      await db.query('SELECT pg_switch_wal()');
      await db.query("INSERT INTO service_state (service, status, since) VALUES ('facetime', 'operational', 1)");
      const rows = await db.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name');
      const segment = statSync(join(dir, 'fresh', 'pg_wal', rows[0]?.name ?? ''));
      expect(segment.size).toBe(16 * 1024 * 1024);
      expect(segment.blocks * 512, 'bytes the new segment has on disk').toBeLessThan(4 * 1024 * 1024);
    } finally {
      await db.close();
    }
  });
});
