// The deployment secret every day key derives from: AGGREGATOR_SECRET, else a file made on the first start (mode 0600)
// in the data folder. The database keeps only a check value, so a node holding another secret refuses to start.
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SECRET_FILE = 'aggregator-secret';
const MIN_SECRET_CHARS = 16;

/** Where the secret came from, for the start-up log and the refusal message. */
export interface DeploymentSecret {
  secret: string;
  source: string;
}

/** The environment's secret, else the data folder's file (created when missing), else a fresh one for this process. */
export function resolveSecret(opts: { secret?: string; dataDir?: string }): DeploymentSecret {
  if (opts.secret !== undefined) {
    if (opts.secret.trim().length < MIN_SECRET_CHARS)
      throw new Error(`AGGREGATOR_SECRET must be at least ${MIN_SECRET_CHARS} characters (e.g. openssl rand -base64 32)`);
    return { secret: opts.secret.trim(), source: 'AGGREGATOR_SECRET' };
  }
  if (!opts.dataDir) return { secret: randomBytes(32).toString('base64url'), source: 'this process (in-memory storage)' };
  mkdirSync(opts.dataDir, { recursive: true });
  const path = resolve(join(opts.dataDir, SECRET_FILE));
  return { secret: readOrCreate(path), source: path };
}

function readOrCreate(path: string): string {
  try {
    // 'wx': only the first start creates it; a second process racing loses and reads the winner's.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create ${path}: ${String(error)}`, { cause: error });
  }
  if ((statSync(path).mode & 0o077) !== 0) throw new Error(`${path} is readable by other users: chmod 600 it`);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_SECRET_CHARS) throw new Error(`${path} holds no usable secret (empty or too short): remove it or restore it`);
  return secret;
}

/** What the database keeps to recognise the secret: an HMAC of a fixed label, which reveals nothing of the secret. */
export function secretCheckValue(secret: string): string {
  return createHmac('sha256', secret).update('imsm aggregator secret check v1').digest('hex');
}

/** Stores the check value on first use; throws, saying why and what to do, when the database holds another. */
export async function verifySecret(store: { secretCheck(candidate: string): Promise<string> }, secret: DeploymentSecret): Promise<void> {
  const mine = secretCheckValue(secret.secret);
  const stored = await store.secretCheck(mine);
  if (stored !== mine)
    throw new Error(
      `this database was set up with a different deployment secret than the one from ${secret.source}: every node sharing ` +
        "a database needs the same secret (set AGGREGATOR_SECRET to the first node's, or copy its data-folder file " +
        `${SECRET_FILE}); a new secret would split every network and client in two for the day`,
    );
}
