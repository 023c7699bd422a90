// `npm run aggregator -- --port 8787 --data ./data [--host …] [--trust-proxy …] [--cors-origin …]`; DATABASE_URL selects PostgreSQL.
import { setFlagsFromString } from 'node:v8';
import { parseFlags, portNumber, usageFailure, wholeNumber } from '../command-line/flags.ts';
import type { NetworkFlags } from './network-flags.ts';
import { NETWORK_FLAGS, NETWORK_USAGE, applyNetworkFlags, networkFlagsFromEnv } from './network-flags.ts';
import { startAggregator } from './server.ts';

/**
 * How far V8 lets the old generation grow past what it kept at its last full collection, in percent (read at every
 * collection, so setting it here takes effect). V8's own choice, up to ≈ 3× under a flood, made the resident size climb
 * for minutes after the caches had filled (≈ 60 MB kept, ≈ 220 MB reserved); 15 % holds it near what is kept, for a
 * few more full collections (README → Scale → Bounds). A process this server is not the whole of keeps V8's default.
 */
const HEAP_GROWING_PERCENT = 15;

const USAGE = `usage: npm run aggregator -- [--port 8787] [--host 127.0.0.1] [--data ./data] [--no-rate-limit] [--rate-limit N] ${NETWORK_USAGE}`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'no-rate-limit': { type: 'boolean' },
  'rate-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...NETWORK_FLAGS,
} as const;

interface AggregatorArgs {
  help: boolean;
  port: number;
  host: string;
  data: string;
  rateLimit: { perMinute: number } | false;
  network: NetworkFlags;
}

/** Parses argv over the environment's defaults; throws naming the bad flag or variable. */
function parseAggregatorArgs(argv: string[]): AggregatorArgs {
  const { values: v } = parseFlags(argv, FLAGS);
  const rateLimit =
    v['rate-limit'] !== undefined ? { perMinute: wholeNumber('--rate-limit', v['rate-limit'], 1, 999_999_999) } : { perMinute: 30 };
  return {
    help: v.help === true,
    port: v.port !== undefined ? portNumber('--port', v.port) : 8787,
    host: v.host ?? '127.0.0.1',
    data: v.data ?? './data',
    rateLimit: v['no-rate-limit'] ? false : rateLimit,
    network: applyNetworkFlags(v, networkFlagsFromEnv(process.env)),
  };
}

let args: AggregatorArgs;
try {
  args = parseAggregatorArgs(process.argv.slice(2));
} catch (error) {
  console.error(usageFailure('aggregator', error instanceof Error ? error.message : String(error), USAGE));
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const databaseUrl = process.env.DATABASE_URL || undefined;
const running = await startAggregator({
  port: args.port,
  host: args.host,
  dataDir: args.data,
  databaseUrl,
  rateLimit: args.rateLimit,
  ...args.network,
  log,
}).catch((error: unknown) => {
  console.error(`aggregator: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: finishing in-flight requests and flushing`);
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`aggregator: unclean shutdown: ${String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// The port line is what scripts (and the tests) wait for: printed after the handlers, so a stop right after it drains.
console.log(`listening ${running.url}`);
