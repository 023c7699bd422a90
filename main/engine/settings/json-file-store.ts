// Settings in a JSON file, for browser mode and the CLI (the desktop app uses electron-store with the same checks).
import type { Settings } from '../../../contracts/settings.ts';
import type { SettingsStore } from '../ports.ts';
import { readJsonOrMoveAside, writeFileAtomic } from '../files/json-file.ts';
import { migrateSettings } from './migrate.ts';

/** A SettingsStore over one JSON file: damaged files are moved aside and logged, writes are atomic. */
export function jsonFileSettingsStore(path: string, log: (line: string) => void = () => undefined): SettingsStore {
  return {
    load(): Settings {
      const read = readJsonOrMoveAside(path);
      if (read.kind === 'corrupt') {
        log(`settings file ${path} was unreadable (${read.reason}); moved to ${read.movedTo ?? 'nowhere'}, using defaults`);
      }
      const { settings, problems } = migrateSettings(read.kind === 'ok' ? read.value : undefined);
      for (const problem of problems) log(`settings: ${problem}`);
      return settings;
    },
    save(settings: Settings): void {
      writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`);
    },
  };
}
