// electron-store behind the engine's SettingsStore port: JSON Schema (from the zod one), defaults, migration, corrupt files moved aside.
import Store from 'electron-store';
import type { Settings } from '../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import type { SettingsStore } from '../engine/ports.ts';
import { openSettingsStore, settingsStoreAdapter } from '../shell/settings-file.ts';
import type { SettingsFileOptions } from '../shell/settings-file.ts';
import { settingsJsonSchema } from '../../contracts/settings-schema.ts';
import type { LogLine } from './logging.ts';
import { join } from 'node:path';

/** Opens `<dir>/settings.json`; never throws for bad file contents. */
export function openElectronSettings(dir: string, log: LogLine): SettingsStore {
  const opts: SettingsFileOptions = {
    path: join(dir, 'settings.json'),
    log: (line) => log('warn', line),
    now: () => Date.now(),
  };
  const store = openSettingsStore(
    opts,
    () =>
      new Store<Settings>({
        name: 'settings',
        cwd: dir,
        schema: settingsJsonSchema() as never,
        defaults: DEFAULT_SETTINGS,
        clearInvalidConfig: false,
      }),
  );
  return settingsStoreAdapter(store, opts);
}
