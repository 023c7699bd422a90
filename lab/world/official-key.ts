// The `official` world key (CONTRACT.md): imessage, facetime, or any other Apple service name, each with a state.
import type { OfficialState } from '../../contracts/official-status.ts';
import type { Problems } from '../problems.ts';
import { OFFICIAL_STATES, describe } from '../world-keys.ts';
import { appleService, foldName } from './apple-services.ts';

/** Service (as written in the scenario) → what Apple's page says about it. */
export type OfficialSet = Record<string, OfficialState>;

const MAX_NAME = 100;

/** `.key` for a plain identifier, `["key"]` for a name with spaces or symbols ("iCloud Account & Sign In"). */
export function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Validates a step's `official` value; two keys naming the same Apple service (imessage and iMessage) are a problem. */
export function parseOfficialSet(p: Problems, path: string, value: unknown): OfficialSet {
  const set: OfficialSet = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    p.add(path, `must be an object of service → state, got ${describe(value)}`);
    return set;
  }
  const seen = new Map<string, string>();
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const at = keyPath(path, key);
    const name = key.trim();
    if (name === '' || name.length > MAX_NAME) {
      p.add(at, `a service must be imessage, facetime or an Apple service name (1–${MAX_NAME} characters), got ${JSON.stringify(key)}`);
      continue;
    }
    const same = seen.get(foldName(appleService(name).name));
    if (same !== undefined) {
      p.add(at, `names the same Apple service as "${same}"`);
      continue;
    }
    seen.set(foldName(appleService(name).name), key);
    const state = p.oneOf(at, raw, OFFICIAL_STATES);
    if (state) set[key] = state;
  }
  return set;
}
