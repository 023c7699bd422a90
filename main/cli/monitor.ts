// `npm run monitor`: the engine headless. A live table, or `--once --json` for one round's verdicts and evidence.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../../contracts/settings.ts';
import type { AlertNotification } from '../../contracts/status.ts';
import { UsageError, usageFailure } from '../../command-line/flags.ts';
import type { MonitorEngine, ProbeTargets } from '../engine/ports.ts';
import { startMonitor, warningsTo } from '../launch/start-monitor.ts';
import { parseMonitorArgs, USAGE, type MonitorArgs } from './args.ts';
import { renderTable } from './table.ts';
import { errorText } from '../../contracts/results.ts';

export interface MonitorIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTty: boolean;
}

const TARGET_KEYS: readonly (keyof ProbeTargets)[] = [
  'dnsHosts',
  'dnsServers',
  'apns',
  'idsUrl',
  'facetimeUrl',
  'captiveUrl',
  'referenceUrls',
  'extraCa',
  'appleIssuers',
];

/** Reads a targets file; throws UsageError when it is not a JSON object of known keys. */
function readTargets(file: string): Partial<ProbeTargets> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--targets: cannot read ${file} as JSON (${errorText(e)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('--targets: the file must hold a JSON object');
  const unknown = Object.keys(parsed).filter((k) => !TARGET_KEYS.includes(k as keyof ProbeTargets));
  if (unknown.length > 0) throw new UsageError(`--targets: unknown key ${unknown.join(', ')}; known: ${TARGET_KEYS.join(', ')}`);
  return parsed as Partial<ProbeTargets>;
}

/** The monitor for these arguments; live mode starts at once, --once only checks once. */
function monitorFor(args: MonitorArgs, io: MonitorIo): MonitorEngine {
  const override: Partial<Settings> = { officialFeed: args.officialFeed, communityReports: args.communityReports };
  if (args.intervalMs !== undefined) override.probeIntervalMs = args.intervalMs;
  return startMonitor({
    dataDir: args.dataDir,
    targets: args.targetsFile ? readTargets(args.targetsFile) : undefined,
    aggregatorUrl: args.aggregatorUrl,
    settingsOverride: override,
    messagesDbPath: args.messagesDbPath,
    log: warningsTo(io.err),
    start: !args.once,
    env: io.env,
  }).engine;
}

/** Runs the CLI; resolves with the exit code (live mode resolves when `stopSignal` fires). */
export async function runMonitor(argv: readonly string[], io: MonitorIo, stopSignal?: Promise<void>): Promise<number> {
  let args: MonitorArgs;
  let engine: MonitorEngine;
  try {
    args = parseMonitorArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    engine = monitorFor(args, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(usageFailure('monitor', e.message, USAGE));
    return 2;
  }
  if (args.once) {
    const snapshot = await engine.checkNow();
    await engine.stop();
    io.out(args.json ? JSON.stringify(snapshot, null, 2) : renderTable(snapshot));
    if (!args.messagesDbPath || !snapshot.messages) return 0;
    // Asked to read a Messages database: say plainly when it couldn't be.
    if (snapshot.messages.state !== 'ok') {
      io.err(`monitor: --messages-db: ${snapshot.messages.message}`);
      return 1;
    }
    if (!args.json) io.out(`Messages: ${snapshot.messages.message}`);
    return 0;
  }
  const recent: AlertNotification[] = [];
  engine.onNotification((n) => {
    recent.push(n);
    if (recent.length > 5) recent.shift();
  });
  engine.onSnapshot((s) => {
    if (args.json) io.out(JSON.stringify(s));
    else io.out(`${io.isTty ? '\x1b[2J\x1b[H' : '\n'}${renderTable(s, recent)}`);
  });
  await (stopSignal ?? new Promise<void>(() => {}));
  await engine.stop();
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const stop = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  const io: MonitorIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    isTty: process.stdout.isTTY === true,
  };
  runMonitor(process.argv.slice(2), io, stop).then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (e: unknown) => {
      process.stderr.write(`monitor failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
