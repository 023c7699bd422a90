// The opt-in Messages source: reads counts (never content) from a Messages database through the sqlite3 shell.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { MessagesCounts, MessagesSourceState } from '../../../contracts/messages.ts';
import type { MESSAGES_COUNT_COLUMNS } from './query.ts';
import { countScript } from './query.ts';
import { runSqlite, type SqliteRun } from './sqlite-cli.ts';

/** macOS's own sqlite3 shell; elsewhere (tests, the lab on Linux) the one on PATH. */
export const SYSTEM_SQLITE = process.platform === 'darwin' ? '/usr/bin/sqlite3' : 'sqlite3';

export type MessagesReading =
  { state: 'ok'; counts: MessagesCounts } | { state: Exclude<MessagesSourceState, 'ok' | 'off'>; message: string };

export interface MessagesSource {
  /** The database this source reads. */
  readonly dbPath: string;
  /** Counts outgoing iMessages dated at or after cutoffMs (epoch ms); never rejects. */
  read(cutoffMs: number, windowMs: number): Promise<MessagesReading>;
}

export interface MessagesSourceOptions {
  dbPath: string;
  /** The sqlite3 shell to run; default SYSTEM_SQLITE. */
  sqliteBinary?: string;
  /** How long to wait on a locked database before calling it busy, ms. */
  busyTimeoutMs?: number;
  /** How long one read may take in all, ms. */
  runTimeoutMs?: number;
}

/** Creates a source for one database path; nothing is read until read(). */
export function createMessagesSource(opts: MessagesSourceOptions): MessagesSource {
  const binary = opts.sqliteBinary ?? SYSTEM_SQLITE;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 1_000;
  const runTimeoutMs = opts.runTimeoutMs ?? busyTimeoutMs + 4_000;
  const { dbPath } = opts;
  return {
    dbPath,
    async read(cutoffMs, windowMs) {
      const before = await checkFile(dbPath);
      if (before) return before;
      const run = await runSqlite(binary, dbPath, countScript(cutoffMs, busyTimeoutMs), runTimeoutMs);
      if (run.spawnError !== null || run.code !== 0) return classifyFailure(run, dbPath);
      return parseCounts(run.stdout, windowMs);
    },
  };
}

/** Missing file or no permission, found before sqlite3 runs (its own message would be vaguer). */
async function checkFile(path: string): Promise<MessagesReading | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { state: 'unsupported', message: `${path} is not a file.` };
    await access(path, constants.R_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', message: `There is no Messages database at ${path}.` };
    if (code === 'EPERM' || code === 'EACCES') return noPermission(path);
    return { state: 'error', message: `The Messages database can't be checked: ${(e as Error).message}` };
  }
}

const noPermission = (path: string): MessagesReading => ({
  state: 'no-permission',
  message: `This app may not read ${path}: give it Full Disk Access in System Settings → Privacy & Security.`,
});

/** Turns sqlite3's complaint into a state the popover can explain. */
function classifyFailure(run: SqliteRun, path: string): MessagesReading {
  // Some shell versions print dot-command errors on stdout: a failed run's stdout is an error message too.
  const said = `${run.spawnError ?? ''} ${run.stderr} ${run.stdout}`;
  if (run.spawnError?.includes('ENOENT'))
    return { state: 'error', message: 'The sqlite3 tool was not found, so the Messages database cannot be read.' };
  if (/not a database|malformed|file is encrypted/i.test(said))
    return { state: 'unsupported', message: `${path} is not a SQLite database.` };
  if (/no such table|no such column/i.test(said)) {
    return {
      state: 'unsupported',
      message: `${path} is not a Messages database this app understands (no message and handle tables with the columns it counts).`,
    };
  }
  if (/locked|busy/i.test(said)) return { state: 'busy', message: 'The Messages database is busy; trying again next round.' };
  if (/authori[sz]ation denied|permission denied|operation not permitted/i.test(said)) return noPermission(path);
  if (/unable to open/i.test(said)) return { state: 'missing', message: `The Messages database at ${path} can't be opened.` };
  const first = said.trim().split('\n')[0]?.slice(0, 200) ?? '';
  return { state: 'error', message: `The Messages database could not be read${first ? `: ${first}` : '.'}` };
}

/** Parses the query's one JSON row, keeping only the known count columns. */
export function parseCounts(stdout: string, windowMs: number): MessagesReading {
  let rows: unknown;
  try {
    rows = JSON.parse(stdout);
  } catch {
    return { state: 'error', message: 'The Messages database answered with something other than counts.' };
  }
  const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
  if (typeof row !== 'object' || row === null) return { state: 'error', message: 'The Messages database answered with no counts.' };
  const value = (key: (typeof MESSAGES_COUNT_COLUMNS)[number]): number | null => {
    const v = (row as Record<string, unknown>)[key];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
  };
  const counts: MessagesCounts = {
    windowMs,
    sent: value('sent') ?? 0,
    failed: value('failed') ?? 0,
    delivered: value('delivered') ?? 0,
    failedRecipients: value('failedRecipients') ?? 0,
    lastDeliveryAt: value('lastDeliveryAt'),
    failedSinceDelivery: value('failedSinceDelivery') ?? 0,
    recipientsSinceDelivery: value('recipientsSinceDelivery') ?? 0,
    smsSent: value('smsSent') ?? 0,
    greenSent: value('greenSent') ?? 0,
    greenRecipients: value('greenRecipients') ?? 0,
  };
  return { state: 'ok', counts };
}
