// Shared by the Messages source tests: the moment they read at, a fresh folder per test, and reading the counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createMessagesSource, type MessagesReading } from '../../../main/engine/messages/source.ts';

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
export const MIN = 60_000;
export const WINDOW = 10 * MIN;

/** A new temporary folder for each test of the file (removed after it): call once at the top, read it inside a test. */
export function freshDirEachTest(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imsm-messages-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

export const read = (dbPath: string): Promise<MessagesReading> => createMessagesSource({ dbPath }).read(NOW - WINDOW, WINDOW);

export const counts = (r: MessagesReading) => {
  if (r.state !== 'ok') throw new Error(`expected counts, got ${r.state}: ${r.message}`);
  return r.counts;
};
