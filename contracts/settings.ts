import type { ServiceId } from './status.ts';

/** User settings, stored by electron-store in the desktop app and in a JSON file in browser mode. */
export interface Settings {
  schemaVersion: 1;
  /** Probe round interval, ms. */
  probeIntervalMs: number;
  /** Apple status feed poll interval, ms. */
  officialPollMs: number;
  /** Aggregator status poll interval when the live stream is unavailable, ms. */
  communityPollMs: number;
  notifications: Record<ServiceId, { down: boolean; recovered: boolean }>;
  /** Local times "HH:MM"; notifications are held back inside the window (it may cross midnight). */
  quietHours: { enabled: boolean; start: string; end: string };
  launchAtLogin: boolean;
  aggregatorUrl: string;
  officialFeed: boolean;
  communityReports: boolean;
  /** "Notify me when it's back" bells. */
  notifyWhenBack: Record<ServiceId, boolean>;
}

export const DEFAULT_AGGREGATOR_URL = 'http://127.0.0.1:8787';

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: 1,
  probeIntervalMs: 60_000,
  officialPollMs: 120_000,
  communityPollMs: 60_000,
  notifications: { imessage: { down: true, recovered: true }, facetime: { down: true, recovered: true } },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  launchAtLogin: false,
  aggregatorUrl: DEFAULT_AGGREGATOR_URL,
  officialFeed: true,
  communityReports: true,
  notifyWhenBack: { imessage: false, facetime: false },
};

/** Bounds the settings UI and validators enforce. */
export const SETTINGS_LIMITS = {
  probeIntervalMs: { min: 1_000, max: 3_600_000 },
  officialPollMs: { min: 1_000, max: 3_600_000 },
  communityPollMs: { min: 1_000, max: 3_600_000 },
} as const;

/** A partial update; nested objects are merged one level deep. */
export type SettingsPatch = {
  [K in keyof Settings]?: Settings[K] extends Record<string, unknown> ? Partial<Settings[K]> : Settings[K];
};
