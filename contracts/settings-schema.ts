// The one settings schema (zod): the engine, IPC, the migration and electron-store's JSON Schema all derive from it.
// Kept apart from settings.ts so the popover, which imports settings.ts, never bundles zod.
import { z } from 'zod';
import { CLOCK_TIME, SETTINGS_LIMITS, type Settings } from './settings.ts';
import { SERVICE_IDS, type ServiceId } from './status.ts';

/** Longest community server address accepted; long enough for any real URL, short enough for IPC and the file. */
export const AGGREGATOR_URL_MAX = 2_048;

/** The dotted path of an issue ("quietHours.start"); the whole patch is called "settings". */
const dotted = (path: readonly PropertyKey[] | undefined, key?: string): string =>
  [...(path ?? []).map(String), ...(key === undefined ? [] : [key.slice(0, 60)])].join('.') || 'settings';

/** Messages say what is allowed, naming the field the way the user-facing errors always have. */
const flag = z.boolean({ error: (iss) => `${dotted(iss.path)} must be true or false.` });
const clockTime = z.string().regex(CLOCK_TIME, { error: (iss) => `${dotted(iss.path)} must be a time written HH:MM (00:00 to 23:59).` });

function interval(key: keyof typeof SETTINGS_LIMITS) {
  const { min, max } = SETTINGS_LIMITS[key];
  const error = `${key} must be a whole number of milliseconds from ${min} to ${max}.`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** An object that names its unknown keys the way the hand-written validator did. */
function strict<T extends z.core.$ZodLooseShape>(
  shape: T,
  unknown: (field: string, key: string) => string = (field) => `Unknown setting "${field}".`,
) {
  return z.strictObject(shape, {
    error: (iss) => {
      const field = dotted(iss.path);
      if (iss.code === 'unrecognized_keys') return unknown(dotted(iss.path, String(iss.keys[0])), String(iss.keys[0]).slice(0, 60));
      return `${field} must be an object.`;
    },
  });
}

/** One value per service; an unknown service is named as such. */
function perService<T extends z.ZodType>(entry: T) {
  const shape = Object.fromEntries(SERVICE_IDS.map((id) => [id, entry])) as Record<ServiceId, T>;
  return strict(shape, (field, key) => `Unknown service "${key}" in ${field.slice(0, field.lastIndexOf('.'))}.`);
}

/** An http(s) URL with a host and no credentials, without trailing slashes; '' = the build's default (or none). */
const aggregatorUrl = z
  .string({ error: 'The community server address must be an http(s) URL.' })
  .max(AGGREGATOR_URL_MAX, { error: 'The community server address must be an http(s) URL.' })
  .transform((value, ctx) => {
    if (value.trim() === '') return '';
    const fail = (message: string) => (ctx.addIssue({ code: 'custom', message }), z.NEVER);
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      return fail('The community server address is not a valid URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return fail('The community server address must start with http:// or https://.');
    if (url.hostname === '') return fail('The community server address needs a host name.');
    if (url.username || url.password) return fail('The community server address must not contain a user name or password.');
    if (url.search || url.hash) return fail('The community server address must not contain a query or fragment.');
    return url.toString().replace(/\/+$/, '');
  });

/** Field by field, the complete settings; the patch below is this with every field (one level deep) optional. */
const fields = {
  schemaVersion: z.literal(1, { error: 'schemaVersion can only be 1.' }),
  probeIntervalMs: interval('probeIntervalMs'),
  officialPollMs: interval('officialPollMs'),
  communityPollMs: interval('communityPollMs'),
  notifications: perService(strict({ down: flag, recovered: flag })),
  quietHours: strict({ enabled: flag, start: clockTime, end: clockTime }),
  launchAtLogin: flag,
  aggregatorUrl,
  crowdAlerts: flag,
  officialFeed: flag,
  communityReports: flag,
  messagesSource: flag,
  messagesAutoReport: flag,
  notifyWhenBack: perService(flag),
  snoozeUntil: z
    .number({ error: 'snoozeUntil must be a time in epoch milliseconds (0 = not snoozed).' })
    .int({ error: 'snoozeUntil must be a time in epoch milliseconds (0 = not snoozed).' })
    .min(0, { error: 'snoozeUntil must be a time in epoch milliseconds (0 = not snoozed).' }),
};

/** Complete settings, as stored. */
export const settingsSchema = strict(fields);

/** A change: any top-level field, and any sub-field of the nested ones (a single notification switch included). */
export const settingsPatchSchema = strict({
  ...z.object(fields).partial().shape,
  notifications: perService(strict({ down: flag.optional(), recovered: flag.optional() }).optional()).optional(),
  quietHours: strict({ enabled: flag.optional(), start: clockTime.optional(), end: clockTime.optional() }).optional(),
  notifyWhenBack: perService(flag.optional()).optional(),
});

/** The JSON Schema electron-store checks the file against (one entry per top-level key), generated from settingsSchema. */
export function settingsJsonSchema(): Record<keyof Settings, object> {
  // 'input': the stored file holds what the schema accepts; the URL transform has no JSON Schema of its own.
  const { properties } = z.toJSONSchema(settingsSchema, { io: 'input' }) as { properties: Record<keyof Settings, object> };
  return properties;
}

// Compile-time guard: the schema and the Settings interface describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof settingsSchema>, Settings> = true;
void sameShape;
