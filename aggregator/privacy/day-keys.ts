// Per-UTC-day keys, HMAC(secret, day): network ids and client hashes of one day can be compared, never across days,
// and no key is stored anywhere (the secret lives outside the database).
import { createHmac } from 'node:crypto';

export const DAY_MS = 86_400_000;

/** Derives and caches the keys of the days in use (today, yesterday for the midnight window). */
export class DayKeys {
  private readonly keys = new Map<number, Buffer>();

  constructor(private readonly secret: string) {}

  /** The key of UTC day `day` (days since the epoch). */
  key(day: number): Buffer {
    let k = this.keys.get(day);
    if (!k) {
      if (this.keys.size >= 4) this.keys.clear();
      k = createHmac('sha256', this.secret).update(`day ${day}`).digest();
      this.keys.set(day, k);
    }
    return k;
  }

  /** A keyed hash of `text` with day `day`'s key, as `hexChars` hex characters. */
  hash(day: number, text: string, hexChars: number): string {
    return createHmac('sha256', this.key(day)).update(text).digest('hex').slice(0, hexChars);
  }
}
