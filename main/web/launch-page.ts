// The browser is opened on a small file that forwards to the one-time launch address, so the token never appears on
// a command line (`ps`) — the opener is handed only the file's path, and the file is readable by this user alone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../engine/files/json-file.ts';

export const LAUNCH_PAGE_FILE = 'open-monitor.html';
// Long enough for a slow browser start; the token inside works once and expires anyway.
const KEEP_MS = 2 * 60_000;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes `<dir>/open-monitor.html` (mode 0600) forwarding to `launchUrl`, removed again after a while; returns its path. */
export function writeLaunchPage(dir: string, launchUrl: string): string {
  const path = join(dir, LAUNCH_PAGE_FILE);
  const url = escapeHtml(launchUrl);
  writeFileAtomic(
    path,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${url}"><link rel="icon" href="data:,"><title>Opening the monitor…</title><a href="${url}">Open the monitor</a>\n`,
  );
  setTimeout(() => rmSync(path, { force: true }), KEEP_MS).unref();
  return path;
}
