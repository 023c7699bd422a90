// Time compression: one probe interval of the scenario stands for one probe interval of the real app (60 s), so
// every aggregator window shrinks by probeIntervalMs / 60 000, and report counts by the scenario's quiet rate.
import { DEFAULT_DETECTION, scaledDetection, type DetectionConfig } from '../../aggregator/detection/config.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';

export interface LabTimeScale {
  /** Wall ms per real ms (1/60 for a 1 s probe interval). */
  timeScale: number;
  /** Report counts per real count: the scenario's quiet rate against the aggregator's cold-start baseline. */
  volumeScale: number;
  detection: DetectionConfig;
  /** One compressed "hour" in wall ms (the aggregator's rate unit). */
  hourMs: number;
}

/** Fewest distinct clients that can make an outage / degraded status, whatever the scaling: noise must not. */
export const MIN_OUTAGE_CLIENTS = 5;
export const MIN_DEGRADED_CLIENTS = 3;

/**
 * Detection scaled to a scenario. `quietPerMinute` is the scenario's quiet report rate (its normal
 * traffic): it becomes the cold-start baseline, so the first seconds read as normal, and a spike of many times
 * that rate from enough distinct clients reads as an outage within a few probe intervals.
 */
export function labTimeScale(probeIntervalMs: number, quietPerMinute: number): LabTimeScale {
  const timeScale = probeIntervalMs / DEFAULT_SETTINGS.probeIntervalMs;
  const hourMs = DEFAULT_DETECTION.hourMs * timeScale;
  // Rates are per wall minute; the aggregator counts per compressed hour.
  const quietPerHour = Math.max(1, quietPerMinute) * (hourMs / 60_000);
  const volumeScale = quietPerHour / DEFAULT_DETECTION.coldStartPerHour;
  const scaled = scaledDetection(timeScale, volumeScale);
  const detection: DetectionConfig = {
    ...scaled,
    outageMinNetworks: Math.max(MIN_OUTAGE_CLIENTS, scaled.outageMinNetworks),
    degradedMinNetworks: Math.max(MIN_DEGRADED_CLIENTS, scaled.degradedMinNetworks),
  };
  return { timeScale, volumeScale, detection, hourMs: detection.hourMs };
}
