// Small JSON files that survive crashes: atomic replace on write, corrupt files moved aside on read.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Writes `text` to a temporary file beside `path`, flushes it, then renames it over `path`. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  counter += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
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
