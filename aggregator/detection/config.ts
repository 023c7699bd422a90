// Detection and server settings: every window and threshold lives here so the lab can compress time.

/** How report volume becomes a status. Durations in ms; rates per `hourMs`. */
export interface DetectionConfig {
  /** Width of one counting bucket (5 minutes). */
  bucketMs: number;
  /** Buckets (the current, partial one included) in the recent window the rate is measured over. */
  windowBuckets: number;
  /** Length of an "hour": unit of every per-hour rate, of trend buckets and of the baseline slot. Multiple of bucketMs. */
  hourMs: number;
  /** Weeks of history for the same weekday and time of day. */
  baselineWeeks: number;
  /** Quiet services never get a baseline below this (reports per hour). */
  baselineFloorPerHour: number;
  /** Baseline before there is a day of history (reports per hour). */
  coldStartPerHour: number;
  /** outage when the recent rate is at least this many times the baseline ... */
  outageFactor: number;
  /** ... and at least this many distinct networks (IPv4 /24, IPv6 /48) reported a problem in the recent window. */
  outageMinNetworks: number;
  /** degraded for a smaller excess ... */
  degradedFactor: number;
  /** ... from at least this many distinct networks. */
  degradedMinNetworks: number;
  /** Reports one network can add to the counts per claim window (windowBuckets buckets), problems and "working" each. */
  networkCap: number;
  /** On the way back, thresholds are multiplied by this (< 1): the signal must fall well below the trigger. */
  recoverRatio: number;
  /** ... and stay there this long before the status steps down. */
  recoverMs: number;
  /** Each "working for me" report cancels this many problem reports in the recent window. */
  workingWeight: number;
  /** Status recomputation period (also run after every committed batch). */
  recomputeMs: number;
}

export const DEFAULT_DETECTION: DetectionConfig = {
  bucketMs: 300_000,
  windowBuckets: 2,
  hourMs: 3_600_000,
  baselineWeeks: 4,
  baselineFloorPerHour: 12,
  coldStartPerHour: 60,
  outageFactor: 8,
  outageMinNetworks: 100,
  degradedFactor: 3,
  degradedMinNetworks: 20,
  networkCap: 3,
  recoverRatio: 0.5,
  recoverMs: 600_000,
  workingWeight: 1,
  recomputeMs: 15_000,
};

/** Thrown for an impossible configuration; names the field. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Merges overrides onto the defaults and checks the result. */
export function detectionConfig(overrides: Partial<DetectionConfig> = {}): DetectionConfig {
  const c: DetectionConfig = { ...DEFAULT_DETECTION, ...overrides };
  for (const [field, value] of Object.entries(c)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(field, 'must be a finite number ≥ 0');
  }
  if (c.bucketMs < 1) throw new ConfigError('bucketMs', 'must be ≥ 1');
  if (c.windowBuckets < 1 || !Number.isInteger(c.windowBuckets)) throw new ConfigError('windowBuckets', 'must be an integer ≥ 1');
  if (c.hourMs % c.bucketMs !== 0) throw new ConfigError('hourMs', 'must be a multiple of bucketMs');
  if (c.recoverRatio > 1) throw new ConfigError('recoverRatio', 'must be ≤ 1');
  if (c.degradedFactor > c.outageFactor) throw new ConfigError('degradedFactor', 'must be ≤ outageFactor');
  if (c.recomputeMs < 1) throw new ConfigError('recomputeMs', 'must be ≥ 1');
  if (c.networkCap < 1 || !Number.isInteger(c.networkCap)) throw new ConfigError('networkCap', 'must be an integer ≥ 1');
  return c;
}

/**
 * Detection for compressed time: `timeScale` multiplies every duration (1/300 turns 5-minute buckets into 1 s),
 * `volumeScale` multiplies every count threshold (per-hour rates keep their meaning per compressed hour).
 */
export function scaledDetection(timeScale: number, volumeScale = 1, base: DetectionConfig = DEFAULT_DETECTION): DetectionConfig {
  const bucketMs = Math.max(1, Math.round(base.bucketMs * timeScale));
  return detectionConfig({
    ...base,
    bucketMs,
    hourMs: bucketMs * Math.round(base.hourMs / base.bucketMs),
    recoverMs: Math.round(base.recoverMs * timeScale),
    recomputeMs: Math.max(1, Math.round(base.recomputeMs * timeScale)),
    baselineFloorPerHour: base.baselineFloorPerHour * volumeScale,
    coldStartPerHour: base.coldStartPerHour * volumeScale,
    outageMinNetworks: Math.max(1, Math.round(base.outageMinNetworks * volumeScale)),
    degradedMinNetworks: Math.max(1, Math.round(base.degradedMinNetworks * volumeScale)),
    networkCap: Math.max(1, Math.round(base.networkCap * volumeScale)),
  });
}

/** How long a network's claim lasts (and the recent window's wall length): windowBuckets buckets. */
export function claimWindowMs(c: DetectionConfig): number {
  return c.windowBuckets * c.bucketMs;
}

export const DAY_HOURS = 24;
export const WEEK_HOURS = 24 * 7;
