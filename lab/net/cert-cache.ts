// Making the kit's certificates costs about 3 s of CPU (four RSA keys, signatures in JavaScript), and every lab
// scenario and probe test runs in a process of its own. So they are made once and kept under node_modules/.cache,
// each file written whole (a temporary file renamed into place), and made again when close to expiry.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'imsm-lab-certs');
/** A certificate is remade when it expires within this long (they are issued for 30 days). */
const MARGIN_MS = 7 * 24 * 3600_000;

/** Whether every certificate in `pems` is valid now and for at least a week more. */
export function stillValid(pems: readonly string[], now = Date.now()): boolean {
  try {
    return pems.every((pem) => {
      const cert = new X509Certificate(pem);
      return Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) - MARGIN_MS > now;
    });
  } catch {
    return false;
  }
}

/** The value stored under `key` when `usable` accepts it; otherwise `make()`, stored for the next process. */
export function cached<T>(key: string, make: () => T, usable: (value: T) => boolean, dir = DIR): T {
  const file = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    if (usable(value)) return value;
  } catch {
    // missing or unreadable: make it
  }
  const value = make();
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
  } catch {
    // a read-only tree still works, only slower
  }
  return value;
}
