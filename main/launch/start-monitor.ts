// The one way the monitor starts, for the desktop app, browser mode and `npm run monitor`: where its files live,
// which aggregator it talks to and who reports there, which Messages database it reads, where its log lines go.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EngineLog } from '../engine/log.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { createDefaultEngine, type DefaultEngineOptions } from './create-engine.ts';

/** The engine's options, where the data folder and the aggregator address have defaults from the environment. */
export interface MonitorOptions extends Partial<DefaultEngineOptions> {
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
