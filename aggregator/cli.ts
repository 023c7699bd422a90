// `npm run aggregator -- --port 8787 --data ./data [--host …] [--trust-proxy …] [--cors-origin …]`; DATABASE_URL selects PostgreSQL.
import type { NetworkFlags } from './networkFlags.ts';
import { NETWORK_USAGE, networkFlagsFromEnv, takeNetworkFlag } from './networkFlags.ts';
import { startAggregator } from './server.ts';

const USAGE = `usage: npm run aggregator -- [--port 8787] [--host 127.0.0.1] [--data ./data] [--no-rate-limit] [--rate-limit N] ${NETWORK_USAGE}`;

function parseArgs(argv: string[]): { port: number; host: string; data: string; rateLimit: { perMinute: number } | false; network: NetworkFlags } {
  const out = { port: 8787, host: '127.0.0.1', data: './data', rateLimit: { perMinute: 30 } as { perMinute: number } | false, network: networkFlagsFromEnv(process.env) };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const needValue = () => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      i += 1;
      return value;
    };
    if (flag === '--port') {
      const v = needValue();
      out.port = /^\d{1,5}$/.test(v) && Number(v) <= 65535 ? Number(v) : NaN;
      if (Number.isNaN(out.port)) throw new Error(`--port must be 0–65535, got ${v}`);
    } else if (flag === '--host') out.host = needValue();
    else if (flag === '--data') out.data = needValue();
    else if (flag === '--no-rate-limit') out.rateLimit = false;
    else if (flag === '--rate-limit') {
      const v = Number(needValue());
      if (!(Number.isInteger(v) && v > 0)) throw new Error('--rate-limit must be a positive integer');
      out.rateLimit = { perMinute: v };
    } else if (!takeNetworkFlag(flag ?? '', needValue, out.network)) throw new Error(`unknown argument ${flag}`);
  }
  return out;
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`aggregator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const databaseUrl = process.env.DATABASE_URL || undefined;
const running = await startAggregator({ port: args.port, host: args.host, dataDir: args.data, databaseUrl, rateLimit: args.rateLimit, ...args.network, log }).catch(
  (error: unknown) => {
    console.error(`aggregator: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
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
