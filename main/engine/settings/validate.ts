// Settings changes from the popover, the CLI or the web bridge, checked against the one schema in contracts/.
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import { settingsPatchSchema } from '../../../contracts/settings-schema.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';

/** A rejected setting: `field` is its dotted path ("quietHours.start"), `message` says what is allowed. */
export class SettingsError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'SettingsError';
    this.field = field;
  }
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code: string;
  keys?: readonly string[];
}

/** The dotted field an issue is about; an unknown key is named itself, the whole patch is "settings". */
function fieldOf(issue: Issue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined) path.push(issue.keys[0].slice(0, 60));
  return path.join('.') || 'settings';
}

/** Validates an untrusted settings change; throws SettingsError naming the first bad field (in the input's order). */
export function validateSettingsPatch(input: unknown): SettingsPatch {
  const result = settingsPatchSchema.safeParse(input);
  if (result.success) {
    // schemaVersion is accepted (it can only be 1) but is never part of a change.
    const { schemaVersion: _version, ...patch } = result.data;
    return patch as SettingsPatch;
  }
  const order = typeof input === 'object' && input !== null ? Object.keys(input) : [];
  const rank = (issue: Issue): number => order.indexOf(fieldOf(issue).split('.')[0] ?? '');
  const first = [...(result.error.issues as Issue[])].sort((a, b) => rank(a) - rank(b))[0];
  if (!first) throw new SettingsError('settings', 'settings are not valid.');
  throw new SettingsError(fieldOf(first), first.message);
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
