// Checks what the user typed in Settings before it is sent; the engine validates again and its word wins.
import { CLOCK_TIME, SETTINGS_LIMITS, type Settings, type SettingsPatch } from '../../../contracts/settings.ts';

export type FieldError = string | null;

/** Check interval typed in seconds. */
export function checkIntervalSeconds(text: string): { ms: number } | { error: string } {
  const min = SETTINGS_LIMITS.probeIntervalMs.min / 1000;
  const max = SETTINGS_LIMITS.probeIntervalMs.max / 1000;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return { error: 'Enter a number of seconds.' };
  if (!Number.isInteger(value)) return { error: 'Use whole seconds.' };
  if (value < min || value > max) return { error: `Between ${min} and ${max} seconds.` };
  return { ms: value * 1000 };
}

/** Aggregator URL: http(s), host present, no credentials. */
export function aggregatorUrlError(text: string): FieldError {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Enter a full address, like http://127.0.0.1:8787';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://';
  if (!url.hostname) return 'The address needs a host name.';
  if (url.username || url.password) return "Don't put a user name or password in the address.";
  return null;
}

/** Quiet-hours time "HH:MM". */
export function clockTimeError(text: string): FieldError {
  return CLOCK_TIME.test(text) ? null : 'Use a time like 22:00.';
}

/** The message of whatever setSettings rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
  return String(error);
}

/** The settings as they will be once `patch` is stored (nested objects merge one level deep, as the engine does). */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const before = next[key];
    next[key] = before && typeof before === 'object' && value && typeof value === 'object' ? { ...before, ...value } : value;
  }
  return next as unknown as Settings;
}
