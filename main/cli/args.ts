// Command-line arguments of `npm run monitor`, parsed strictly: a bad argument is an error with a message, never a guess.
import { SETTINGS_LIMITS } from '../../contracts/settings.ts';

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

export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

export const USAGE = `Usage: npm run monitor -- [options]

Shows whether iMessage and FaceTime work, and whether a problem is Apple's or your network's.

Options:
  --once               run one round, print it and exit
  --json               print the snapshot as JSON (with --once: one round's verdicts and evidence)
  --interval <ms>      probe round interval (${SETTINGS_LIMITS.probeIntervalMs.min}–${SETTINGS_LIMITS.probeIntervalMs.max})
  --aggregator <url>   community aggregator base URL (default: settings, or AGGREGATOR_URL)
  --targets <file>     JSON file with probe targets replacing Apple's real hosts
  --data-dir <dir>     where settings and queued reports live (default: MONITOR_DATA_DIR or ~/.imessage-status-monitor)
  --no-official        don't poll Apple's status feed
  --no-community       don't use the community aggregator
  --messages-db <file> count this Mac's failed iMessages in a Messages database (chat.db format; counts only)
  --help               show this help

Exit codes: 0 ok, 1 the Messages database could not be read (--once with --messages-db), 2 bad arguments.`;

/** Parses argv (without node and script); throws ArgumentError naming the bad argument. */
export function parseMonitorArgs(argv: readonly string[]): MonitorArgs {
  const args: MonitorArgs = { once: false, json: false, help: false, officialFeed: true, communityReports: true };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new ArgumentError(`${arg} needs a value`);
      i += 1;
      return v;
    };
    switch (arg) {
      case '--once':
        args.once = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--interval':
        args.intervalMs = intervalMs(value());
        break;
      case '--aggregator':
        args.aggregatorUrl = httpUrl(value());
        break;
      case '--targets':
        args.targetsFile = value();
        break;
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--no-official':
        args.officialFeed = false;
        break;
      case '--messages-db':
        args.messagesDbPath = value();
        break;
      case '--no-community':
        args.communityReports = false;
        break;
      default:
        throw new ArgumentError(`unknown argument: ${arg}`);
    }
  }
  return args;
}

function intervalMs(text: string): number {
  const { min, max } = SETTINGS_LIMITS.probeIntervalMs;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ArgumentError(`--interval must be a whole number of ms from ${min} to ${max}, got "${text}"`);
  return n;
}

function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ArgumentError(`--aggregator must be an http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ArgumentError(`--aggregator must be an http(s) URL, got "${text}"`);
  return text.replace(/\/+$/, '');
}
