// Small JSON files that survive crashes and full disks: atomic replace on write, corrupt files moved aside on read.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes `text` to a temporary file beside `path` (looping on short writes), fsyncs it, checks its size, renames it
 * over `path` and fsyncs the folder. Any failure (disk full, read-only, file-size limit) throws and leaves the old file
 * as it was: a partial temporary file is removed, never renamed.
 * (write-file-atomic's sync path ignores short writes and never syncs the folder, hence this.)
 */
export function writeFileAtomic(path: string, text: string): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  counter += 1;
  const temp = join(folder, `.${basename(path)}.${process.pid}.${counter}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
      const size = fstatSync(fd).size;
      if (size !== bytes.length) throw new Error(`wrote ${size} of ${bytes.length} bytes to ${temp}`);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(folder);
}

/** write(2) may write less than asked (a file-size limit, a signal); keep going until all is written or it throws. */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw new Error('the disk accepted no more bytes');
    offset += written;
  }
}

/** The rename reaches the disk with its folder; folders cannot be opened for fsync on Windows, so it is skipped there. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type JsonRead = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt'; movedTo: string | null; reason: string };

/** Reads and parses a JSON file; a file that does not parse is renamed to `<name>.corrupt-<timestamp>`. */
export function readJsonOrMoveAside(path: string, now: number = Date.now()): JsonRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', movedTo: moveAside(path, now), reason: (err as Error).message };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (err) {
    return { kind: 'corrupt', movedTo: moveAside(path, now), reason: (err as Error).message };
  }
}

/** Renames a damaged file out of the way, keeping it for inspection; null when even that fails. */
export function moveAside(path: string, now: number = Date.now()): string | null {
  const stamp = new Date(Number.isFinite(now) ? now : Date.now()).toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  try {
    renameSync(path, target);
    return target;
  } catch {
    return null;
  }
}
