// Runs the system sqlite3 shell (macOS ships /usr/bin/sqlite3) on a database opened read-only, feeding it a script.
import { spawn } from 'node:child_process';

export interface SqliteRun {
  /** Exit code, or null when it was killed (timeout) or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it could not run at all (no sqlite3 binary, timed out). */
  spawnError: string | null;
}

/** Longest output the count query can produce; anything more is cut (it is never more than a line). */
const MAX_OUTPUT = 64 * 1024;

/** A `file:` URI for the path with `mode=ro`: the shell opens it read-only and never creates it. */
export function readOnlyUri(path: string): string {
  // Percent-encode what a URI would misread; the path stays absolute.
  const encoded = path.replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `file:${encoded}?mode=ro`;
}

/** Runs `sqlite3 -readonly -bail -batch file:PATH?mode=ro` with the script on stdin; never rejects. */
export function runSqlite(binary: string, dbPath: string, script: string, timeoutMs: number): Promise<SqliteRun> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (run: SqliteRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(run);
    };
    const child = spawn(binary, ['-readonly', '-bail', '-batch', readOnlyUri(dbPath)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { LANG: 'C', PATH: process.env['PATH'] ?? '' },
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ code: null, stdout, stderr, spawnError: `sqlite3 took longer than ${timeoutMs} ms` });
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    child.on('error', (e) => finish({ code: null, stdout, stderr, spawnError: e.message }));
    child.on('close', (code) => finish({ code, stdout, stderr, spawnError: null }));
    // The shell may exit before reading all of stdin (e.g. a database it can't open): ignore the broken pipe.
    child.stdin.on('error', () => {});
    child.stdin.end(script);
  });
}
