// One aggregator per data folder: an exclusive flock(2) on `<data>/aggregator.lock`, owned by this process.
// Node has no flock, so the standard `flock` tool (util-linux; perl's Fcntl where it is missing, e.g. macOS) takes the
// lock on a descriptor this process opened and lends it: flock locks belong to the open file description, so the
// lock stays with this process after the tool exits and the kernel drops it the moment the process dies (even SIGKILL).
import { spawnSync } from 'node:child_process';
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'aggregator.lock';

export interface DataFolderLock {
  readonly path: string;
  release(): void;
}

/** Thrown when another live process holds the folder; the message names the folder and that process. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number | null,
  ) {
    super(`data folder ${folder} is in use by another aggregator (PID ${holderPid ?? 'unknown'}); stop it or pass another --data`);
    this.name = 'DataFolderBusyError';
  }
}

const LOCKED = 0;
const BUSY = 1;
// Inherited as the child's descriptor 3; the tools exit 0 when locked, 1 when another description holds it.
const FLOCK_ARGS = ['-x', '-n', '3'];
const PERL_ARGS = ['-MFcntl=:flock', '-e', 'open(my $fh, "+<&=", 3) or exit 2; flock($fh, LOCK_EX | LOCK_NB) or exit 1; exit 0'];

/** Locks `folder` (created if missing) for this process, or throws DataFolderBusyError. */
export function lockDataFolder(folder: string): DataFolderLock {
  const absolute = resolve(folder);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, LOCK_FILE);
  // Not truncated on open: the holder's PID must stay readable to a loser.
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let outcome: number;
  try {
    outcome = takeFlock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (outcome === BUSY) {
    closeSync(fd);
    throw new DataFolderBusyError(absolute, readHolderPid(path));
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      closeSync(fd);
    },
  };
}

/** Runs flock (or perl) on our descriptor; LOCKED or BUSY, throws when neither tool works. */
function takeFlock(fd: number): number {
  if (process.platform === 'win32') return LOCKED; // No flock there; the aggregator is a Unix service.
  for (const [command, args] of [
    ['flock', FLOCK_ARGS],
    ['perl', PERL_ARGS],
  ] as const) {
    const run = spawnSync(command, [...args], { stdio: ['ignore', 'ignore', 'pipe', fd] });
    if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') continue;
    if (run.status === 0) return LOCKED;
    if (run.status === 1) return BUSY;
    throw new Error(
      `could not lock ${LOCK_FILE} with ${command}: ${run.error?.message ?? (run.stderr.toString().trim() || `exit ${String(run.status)}`)}`,
    );
  }
  throw new Error('neither flock nor perl is installed, so the data folder cannot be locked');
}

/** The PID the holder wrote; it writes right after locking, so an empty file is given a moment (null if it stays empty). */
function readHolderPid(path: string): number | null {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const text = readFileSync(path, 'utf8').trim();
    if (/^\d+$/.test(text)) return Number(text);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
  return null;
}
