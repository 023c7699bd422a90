// Opens the settings file behind electron-store with the engine's checks: older shapes are migrated, and a corrupted
// file (or one with values that had to be dropped) is moved aside, kept for the user, and logged, never silently lost.
import type { Settings } from '../../contracts/settings.ts';
import type { SettingsStore } from '../engine/ports.ts';
import { moveAside, readJsonOrMoveAside, writeFileAtomic } from '../engine/files/json-file.ts';
import { migrateSettings } from '../engine/settings/migrate.ts';
import { errorText } from '../../contracts/results.ts';

/** The parts of electron-store (a `conf` subclass) the adapter needs: the whole store as one object.
 *  Typed as Settings, but whatever is on disk comes back: reads always go through the migrator. */
export interface WholeStore {
  readonly path: string;
  store: Settings;
}

export interface SettingsFileOptions {
  path: string;
  log: (line: string) => void;
  now: () => number;
}

export type PreparedSettings =
  | { outcome: 'missing' }
  | { outcome: 'current' }
  | { outcome: 'migrated' }
  | { outcome: 'moved-aside'; movedTo: string | null; reason: string };

/** Runs before electron-store opens the file, so its schema check never meets a file it would refuse. */
export function prepareSettingsFile(opts: SettingsFileOptions): PreparedSettings {
  const read = readJsonOrMoveAside(opts.path, opts.now());
  if (read.kind === 'missing') return { outcome: 'missing' };
  if (read.kind === 'corrupt') {
    opts.log(`settings: ${opts.path} was unreadable (${read.reason}); moved to ${read.movedTo ?? 'nowhere'}, using defaults`);
    return { outcome: 'moved-aside', movedTo: read.movedTo, reason: read.reason };
  }
  const { settings, problems } = migrateSettings(read.value);
  for (const problem of problems) opts.log(`settings: ${problem}`);
  if (JSON.stringify(read.value) === JSON.stringify(settings)) return { outcome: 'current' };
  // Upgrading an old shape loses nothing; dropping a bad value does, so the original is kept beside the new file.
  const lossy = problems.some((p) => !p.startsWith('upgraded '));
  let result: PreparedSettings = { outcome: 'migrated' };
  if (lossy) {
    const movedTo = moveAside(opts.path, opts.now());
    opts.log(`settings: kept the original as ${movedTo ?? 'nothing (could not move it)'}`);
    result = { outcome: 'moved-aside', movedTo, reason: problems.join('; ') };
  }
  writeFileAtomic(opts.path, `${JSON.stringify(settings, null, '\t')}\n`);
  return result;
}

/** Prepares the file, then opens the store; a store that still refuses the file gets it moved aside once more. */
export function openSettingsStore<S extends WholeStore>(opts: SettingsFileOptions, open: () => S): S {
  prepareSettingsFile(opts);
  try {
    return open();
  } catch (error) {
    const movedTo = moveAside(opts.path, opts.now());
    if (!movedTo) throw error;
    opts.log(`settings: the store refused ${opts.path} (${errorText(error)}); moved to ${movedTo}, using defaults`);
    return open();
  }
}

/** The engine's SettingsStore over electron-store: reads go through the migrator, so bad data never reaches the engine. */
export function settingsStoreAdapter(store: WholeStore, opts: SettingsFileOptions): SettingsStore {
  return {
    load(): Settings {
      let raw: unknown;
      try {
        raw = store.store;
      } catch (error) {
        // Damaged while running (edited by hand): keep the evidence, carry on with defaults.
        const movedTo = moveAside(store.path, opts.now());
        opts.log(`settings: ${store.path} became unreadable (${errorText(error)}); moved to ${movedTo ?? 'nowhere'}`);
        raw = undefined;
      }
      const { settings, problems } = migrateSettings(raw);
      for (const problem of problems) opts.log(`settings: ${problem}`);
      return settings;
    },
    save(settings: Settings): void {
      store.store = structuredClone(settings);
    },
  };
}
