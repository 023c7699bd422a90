// Where the engine's log lines go (the desktop app's log file, the CLI's stderr, the lab's event log, or nowhere).

export interface EngineLog {
  info(message: string): void;
  warn(message: string): void;
}

export const SILENT_LOG: EngineLog = { info: () => {}, warn: () => {} };
