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
  /** The community server; '' = the build's default (COMMUNITY_URL), or none when the build has none. */
  aggregatorUrl: string;
  /** A crowd-seen outage alerts on its own; off = only alert when this computer's checks fail or Apple confirms. */
  crowdAlerts: boolean;
  officialFeed: boolean;
  communityReports: boolean;
  /** Opt-in (macOS only): count this Mac's failed iMessages in ~/Library/Messages/chat.db, never their content. */
  messagesSource: boolean;
  /** Opt-in: send one problem report per outage, with those counts, when this Mac's iMessages fail. */
  messagesAutoReport: boolean;
  /** "Notify me when it's back" bells. */
  notifyWhenBack: Record<ServiceId, boolean>;
  /** Alerts are held back until this epoch ms (0 = not snoozed); stored, so a restart keeps the snooze. */
  snoozeUntil: number;
}

/** The app never starts an aggregator itself: with nothing configured and none built in, it is not connected. */
export const DEFAULT_AGGREGATOR_URL = '';

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: 1,
  probeIntervalMs: 60_000,
  officialPollMs: 120_000,
  communityPollMs: 60_000,
  notifications: { imessage: { down: true, recovered: true }, facetime: { down: true, recovered: true } },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  launchAtLogin: false,
  aggregatorUrl: DEFAULT_AGGREGATOR_URL,
  crowdAlerts: true,
  officialFeed: true,
  communityReports: true,
  messagesSource: false,
  messagesAutoReport: false,
  notifyWhenBack: { imessage: false, facetime: false },
  snoozeUntil: 0,
};

/** Bounds the settings UI and the schema (contracts/settings-schema.ts) enforce. */
export const SETTINGS_LIMITS = {
  probeIntervalMs: { min: 1_000, max: 3_600_000 },
  officialPollMs: { min: 1_000, max: 3_600_000 },
  communityPollMs: { min: 1_000, max: 3_600_000 },
} as const;

/** A local time "HH:MM" (00:00–23:59); the groups are hours and minutes. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A partial update; nested objects are merged one level deep. */
export type SettingsPatch = {
  [K in keyof Settings]?: Settings[K] extends Record<string, unknown> ? Partial<Settings[K]> : Settings[K];
};
