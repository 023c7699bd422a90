// Stored settings of any age or state → valid Settings, plus a list of what had to be fixed.
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import { applySettingsPatch, validateSettingsPatch } from './validate.ts';
import { errorText } from '../../../contracts/results.ts';

/** Keys of the unversioned shape (before schemaVersion 1) and how they map to today's. */
function upgradeLegacy(raw: Record<string, unknown>, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const seconds: [string, string][] = [
    ['probeIntervalSec', 'probeIntervalMs'],
    ['officialPollSec', 'officialPollMs'],
    ['communityPollSec', 'communityPollMs'],
  ];
  for (const [old, now] of seconds) {
    if (!Object.hasOwn(out, old)) continue;
    const v = out[old];
    if (!Object.hasOwn(out, now)) out[now] = typeof v === 'number' ? Math.round(v * 1000) : v;
    delete out[old];
    problems.push(`upgraded ${old} to ${now}`);
  }
  if (Object.hasOwn(out, 'notificationsEnabled')) {
    const on = out['notificationsEnabled'];
    if (typeof on === 'boolean' && !Object.hasOwn(out, 'notifications'))
      out['notifications'] = Object.fromEntries(SERVICE_IDS.map((id) => [id, { down: on, recovered: on }]));
    delete out['notificationsEnabled'];
    problems.push('upgraded notificationsEnabled to per-service switches');
  }
  if (Object.hasOwn(out, 'quietStart') || Object.hasOwn(out, 'quietEnd')) {
    if (!Object.hasOwn(out, 'quietHours')) out['quietHours'] = { enabled: true, start: out['quietStart'], end: out['quietEnd'] };
    delete out['quietStart'];
    delete out['quietEnd'];
    problems.push('upgraded quietStart/quietEnd to quietHours');
  }
  if (Object.hasOwn(out, 'aggregator')) {
    if (!Object.hasOwn(out, 'aggregatorUrl')) out['aggregatorUrl'] = out['aggregator'];
    delete out['aggregator'];
    problems.push('upgraded aggregator to aggregatorUrl');
  }
  return out;
}

/** Fills defaults, drops junk field by field (one bad value never discards the rest) and upgrades older shapes. */
export function migrateSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (raw !== undefined) problems.push('stored settings were not an object; using defaults');
    return { settings: structuredClone(DEFAULT_SETTINGS), problems };
  }
  let source = raw as Record<string, unknown>;
  const version = source['schemaVersion'];
  if (version === undefined) source = upgradeLegacy(source, problems);
  else if (version !== 1)
    problems.push(
      `stored settings have schemaVersion ${JSON.stringify(version)?.slice(0, 20)}; keeping the fields this version understands`,
    );
  let settings = structuredClone(DEFAULT_SETTINGS);
  for (const key of Object.keys(source)) {
    if (key === 'schemaVersion') continue;
    const value = source[key];
    settings = applyOne(settings, key, value, problems);
  }
  return { settings, problems };
}

/** Applies one stored field; nested objects are tried sub-field by sub-field. */
function applyOne(settings: Settings, key: string, value: unknown, problems: string[]): Settings {
  const attempt = (patch: unknown): SettingsPatch | null => {
    try {
      return validateSettingsPatch(patch);
    } catch (err) {
      problems.push(`dropped ${err instanceof Error && 'field' in err ? String(err.field) : key}: ${errorText(err)}`);
      return null;
    }
  };
  const whole = (() => {
    try {
      return validateSettingsPatch({ [key]: value });
    } catch {
      return null;
    }
  })();
  if (whole) return applySettingsPatch(settings, whole);
  const nested = ['quietHours', 'notifications', 'notifyWhenBack'];
  if (!nested.includes(key) || typeof value !== 'object' || value === null || Array.isArray(value)) {
    attempt({ [key]: value });
    return settings;
  }
  for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
    const known = (SERVICE_IDS as readonly string[]).includes(sub);
    if (key === 'notifications' && known && typeof subValue === 'object' && subValue !== null && !Array.isArray(subValue)) {
      for (const [leaf, leafValue] of Object.entries(subValue as Record<string, unknown>)) {
        const patch = attempt({ notifications: { [sub]: { [leaf]: leafValue } } });
        if (patch) settings = applySettingsPatch(settings, patch);
      }
      continue;
    }
    const patch = attempt({ [key]: { [sub]: subValue } });
    if (patch) settings = applySettingsPatch(settings, patch);
  }
  return settings;
}
