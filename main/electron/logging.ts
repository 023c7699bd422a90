// The app's log: a rotating file under the user's log folder plus the console in development.
import log from 'electron-log/main';

/** What the other main-process modules write to; the engine gets the same function. */
export type LogLine = (level: 'info' | 'warn' | 'error', message: string) => void;

/** About 1 MB per file; electron-log keeps one rotated `.old.log` beside the current one. */
const MAX_LOG_BYTES = 1024 * 1024;

/** Configures electron-log once and returns the line writer. */
export function setupLogging(isPackaged: boolean): LogLine {
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = isPackaged ? false : 'info';
  return (level, message) => log[level](message);
}

/** Where the current log file is, for the "Report a problem" troubleshooting text. */
export function logFilePath(): string {
  return log.transports.file.getFile().path;
}
