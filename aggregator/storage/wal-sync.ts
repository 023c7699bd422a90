// "Acknowledged" means on disk for PGlite: PostgreSQL there runs with fsync=off and its file layer (Emscripten's NODEFS)
// has no fsync at all, so after each committed batch we fdatasync the WAL segment the commit was written to, once per
// batch. When the segment changes (every 16 MB of WAL) the WAL folder's changed files and the folder itself are synced;
// when a checkpoint has also happened since the last full pass (it wrote data pages and pg_control, and may retire old
// segments: every ~1 GB of WAL) and at close, every file changed since the last full pass is synced, with its folders.
// Without a checkpoint, recovery starts from the last one (fully synced then) and replays WAL that is all on disk, so
// the data files written meanwhile need no sync; the full walk (~1,000 files, ~0.3 s) stays out of most switches.
import { closeSync, fdatasyncSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from './driver.ts';
import { ReportStore } from './store.ts';

// Files changed this long before a pass started are synced again by it (mtime granularity, clock steps).
const MTIME_SLACK_MS = 2_000;

/** Syncs what PGlite wrote in one data folder. */
export class WalSyncer {
  private segment: string | null = null;
  private segmentFd: number | null = null;
  private lastPassAt = 0;
  private walPassAt = 0;
  /** The checkpoint (pg_control's checkpoint LSN) the last full pass came after; null before the first. */
  private checkpointSynced: string | null = null;
  /** Passes made at segment switches so far: WAL folder only, or everything (after a checkpoint). */
  readonly passes = { wal: 0, full: 0 };

  constructor(
    private readonly dataDir: string,
    private readonly db: Queryable,
  ) {}

  private previous: Promise<void> = Promise.resolve();

  /**
   * After a commit: the current WAL segment reaches the disk (plus the WAL folder, or a full pass, when it changed).
   * One at a time, in commit order, so a segment switch is fully synced before any later commit is acknowledged. The
   * fdatasync blocks this thread (≈ 0.1–1 ms): on the thread pool its callback waited for the next batch's SQL, which
   * holds this thread for ≈ 3 ms, and every batch answered that much later (−13 % intake). Handing the sync to the HTTP
   * thread's pool instead (the worker goes on to the next batch) measured −4 % intake and +10 % CPU a report.
   *
   * A failure fails every later call too: the kernel may have dropped the unwritten pages, and recovery stops at the
   * first missing record, so nothing written after it may be acknowledged (PostgreSQL stops there too).
   */
  afterCommit(): Promise<void> {
    const mine = this.previous.then(() => this.syncCommit());
    this.previous = mine;
    return mine;
  }

  private async syncCommit(): Promise<void> {
    const rows = await this.db.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name', [], 'wal_segment');
    const name = rows[0]?.name;
    if (!name) throw new Error('PGlite did not name its current WAL segment');
    if (name !== this.segment) {
      const previous = this.segmentFd;
      this.segmentFd = openSync(join(this.dataDir, 'pg_wal', name), 'r+');
      this.segment = name;
      if (previous !== null) {
        // The old segment's tail belongs to this commit too.
        fdatasyncSync(previous);
        closeSync(previous);
      }
      // Then the new segment's name and any segment in between; after a checkpoint, everything it may have written.
      const checkpoint = await this.checkpoint();
      if (checkpoint === this.checkpointSynced) {
        this.syncWalFolder();
        this.passes.wal += 1;
      } else {
        this.syncChangedFiles();
        this.checkpointSynced = checkpoint;
        this.passes.full += 1;
      }
    }
    fdatasyncSync(this.segmentFd as number);
  }

  /** Every file and folder changed since the last pass (first pass: everything), e.g. after PGlite's shutdown checkpoint. */
  syncChangedFiles(): void {
    const since = this.lastPassAt - MTIME_SLACK_MS;
    this.lastPassAt = Date.now();
    this.walPassAt = this.lastPassAt;
    syncTree(this.dataDir, since);
  }

  /** WAL segments changed since the last pass of any kind (new, recycled or written), and the WAL folder. */
  private syncWalFolder(): void {
    const since = this.walPassAt - MTIME_SLACK_MS;
    this.walPassAt = Date.now();
    syncTree(join(this.dataDir, 'pg_wal'), since, true);
  }

  private async checkpoint(): Promise<string> {
    const rows = await this.db.query<{ lsn: string }>(
      'SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()',
      [],
      'wal_checkpoint',
    );
    const lsn = rows[0]?.lsn;
    if (!lsn) throw new Error('PGlite did not report its last checkpoint');
    return lsn;
  }

  /** Final pass after PGlite has closed (its shutdown checkpoint wrote the data files). */
  close(): void {
    if (this.segmentFd !== null) closeSync(this.segmentFd);
    this.segmentFd = null;
    this.syncChangedFiles();
  }
}

/** fsyncs files changed at or after `since` under `dir`, then the folder itself when anything in it changed (or always). */
function syncTree(dir: string, since: number, always = false): boolean {
  let changed = false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (syncTree(path, since)) changed = true;
    } else if (entry.isFile()) {
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        continue; // Removed meanwhile (a retired WAL segment, a temp file).
      }
      if (mtime < since) continue;
      syncPath(path);
      changed = true;
    }
  }
  if (changed || always || statSync(dir).mtimeMs >= since) {
    syncPath(dir); // New, renamed or removed entries reach the disk with their folder.
    return true;
  }
  return false;
}

function syncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return; // Gone since the listing.
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The report store on PGlite in a folder: a batch is answered only after its WAL is synced. */
export class SyncedReportStore extends ReportStore {
  private readonly wal: WalSyncer;

  constructor(db: ReportStore['db'], dataDir: string) {
    super(db);
    this.wal = new WalSyncer(dataDir, db);
    // What initdb and the migrations wrote reaches the disk before the first report is taken.
    this.wal.syncChangedFiles();
  }

  override async writeBatch(...args: Parameters<ReportStore['writeBatch']>): ReturnType<ReportStore['writeBatch']> {
    const result = await super.writeBatch(...args);
    await this.wal.afterCommit();
    return result;
  }

  override async close(): Promise<void> {
    await super.close();
    this.wal.close();
  }
}

/** PGlite in a folder syncs its batches; in memory there is nothing to sync. */
export function pgliteReportStore(db: ReportStore['db'], dataDir: string | undefined): ReportStore {
  return dataDir ? new SyncedReportStore(db, dataDir) : new ReportStore(db);
}
