// Command-line arguments of `npm run monitor`, parsed strictly: a bad argument is an error with a message, never a guess.
import { SETTINGS_LIMITS } from '../../contracts/settings.ts';
import { httpUrl, parseFlags, wholeNumber } from '../../command-line/flags.ts';

export interface MonitorArgs {
  once: boolean;
  json: boolean;
  help: boolean;
  intervalMs?: number;
  aggregatorUrl?: string;
  /** JSON file with probe targets (partial ProbeTargets) replacing Apple's real hosts. */
  targetsFile?: string;
  dataDir?: string;
  officialFeed: boolean;
  communityReports: boolean;
  /** A Messages database (chat.db format) to count failed iMessages in, on any platform. */
  messagesDbPath?: string;
}

export const USAGE = `usage: npm run monitor -- [options]

Shows whether iMessage and FaceTime work, and whether a problem is Apple's or your network's.

Options:
  --once               run one round, print it and exit
  --json               print the snapshot as JSON (with --once: one round's verdicts and evidence)
  --interval <ms>      probe round interval (${SETTINGS_LIMITS.probeIntervalMs.min}–${SETTINGS_LIMITS.probeIntervalMs.max})
  --aggregator <url>   community server address (default: settings, or AGGREGATOR_URL)
  --targets <file>     JSON file with probe targets replacing Apple's real hosts
  --data <dir>         where settings and queued reports live (default: MONITOR_DATA_DIR or ~/.imessage-status-monitor)
  --no-official        don't poll Apple's status feed
  --no-community       don't use the community server
  --messages-db <file> count this Mac's failed iMessages in a Messages database (chat.db format; counts only)
  --help               show this help

Exit codes: 0 ok, 1 the Messages database could not be read (--once with --messages-db), 2 bad arguments.`;

const FLAGS = {
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  interval: { type: 'string' },
  aggregator: { type: 'string' },
  targets: { type: 'string' },
  data: { type: 'string' },
  'no-official': { type: 'boolean' },
  'no-community': { type: 'boolean' },
  'messages-db': { type: 'string' },
} as const;

/** Parses argv (without node and script); throws UsageError naming the bad argument. */
export function parseMonitorArgs(argv: readonly string[]): MonitorArgs {
  const { values: v } = parseFlags(argv, FLAGS);
  const { min, max } = SETTINGS_LIMITS.probeIntervalMs;
  return {
    once: v.once === true,
    json: v.json === true,
    help: v.help === true,
    officialFeed: v['no-official'] !== true,
    communityReports: v['no-community'] !== true,
    ...(v.interval !== undefined ? { intervalMs: wholeNumber('--interval', v.interval, min, max, ' of ms') } : {}),
    ...(v.aggregator !== undefined ? { aggregatorUrl: httpUrl('--aggregator', v.aggregator) } : {}),
    ...(v.targets !== undefined ? { targetsFile: v.targets } : {}),
    ...(v.data !== undefined ? { dataDir: v.data } : {}),
    ...(v['messages-db'] !== undefined ? { messagesDbPath: v['messages-db'] } : {}),
  };
}
