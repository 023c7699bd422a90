// Wires storage, intake, detection, status, stream and routes into one HTTP server: startAggregator().
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICE_IDS } from '../contracts/status.ts';
import { TrustedProxies } from './http/client-address.ts';
import type { DetectionConfig } from './detection/config.ts';
import { WEEK_HOURS, claimWindowMs, detectionConfig } from './detection/config.ts';
import { Detector } from './detection/detector.ts';
import { checkCorsOrigins, sendJson } from './http/http-io.ts';
import { DAY_MS, NetworkIds } from './intake/network-ids.ts';
import { startOfficialMirror } from './detection/official-mirror.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { ReportIntake } from './intake/report-intake.ts';
import { ReportQueue } from './intake/report-queue.ts';
import { route, statusCacheControl } from './http/routes.ts';
import { StatusBoard } from './detection/status-board.ts';
import { StatusStream } from './http/status-stream.ts';
import { openStore } from './storage/open-store.ts';
import { encodeBatch } from './storage/report-batch.ts';

export interface AggregatorOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** PGlite data folder (created if missing); in memory when neither this nor databaseUrl is set. */
  dataDir?: string;
  /** PostgreSQL connection string; wins over dataDir. */
  databaseUrl?: string;
  detection?: Partial<DetectionConfig>;
  /** One report per client and service counts inside this window (default 3 buckets). */
  dedupWindowMs?: number;
  /** Per-network limit on POST /v1/reports (default 30 a minute, sliding); false turns it off. */
  rateLimit?: { perMinute: number } | false;
  now?: () => number;
  /** Browser origins allowed by CORS, exact `http(s)://host[:port]` (none by default; never `null` or `file://`). */
  corsOrigins?: string[];
  /** Proxies (CIDRs) whose X-Forwarded-For / Forwarded name the client; nobody's by default. */
  trustProxy?: string[];
  /** Network prefix lengths: a reporter is an IPv4 /24 (default) or an IPv6 /48 (default). */
  ipv4Prefix?: number;
  ipv6Prefix?: number;
  /** Open TCP connections the server accepts at once (default 10,000), so no host can exhaust file descriptors. */
  maxConnections?: number;
  /** Open /v1/stream connections per network (default 8). */
  maxStreamsPerNetwork?: number;
  officialMirror?: { consumerUrl: string; pollMs: number } | false;
  log?: (line: string) => void;
  /** Raw reports older than this are pruned (aggregates stay); default 7 days. */
  retainRawMs?: number;
  /** Idempotency answers are kept this long; default 24 h. */
  answersTtlMs?: number;
  sseHeartbeatMs?: number;
  maxBatch?: number;
}

export interface RunningAggregator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the aggregator: migrations, state restore, HTTP server. */
export async function startAggregator(opts: AggregatorOptions = {}): Promise<RunningAggregator> {
  const cfg = detectionConfig(opts.detection);
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const dedupWindowMs = opts.dedupWindowMs ?? 3 * cfg.bucketMs;
  const answersTtlMs = opts.answersTtlMs ?? 86_400_000;
  const retainRawMs = opts.retainRawMs ?? 7 * 86_400_000;
  const claimMs = claimWindowMs(cfg);
  const trustedProxies = new TrustedProxies(opts.trustProxy ?? []);
  const corsOrigins = checkCorsOrigins(opts.corsOrigins ?? []);
  const ipv4Prefix = prefixLength(opts.ipv4Prefix ?? 24, 32, 'ipv4Prefix');
  const ipv6Prefix = prefixLength(opts.ipv6Prefix ?? 48, 128, 'ipv6Prefix');
  const maxConnections = opts.maxConnections ?? 10_000;
  const store = await openStore({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, log });
  const networks = new NetworkIds(store, { ipv4Prefix, ipv6Prefix, now });
  await networks.prepare();
  const detector = new Detector(cfg, SERVICE_IDS, now());
  const stream = new StatusStream({
    heartbeatMs: opts.sseHeartbeatMs ?? 15_000,
    ringSize: 64,
    maxClients: Math.min(20_000, maxConnections),
    maxPerNetwork: opts.maxStreamsPerNetwork ?? 8,
  });

  let recomputeQueued = false;
  const queue = new ReportQueue(async (reports, answers) => {
    // Columns as array literals: a few strings cross to the storage worker instead of an array of objects.
    const result = await store.writeBatch(encodeBatch(reports), answers, {
      dedupWindowMs,
      bucketMs: cfg.bucketMs,
      networkCap: cfg.networkCap,
      claimWindowMs: claimMs,
    });
    // The touched buckets' stored totals (per-network caps applied there), so memory and storage agree.
    detector.record(result.buckets);
    if (!recomputeQueued && result.buckets.length > 0) {
      recomputeQueued = true;
      setImmediate(() => {
        recomputeQueued = false;
        board.recompute();
      });
    }
    return result;
  }, opts.maxBatch ?? 1000);
  const intake = new ReportIntake(store, queue, { dedupWindowMs, answersTtlMs, now });
  const board = new StatusBoard(detector, store, {
    services: SERVICE_IDS,
    now,
    recomputeMs: cfg.recomputeMs,
    cacheControl: statusCacheControl(cfg.bucketMs),
    mirrorOfficial: Boolean(opts.officialMirror),
    window: { ms: claimMs, minutes: (claimMs * 60) / cfg.hourMs },
    onChange: (body) => stream.publish(body),
    log,
  });

  const since = now() - cfg.hourMs * WEEK_HOURS * (cfg.baselineWeeks + 1);
  detector.record(await store.loadBuckets(since));
  for (const [service, first] of await store.firstBuckets()) detector.setFirst(service, first);
  await intake.load();
  await board.load();

  const ctx = {
    intake,
    board,
    stream,
    store,
    detector,
    limiter: opts.rateLimit === false ? null : new RateLimiter(opts.rateLimit?.perMinute ?? 30, now),
    cfg,
    now,
    corsOrigins,
    trustedProxies,
    networks,
    backend: store.kind,
    log,
  };
  let active = 0;
  const finished = () => void (active -= 1);
  const failed = (res: ServerResponse, error: unknown) => {
    log(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
    sendJson(res, 500, { error: 'internal error' });
  };
  const server = createServer(
    { maxHeaderSize: 8192, requestTimeout: 15_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      active += 1;
      res.on('close', finished);
      try {
        const pending = route(ctx, req, res);
        if (pending) pending.catch((error: unknown) => failed(res, error));
      } catch (error) {
        failed(res, error);
      }
    },
  );
  server.maxHeadersCount = 64;
  server.maxConnections = maxConnections;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  // Counters see this node's commits at once; every recomputeMs they are resynchronised with the shared aggregates.
  let syncing = false;
  const resync = async () => {
    if (syncing) return;
    syncing = true;
    try {
      const t = now();
      const from = t - (t % cfg.bucketMs) - cfg.hourMs - cfg.windowBuckets * cfg.bucketMs;
      detector.record(await store.loadBuckets(from));
    } catch (error) {
      log(`resync failed: ${String(error)}`);
    } finally {
      syncing = false;
      board.recompute();
    }
  };
  const timers = [
    setInterval(() => void resync(), cfg.recomputeMs),
    setInterval(
      () => {
        const t = now();
        intake.prune();
        const saltsBefore = Math.floor(t / DAY_MS);
        void store
          .prune({
            rawBefore: t - retainRawMs,
            dedupBefore: t - dedupWindowMs,
            answersBefore: t - answersTtlMs,
            claimsBefore: t - claimMs,
            saltsBefore,
          })
          .catch((error: unknown) => log(`prune failed: ${String(error)}`));
      },
      Math.min(600_000, Math.max(1000, dedupWindowMs)),
    ),
    // Tomorrow's salt is stored well before midnight, so the report path never waits for it.
    setInterval(() => void networks.prepare().catch((error: unknown) => log(`salt prepare failed: ${String(error)}`)), 600_000),
  ];
  for (const t of timers) t.unref();
  const stopMirror = opts.officialMirror
    ? startOfficialMirror({ ...opts.officialMirror, now, log, onUpdate: (s) => board.setOfficial(s) })
    : () => undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  log(`aggregator listening on http://${host}:${port} (${store.kind})`);

  let closing: Promise<void> | null = null;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    stopMirror();
    for (const t of timers) clearInterval(t);
    stream.close();
    server.closeIdleConnections();
    // In-flight requests finish (their reports are in the queue); give up on stragglers after 10 s.
    const deadline = Date.now() + 10_000;
    while (active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    server.closeAllConnections();
    await queue.flush();
    await board.settled();
    await closed;
    await store.close();
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => (closing ??= close()),
  };
}

function prefixLength(bits: number, max: number, field: string): number {
  if (!Number.isInteger(bits) || bits < 1 || bits > max) throw new Error(`${field} must be an integer from 1 to ${max}`);
  return bits;
}
