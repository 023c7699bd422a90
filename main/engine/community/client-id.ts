// One random UUID per install, kept in the data folder: the aggregator counts distinct clients, never people.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/json-file.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const CLIENT_ID_FILE = 'client-id';

/** A version-4 UUID from an injected random source (0 ≤ r < 1), or from the crypto module. */
export function makeUuid(random?: () => number): string {
  if (!random) return randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16) & 15);
  hex[12] = 4;
  hex[16] = ((hex[16] ?? 0) & 3) | 8;
  const s = hex.map((n) => n.toString(16)).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * Reads this install's client id from `dataDir`, creating it on first use (or when the file is damaged).
 * A folder that refuses the new id still gets one for this run; `onSaveError` hears why it could not be kept.
 */
export function loadClientId(dataDir: string, random?: () => number, onSaveError?: (message: string) => void): string {
  const path = join(dataDir, CLIENT_ID_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (UUID.test(existing)) return existing.toLowerCase();
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const id = makeUuid(random);
  try {
    writeFileAtomic(path, `${id}\n`);
  } catch (err) {
    onSaveError?.((err as Error).message);
  }
  return id;
}
