// The options of startAggregator() and what it returns.
import type { DetectionConfig } from './detection/config.ts';
import type { IntakeMemory } from './intake/report-intake.ts';

export interface AggregatorOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** PGlite data folder (created if missing); in memory when neither this nor databaseUrl is set. */
  dataDir?: string;
  /**
   * The deployment secret day keys derive from (default: AGGREGATOR_SECRET, else `<dataDir>/aggregator-secret`, made on
   * the first start; in memory without a dataDir). Nodes sharing a database must share it.
   */
  secret?: string;
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
  /** Open TCP connections per network (IPv4 /24, IPv6 /48 of the peer; trusted proxies exempt), default 64. */
  maxConnectionsPerNetwork?: number;
  /** A connection with no traffic this long is closed (default 30 s; streams are exempt, they have heartbeats). */
  idleTimeoutMs?: number;
  /** A stream is ended after this long (±10 %) and the client reconnects (default 30 minutes). */
  maxStreamLifeMs?: number;
  /** Idempotency answers and dedup claims kept in memory (storage answers the rest). */
  intakeMemory?: IntakeMemory;
  /**
   * PGlite only: network claims held in memory (slots, a power of two, 32 bytes each; default 2^18). Past it, storage
   * decides claims for networks not in memory until they could all have expired.
   */
  claimSlots?: number;
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

/** A prefix length option, checked. */
export function prefixLength(bits: number, max: number, field: string): number {
  if (!Number.isInteger(bits) || bits < 1 || bits > max) throw new Error(`${field} must be an integer from 1 to ${max}`);
  return bits;
}
