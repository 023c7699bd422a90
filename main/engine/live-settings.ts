// The engine's current settings: loaded once, replaced by patches and by the one-shot bell, saved on every change.
import type { Settings } from '../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { errorText } from '../../contracts/results.ts';
import type { CommunitySnapshot, ServiceId } from '../../contracts/status.ts';
import type { OfficialSnapshot } from '../../contracts/official-status.ts';
import type { EngineLog } from './log.ts';
import type { EngineDeps, SettingsInForce, SettingsStore } from './ports.ts';

const EMPTY_OFFICIAL: OfficialSnapshot = { fetchedAt: null, stale: false, error: null, services: {} };
const EMPTY_COMMUNITY: CommunitySnapshot = { fetchedAt: null, stale: false, error: null, reach: 'none', services: {} };

/** Holds the settings in force; a broken store is logged and never stops the engine. */
export class LiveSettings implements SettingsInForce {
  private value: Settings;
  /** Why the last save failed (the settings then live in memory only); null once a save succeeds. */
  saveError: string | null = null;

  constructor(
    private readonly store: SettingsStore,
    private readonly log: EngineLog,
  ) {
    this.value = loadSettings(store, log);
  }

  get current(): Settings {
    return this.value;
  }

  /** Puts new settings in force and saves them. */
  replace(next: Settings): void {
    this.value = next;
    this.save();
  }

  /** The "notify me when it's back" bell is one-shot: it rang for this outage. */
  clearBell(service: ServiceId): void {
    this.replace({ ...this.value, notifyWhenBack: { ...this.value.notifyWhenBack, [service]: false } });
  }

  private save(): void {
    try {
      this.store.save(this.value);
      this.saveError = null;
    } catch (e) {
      this.saveError = errorText(e);
      this.log.warn(`settings could not be saved: ${errorText(e)}`);
    }
  }
}

/** What Apple and the community say now, as far as the switches let them in (empty when switched off). */
export function switchedFeeds(
  settings: Settings,
  deps: Pick<EngineDeps, 'official' | 'community'>,
): {
  official: OfficialSnapshot;
  community: CommunitySnapshot;
} {
  return {
    official: settings.officialFeed ? deps.official.current() : EMPTY_OFFICIAL,
    community: settings.communityReports ? deps.community.current() : EMPTY_COMMUNITY,
  };
}

function loadSettings(store: SettingsStore, log: EngineLog): Settings {
  try {
    return store.load();
  } catch (e) {
    log.warn(`settings could not be loaded, using defaults: ${errorText(e)}`);
    return DEFAULT_SETTINGS;
  }
}
