// Detection and server settings: every window and threshold lives here so the lab can compress time.

/** How report volume becomes a status. Durations in ms; rates per `hourMs`. */
export interface DetectionConfig {
  /** Width of one counting bucket (5 minutes). */
  bucketMs: number;
  /** Buckets (the current, partial one included) in the recent window the rate is measured over. */
  windowBuckets: number;
  /** Length of an "hour": unit of every per-hour rate, of trend buckets and of the baseline slot. Multiple of bucketMs. */
  hourMs: number;
  /** Same-weekday-and-hour samples the baseline takes the median of (weeks of history). */
  baselineWeeks: number;
  /** Quiet services never get a baseline below this (distinct networks per hour). */
  baselineFloorPerHour: number;
  /** Baseline before there is a day of history (distinct networks per hour). */
  coldStartPerHour: number;
  /** A baseline sample counts at most this many times the previous accepted sample of its slot (week over week). */
  baselineGrowth: number;
  /** outage when the recent rate is at least this many times the baseline ... */
  outageFactor: number;
  /** ... and the window's counted networks (IPv4 /24, IPv6 /48, after the provider caps) reach this ... */
  outageMinNetworks: number;
  /** ... spread over at least this many providers (autonomous systems; a network without one is its own). */
  outageMinProviders: number;
  /** degraded for a smaller excess ... */
  degradedFactor: number;
  /** ... from at least this many counted networks ... */
  degradedMinNetworks: number;
  /** ... over at least this many providers. */
  degradedMinProviders: number;
  /** No provider carries more than this share of a window's counted networks; the excess does not count. */
  providerShare: number;
  /** ... except that every provider may always count this many networks (so a small crowd still counts). */
  providerFloorNetworks: number;
  /** Networks (/48s) inside one IPv6 /32 count as at most this many. */
  ipv6GroupCap: number;
  /** Reports one network can add to the counts per claim window (windowBuckets buckets), problems and "working" each. */
  networkCap: number;
  /** On the way back, thresholds are multiplied by this (< 1): the signal must fall well below the trigger. */
  recoverRatio: number;
  /** ... and stay there this long before the status steps down. */
  recoverMs: number;
  /**
   * "Working for me" never lowers what problem reports earn. Once problems alone are below the degraded threshold and
   * at least as many counted networks (and at least this many) say it works, the status returns after workingRecoverMs
   * instead of recoverMs.
   */
  workingRecoverMinNetworks: number;
  workingRecoverMs: number;
  /** Status recomputation period (also run after every committed batch). */
  recomputeMs: number;
}

export const DEFAULT_DETECTION: DetectionConfig = {
  bucketMs: 300_000,
  windowBuckets: 2,
  hourMs: 3_600_000,
  baselineWeeks: 6,
  baselineFloorPerHour: 12,
  coldStartPerHour: 60,
  baselineGrowth: 2,
  outageFactor: 8,
  outageMinNetworks: 100,
  outageMinProviders: 10,
  degradedFactor: 3,
  degradedMinNetworks: 20,
  degradedMinProviders: 5,
  providerShare: 0.25,
  providerFloorNetworks: 3,
  ipv6GroupCap: 4,
  networkCap: 3,
  recoverRatio: 0.5,
  recoverMs: 600_000,
  workingRecoverMinNetworks: 10,
  workingRecoverMs: 300_000,
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
  if (c.providerShare <= 0 || c.providerShare > 1) throw new ConfigError('providerShare', 'must be in (0, 1]');
  if (c.providerFloorNetworks < 1) throw new ConfigError('providerFloorNetworks', 'must be ≥ 1');
  if (c.ipv6GroupCap < 1) throw new ConfigError('ipv6GroupCap', 'must be ≥ 1');
  if (c.baselineGrowth < 1) throw new ConfigError('baselineGrowth', 'must be ≥ 1');
  if (c.baselineWeeks < 1 || !Number.isInteger(c.baselineWeeks)) throw new ConfigError('baselineWeeks', 'must be an integer ≥ 1');
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
    workingRecoverMs: Math.round(base.workingRecoverMs * timeScale),
    recomputeMs: Math.max(1, Math.round(base.recomputeMs * timeScale)),
    baselineFloorPerHour: base.baselineFloorPerHour * volumeScale,
    coldStartPerHour: base.coldStartPerHour * volumeScale,
    outageMinNetworks: Math.max(1, Math.round(base.outageMinNetworks * volumeScale)),
    degradedMinNetworks: Math.max(1, Math.round(base.degradedMinNetworks * volumeScale)),
    outageMinProviders: Math.max(1, Math.round(base.outageMinProviders * volumeScale)),
    degradedMinProviders: Math.max(1, Math.round(base.degradedMinProviders * volumeScale)),
    providerFloorNetworks: Math.max(1, Math.round(base.providerFloorNetworks * volumeScale)),
    workingRecoverMinNetworks: Math.max(1, Math.round(base.workingRecoverMinNetworks * volumeScale)),
    networkCap: Math.max(1, Math.round(base.networkCap * volumeScale)),
  });
}

/** How long a network's claim lasts (and the recent window's wall length): windowBuckets buckets. */
export function claimWindowMs(c: DetectionConfig): number {
  return c.windowBuckets * c.bucketMs;
}

export const DAY_HOURS = 24;
export const WEEK_HOURS = 24 * 7;
