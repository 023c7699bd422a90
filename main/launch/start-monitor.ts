// The one way the monitor starts, for the desktop app, browser mode and `npm run monitor`: where its files live,
// which aggregator it talks to and who reports there, which Messages database it reads, where its log lines go.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDefaultEngine, type DefaultEngineOptions } from '../engine/create-engine.ts';
import type { EngineLog } from '../engine/engine-deps.ts';
import type { MonitorEngine } from '../engine/ports.ts';

export interface MonitorOptions extends Omit<DefaultEngineOptions, 'dataDir'> {
  /** Settings, client id and the offline report queue; default MONITOR_DATA_DIR, else ~/.imessage-status-monitor. */
  dataDir?: string;
  /** Overrides the stored aggregator address for this run (--aggregator, the lab); default AGGREGATOR_URL. */
  aggregatorUrl?: string;
  /** A Messages database read whatever the platform and the opt-in say (--messages-db, the lab). */
  messagesDbPath?: string;
  /** The engine's log lines; default none. */
  log?: EngineLog;
  /** Start the schedules now (default). The desktop app wires its tray and window first; `--once` checks once. */
  start?: boolean;
  /** Where MONITOR_DATA_DIR and AGGREGATOR_URL are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface Monitor {
  engine: MonitorEngine;
  /** The data folder in use (absolute). */
  dataDir: string;
  /** The aggregator address this run overrides the settings with; undefined when the settings decide. */
  aggregatorOverride: string | undefined;
}

/** Creates the engine for these options and starts it (unless `start: false`). */
export function startMonitor(opts: MonitorOptions = {}): Monitor {
  const { start = true, env = process.env, ...engineOptions } = opts;
  const dataDir = resolve(opts.dataDir ?? env['MONITOR_DATA_DIR'] ?? join(homedir(), '.imessage-status-monitor'));
  const aggregatorOverride = (opts.aggregatorUrl ?? env['AGGREGATOR_URL'] ?? '').trim() || undefined;
  const engine = createDefaultEngine({
    ...engineOptions,
    dataDir,
    aggregatorUrl: aggregatorOverride,
    messagesDbPath: opts.messagesDbPath ? resolve(opts.messagesDbPath) : undefined,
  });
  if (start) engine.start();
  return { engine, dataDir, aggregatorOverride };
}

/** A log that prints warnings only, as "warning: …" (the CLI and browser mode). */
export function warningsTo(write: (line: string) => void): EngineLog {
  return { info: () => {}, warn: (message) => write(`warning: ${message}`) };
}
