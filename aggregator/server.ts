// Wires storage, intake, detection, status, stream and routes into one HTTP server: startAggregator().
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SERVICE_IDS } from '../contracts/status.ts';
import { TrustedProxies } from './http/client-address.ts';
import { WEEK_HOURS, claimWindowMs, detectionConfig } from './detection/config.ts';
import { Detector } from './detection/detector.ts';
import { checkCorsOrigins, sendJson } from './http/http-io.ts';
import { DAY_MS, NetworkIds } from './intake/network-ids.ts';
import { startOfficialMirror } from './detection/official-mirror.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { ReportIntake } from './intake/report-intake.ts';
import { ConnectionGate } from './http/connection-gate.ts';
import { LeanReportSockets } from './http/lean-report-socket.ts';
import { postLeanReport } from './http/report-route.ts';
import { CommitFence } from './detection/commit-fence.ts';
import { resyncer } from './detection/resync.ts';
import { NetworksHeard } from './detection/networks-heard.ts';
import { INCIDENTS_KEEP_MS, IncidentList } from './http/incident-list.ts';
import { ReportQueue } from './intake/report-queue.ts';
import { route, statusCacheControl } from './http/routes.ts';
import { StatusBoard } from './detection/status-board.ts';
import { StatusStream } from './http/status-stream.ts';
import { openStore } from './storage/open-store.ts';
import { loadProviderLookup } from './networks/provider-lookup.ts';
import { ClientIds } from './privacy/client-ids.ts';
import { DayKeys } from './privacy/day-keys.ts';
import { resolveSecret, verifySecret } from './privacy/deployment-secret.ts';
import type { AggregatorOptions, RunningAggregator } from './server-options.ts';
import { prefixLength } from './server-options.ts';
import { encodeBatch, providerDeltas } from './storage/report-batch.ts';
import { DEFAULT_CLAIM_SLOTS, OwnedClaims } from './intake/owned-claims.ts';
import { OwnedWriter } from './intake/owned-writer.ts';
import { StoredKeys, restoreStoredKeys } from './intake/stored-keys.ts';
import { providerCompactor } from './storage/network-history.ts';

export type { AggregatorOptions, RunningAggregator } from './server-options.ts';

/** At most this many counted reports are read back at start to rebuild owned claims (≈ 40 MB for a moment). */
const RESTORE_ROWS_MAX = 200_000;

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
  // Day keys derive from the deployment secret (never stored); the database only checks it is the cluster's one.
  const secret = resolveSecret({ secret: opts.secret ?? process.env.AGGREGATOR_SECRET, dataDir: opts.dataDir });
  const providers = loadProviderLookup();
  const store = await openStore({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, log });
  await verifySecret(store, secret).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const dayKeys = new DayKeys(secret.secret);
  const networks = new NetworkIds(dayKeys, providers, { ipv4Prefix, ipv6Prefix, now, midnightMs: claimMs });
  await networks.prepare();
  const detector = new Detector(cfg, SERVICE_IDS, now());
  // Streams take at most half the node's connections, so requests always find a slot.
  const stream = new StatusStream({
    heartbeatMs: opts.sseHeartbeatMs ?? 15_000,
    ringSize: 64,
    maxClients: Math.min(20_000, Math.floor(maxConnections / 2)),
    maxPerNetwork: opts.maxStreamsPerNetwork ?? 8,
    maxLifeMs: opts.maxStreamLifeMs ?? 30 * 60_000,
  });
  const gate = new ConnectionGate({
    perNetwork: opts.maxConnectionsPerNetwork ?? 64,
    idleMs: opts.idleTimeoutMs ?? 30_000,
    ipv4Prefix,
    ipv6Prefix,
    trustedProxies,
  });

  // PGlite has one writer (this process holds the data folder), so claims are decided in its memory; nodes sharing
  // PostgreSQL decide them in the batch statement, under row locks.
  const owned =
    store.kind === 'pglite'
      ? new OwnedWriter(
          store,
          new OwnedClaims({
            services: SERVICE_IDS,
            networkCap: cfg.networkCap,
            claimWindowMs: claimMs,
            hourMs: cfg.hourMs,
            maxSlots: opts.claimSlots ?? DEFAULT_CLAIM_SLOTS,
          }),
          dedupWindowMs,
          new StoredKeys(answersTtlMs, now()),
        )
      : null;
  const fence = new CommitFence();
  const queue = new ReportQueue(
    async (reports, answers) =>
      fence
        .commit(async () => {
          const batchOpts = {
            dedupWindowMs,
            bucketMs: cfg.bucketMs,
            networkCap: cfg.networkCap,
            claimWindowMs: claimMs,
            hourMs: cfg.hourMs,
          };
          // The owning node decides claims here and posts flat rows; the shared statement gets its columns as array
          // literals (encodeBatch): a few strings cross to the storage worker instead of an array of objects.
          const result = owned
            ? await owned.write(reports, answers, batchOpts)
            : await store.writeBatch(encodeBatch(reports), answers, batchOpts);
          // The touched buckets' stored totals (per-network caps applied there), so memory and storage agree.
          detector.record(result.buckets);
          // Provider rows are not sent back: the batch's delta follows from which reports opened a claim or an hour.
          if (result.opened.length > 0) detector.recordProviders(providerDeltas(reports, result.opened, cfg.bucketMs));
          if (result.buckets.length > 0 || result.opened.length > 0) board.changed();
          return result;
        })
        .catch((error: unknown) => {
          // Once a batch, not once a report: a failing node under a flood would otherwise write a log line per request.
          log(`batch of ${reports.length} reports not stored: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }),
    opts.maxBatch ?? 1000,
  );
  const intake = new ReportIntake(queue, { dedupWindowMs, answersTtlMs, now, memory: opts.intakeMemory });
  const board = new StatusBoard(detector, store, {
    services: SERVICE_IDS,
    now,
    recomputeMs: cfg.recomputeMs,
    cacheControl: statusCacheControl(cfg.bucketMs),
    mirrorOfficial: Boolean(opts.officialMirror),
    window: { ms: claimMs, minutes: (claimMs * 60) / cfg.hourMs },
    onChange: (body) => {
      stream.publish(body);
      // Incidents open and close only with a status change.
      void incidents.refresh();
    },
    log,
  });

  const startedAt = now();
  const heard = new NetworksHeard(cfg.hourMs, startedAt);
  detector.heard = heard;
  detector.record(await store.loadBuckets(startedAt - cfg.hourMs * (WEEK_HOURS + 2)));
  detector.recordProviders(await store.loadProviders(startedAt - (startedAt % cfg.hourMs) - 2 * cfg.hourMs));
  detector.recordSamples(await store.loadBaselineSamples(startedAt - cfg.hourMs * WEEK_HOURS * (cfg.baselineWeeks + 1)));
  detector.onSample = (sample) =>
    void store
      .saveBaselineSample(sample, {
        providers: sample.hourStart,
        samples: sample.hourStart - cfg.hourMs * WEEK_HOURS * (cfg.baselineWeeks + 1),
      })
      .catch((error: unknown) => log(`baseline sample not stored: ${String(error)}`));
  // Hours spent degraded or out (stored incidents) are left out of the baseline.
  for (const service of SERVICE_IDS)
    for (const inc of await store.listIncidents({ service, limit: 100 }))
      if (inc.source === 'reports') detector.markElevated(service, inc.start, inc.end);
  for (const [service, first] of await store.firstBuckets()) detector.setFirst(service, first);
  if (owned) {
    // Claims (and dedup) live in this node's memory: rebuilt from the counted reports of the last two claim windows and
    // this hour (a claim still running began inside them), beside the claims storage itself may still hold.
    const counted = await store.recentCounted(Math.min(startedAt - 2 * claimMs, startedAt - (startedAt % cfg.hourMs)), RESTORE_ROWS_MAX);
    // More rows than that (a restart in a flood): the rest is treated like claims storage holds, until they end.
    const unread = counted.length >= RESTORE_ROWS_MAX ? startedAt + claimMs + cfg.hourMs : 0;
    owned.restore(counted, Math.max(unread, await store.storedClaimsUntil(claimMs)), startedAt);
    await restoreStoredKeys(store, owned.storedKeys, startedAt - answersTtlMs, startedAt);
  }
  // Nothing else per key is loaded (the filter above holds only which keys storage has): idempotency answers (and, on
  // PostgreSQL, dedup claims) not in memory are answered by storage in the batch.
  const incidents = new IncidentList(store, SERVICE_IDS, () => board.settled(), log, now);
  await board.load();
  await incidents.refresh();

  const ctx = {
    intake,
    board,
    incidents,
    stream,
    store,
    detector,
    limiter: opts.rateLimit === false ? null : new RateLimiter(opts.rateLimit?.perMinute ?? 30, now),
    cfg,
    now,
    corsOrigins,
    trustedProxies,
    networks,
    clientIds: new ClientIds(dayKeys, now),
    heard,
    prefixBits: { ipv4: ipv4Prefix, ipv6: ipv6Prefix },
    backend: store.kind,
    mirrorOfficial: Boolean(opts.officialMirror),
    log,
  };
  let active = 0;
  const finished = () => void (active -= 1);
  const logFailure = (error: unknown) => log(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
  const failed = (res: ServerResponse, error: unknown) => {
    logFailure(error);
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
  // Plain report requests are served off the socket (lean-report-socket.ts); node:http gets every other connection,
  // through its own connection listener, from its first request that is anything else.
  const [httpConnection] = server.listeners('connection') as ((socket: Socket) => void)[];
  if (!httpConnection) throw new Error('node:http has no connection listener');
  server.removeAllListeners('connection');
  const lean = new LeanReportSockets({
    serve: (head, body, socket, reply) => {
      try {
        postLeanReport(ctx, head, body, socket, reply);
      } catch (error) {
        logFailure(error);
        reply.refuse(500, { error: 'internal error' });
      }
    },
    handOff: (socket) => httpConnection.call(server, socket),
  });
  server.on('connection', (socket: Socket) => {
    gate.admit(socket);
    if (!socket.destroyed) lean.take(socket);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // PGlite has one writer (the data-folder lock), whose commits memory already holds: re-reading the last hour's
  // provider rows every recomputeMs only cost the worker (a GROUP BY over them, and a heap spike, per resync in a flood).
  // Only the status is re-evaluated then, so time alone can still move it.
  // Expired rows go at start (a node that was down for a while does not wait a period) and then every period; close
  // waits for a prune under way, so it never races the store's shutdown.
  let pruning: Promise<void> = Promise.resolve();
  const prune = () => {
    const t = now();
    intake.prune();
    pruning = store
      .prune({
        rawBefore: t - retainRawMs,
        dedupBefore: t - dedupWindowMs,
        answersBefore: t - answersTtlMs,
        claimsBefore: t - claimMs,
        saltsBefore: Math.floor(t / DAY_MS),
        incidentsBefore: t - INCIDENTS_KEEP_MS,
      })
      .catch((error: unknown) => log(`prune failed: ${String(error)}`));
  };
  prune();
  const resync = store.kind === 'pglite' ? async () => board.recompute() : resyncer({ store, detector, board, fence, cfg, now, log });
  const timers = [
    setInterval(() => void resync(), cfg.recomputeMs),
    // Another node's incidents reach this node's list within a bucket.
    setInterval(() => void incidents.refresh(), cfg.bucketMs),
    // Completed buckets' provider rows (appended per batch) folded to one per key, so resyncs read few rows.
    setInterval(providerCompactor(store, cfg.bucketMs, now, startedAt - 2 * cfg.hourMs, log), cfg.bucketMs),
    setInterval(prune, Math.min(600_000, Math.max(1000, dedupWindowMs))),
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
    lean.closeIdle();
    // In-flight requests finish (their reports are in the queue); give up on stragglers after 10 s.
    const deadline = Date.now() + 10_000;
    while ((active > 0 || lean.serving > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    server.closeAllConnections();
    lean.closeAll();
    await queue.flush();
    await pruning;
    board.stop();
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
