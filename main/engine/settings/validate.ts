// Strict checks for settings changes coming from the popover, the CLI or the web bridge.
import { SETTINGS_LIMITS } from '../../../contracts/settings.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import type { ServiceId } from '../../../contracts/status.ts';

/** A rejected setting: `field` is its dotted path ("quietHours.start"), `message` says what is allowed. */
export class SettingsError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'SettingsError';
    this.field = field;
  }
}

type Interval = keyof typeof SETTINGS_LIMITS;
const INTERVALS = Object.keys(SETTINGS_LIMITS) as Interval[];
const FLAGS = ['launchAtLogin', 'officialFeed', 'communityReports', 'messagesSource', 'messagesAutoReport', 'crowdAlerts'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Validates an untrusted settings change; throws SettingsError naming the first bad field. */
export function validateSettingsPatch(input: unknown): SettingsPatch {
  const obj = record(input, 'settings');
  const patch: SettingsPatch = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if ((INTERVALS as string[]).includes(key)) patch[key as Interval] = interval(key as Interval, value);
    else if ((FLAGS as readonly string[]).includes(key)) patch[key as (typeof FLAGS)[number]] = bool(value, key);
    else if (key === 'schemaVersion') {
      if (value !== 1) throw new SettingsError(key, 'schemaVersion can only be 1.');
    } else if (key === 'aggregatorUrl') patch.aggregatorUrl = aggregatorUrl(value);
    else if (key === 'quietHours') patch.quietHours = quietHours(value);
    else if (key === 'notifications') patch.notifications = perService(value, key, (v, f) => notificationSwitches(v, f));
    else if (key === 'notifyWhenBack') patch.notifyWhenBack = perService(value, key, bool);
    else throw new SettingsError(key.slice(0, 60), `Unknown setting "${key.slice(0, 60)}".`);
  }
  return patch;
}

/** Returns new settings with the patch applied; nested objects merge one level deep. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const notifications = { ...current.notifications };
  for (const id of SERVICE_IDS) {
    const change = patch.notifications?.[id];
    if (change) notifications[id] = { ...notifications[id], ...change };
  }
  return {
    ...current,
    ...patch,
    schemaVersion: 1,
    notifications,
    quietHours: { ...current.quietHours, ...patch.quietHours },
    notifyWhenBack: { ...current.notifyWhenBack, ...patch.notifyWhenBack },
  };
}

export function interval(key: Interval, value: unknown): number {
  const { min, max } = SETTINGS_LIMITS[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(key, `${key} must be a whole number of milliseconds from ${min} to ${max}.`);
  }
  return value;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new SettingsError(field, `${field} must be true or false.`);
  return value;
}

export function clockTime(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HHMM.test(value)) throw new SettingsError(field, `${field} must be a time written HH:MM (00:00 to 23:59).`);
  return value;
}

/** An http(s) URL with a host and no credentials, without trailing slashes; '' = the build's default (or none). */
export function aggregatorUrl(value: unknown): string {
  const field = 'aggregatorUrl';
  if (typeof value === 'string' && value.trim() === '') return '';
  if (typeof value !== 'string' || value.length > 2_048) throw new SettingsError(field, 'The aggregator address must be an http(s) URL.');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SettingsError(field, 'The aggregator address is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SettingsError(field, 'The aggregator address must start with http:// or https://.');
  if (url.hostname === '') throw new SettingsError(field, 'The aggregator address needs a host name.');
  if (url.username || url.password) throw new SettingsError(field, 'The aggregator address must not contain a user name or password.');
  if (url.search || url.hash) throw new SettingsError(field, 'The aggregator address must not contain a query or fragment.');
  return url.toString().replace(/\/+$/, '');
}

export function quietHours(value: unknown): Partial<Settings['quietHours']> {
  const obj = record(value, 'quietHours');
  const out: Partial<Settings['quietHours']> = {};
  for (const key of Object.keys(obj)) {
    const field = `quietHours.${key.slice(0, 60)}`;
    if (key === 'enabled') out.enabled = bool(obj[key], field);
    else if (key === 'start' || key === 'end') out[key] = clockTime(obj[key], field);
    else throw new SettingsError(field, `Unknown setting "${field}".`);
  }
  return out;
}

/** One service's switches; either may be left out (it keeps its current value when applied). */
export function notificationSwitches(value: unknown, field: string): { down: boolean; recovered: boolean } {
  const obj = record(value, field);
  const out: Partial<{ down: boolean; recovered: boolean }> = {};
  for (const key of Object.keys(obj)) {
    if (key !== 'down' && key !== 'recovered') throw new SettingsError(`${field}.${key.slice(0, 60)}`, `Unknown setting "${field}.${key.slice(0, 60)}".`);
    out[key] = bool(obj[key], `${field}.${key}`);
  }
  // The contract types both switches; applySettingsPatch merges, so a single one is fine at run time.
  return out as { down: boolean; recovered: boolean };
}

export function perService<T>(value: unknown, field: string, read: (v: unknown, field: string) => T): Partial<Record<ServiceId, T>> {
  const obj = record(value, field);
  const out: Partial<Record<ServiceId, T>> = {};
  for (const key of Object.keys(obj)) {
    if (!SERVICE_IDS.includes(key as ServiceId)) throw new SettingsError(`${field}.${key.slice(0, 60)}`, `Unknown service "${key.slice(0, 60)}" in ${field}.`);
    out[key as ServiceId] = read(obj[key], `${field}.${key}`);
  }
  return out;
}

export function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SettingsError(field, `${field} must be an object.`);
  return value as Record<string, unknown>;
}
