// The app's log: a rotating file in the OS log folder, plus the console in development.
// electron-log's Node flavour is used on purpose: its Electron flavour opens an IPC channel for renderers to log through,
// and our renderer has no business writing to main's files.
import { app } from 'electron';
import log from 'electron-log/node';
import { join } from 'node:path';

/** What the other main-process modules write to; the engine gets the same function. */
export type LogLine = (level: 'info' | 'warn' | 'error', message: string) => void;

/** About 1 MB per file; electron-log keeps one rotated `.old.log` beside the current one. */
const MAX_LOG_BYTES = 1024 * 1024;

/** Configures electron-log once and returns the line writer; the file is `<logs>/main.log`. */
export function setupLogging(isPackaged: boolean): LogLine {
  log.transports.file.resolvePathFn = () => join(app.getPath('logs'), 'main.log');
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = isPackaged ? false : 'info';
  return (level, message) => log[level](message);
}
