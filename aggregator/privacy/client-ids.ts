// What is stored instead of a report's clientId: a keyed hash with that day's key. Deduplication only needs equality
// within a day; the hash can't be reversed without the secret, and tomorrow's hash of the same install differs.
import type { DayKeys } from './day-keys.ts';
import { DAY_MS } from './day-keys.ts';

export class ClientIds {
  constructor(
    private readonly keys: DayKeys,
    private readonly now: () => number,
  ) {}

  /** The stored stand-in for `clientId` today: 32 hex characters, never the id's text or bytes. */
  pseudonym(clientId: string): string {
    return `c${this.keys.hash(Math.floor(this.now() / DAY_MS), `client ${clientId.toLowerCase()}`, 31)}`;
  }
}
