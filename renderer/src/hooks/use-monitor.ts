// The live snapshot and settings from the bridge, with failures kept as words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { InitialData } from '../../../contracts/popover-page.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import type { Snapshot } from '../../../contracts/status.ts';
import { errorMessage, mergeSettings } from '../view/settings-form.ts';

export interface MonitorState {
  snapshot: Snapshot | null;
  settings: Settings | null;
  /** Why there is no (fresh) data, in words; null when all is well. */
  error: string | null;
  checkNow(): Promise<void>;
  /** Stores a change; resolves to an error message, or null when it was accepted. */
  updateSettings(patch: SettingsPatch): Promise<string | null>;
}

/** Requests started before React renders, so the first data arrives sooner. */
export interface InitialLoad {
  snapshot: Promise<Snapshot>;
  settings: Promise<Settings>;
  /** Already arrived before the first render: rendered straight away, no skeleton pass. */
  readySnapshot?: Snapshot;
  readySettings?: Settings;
}

/** The first load when the page brought the data itself (browser mode's data block): ready, nothing to ask. */
export function initialLoadFrom(data: InitialData): InitialLoad {
  const { snapshot, settings } = data;
  return { snapshot: Promise.resolve(snapshot), settings: Promise.resolve(settings), readySnapshot: snapshot, readySettings: settings };
}

/** Starts the first snapshot and settings requests at once; resolves when both arrived or after `waitMs`. */
export async function startInitialLoad(api: MonitorApi, waitMs = 150): Promise<InitialLoad> {
  const load: InitialLoad = { snapshot: api.getSnapshot(), settings: api.getSettings() };
  load.snapshot.then(
    (s) => (load.readySnapshot = s),
    () => {},
  );
  load.settings.then(
    (s) => (load.readySettings = s),
    () => {},
  );
  // A loopback answer takes a few ms: rendering once with data beats a skeleton pass followed by a data pass.
  await Promise.race([Promise.allSettled([load.snapshot, load.settings]), new Promise((r) => setTimeout(r, waitMs))]);
  return load;
}

/** Subscribes to snapshots and loads settings, using `initial` requests when given. */
export function useMonitor(api: MonitorApi, initial?: InitialLoad): MonitorState {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(initial?.readySnapshot ?? null);
  const [settings, setSettings] = useState<Settings | null>(initial?.readySettings ?? null);
  const [error, setError] = useState<string | null>(null);
  const latestRound = useRef(initial?.readySnapshot?.round ?? -1);

  const accept = useCallback((next: Snapshot) => {
    // Snapshots can arrive from the stream and from a request at once: keep the newest.
    if (next.round < latestRound.current) return;
    latestRound.current = next.round;
    setSnapshot(next);
    setError(null);
  }, []);

  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribe((next) => live && accept(next));
    (initial?.snapshot ?? api.getSnapshot()).then(
      (next) => live && accept(next),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    (initial?.settings ?? api.getSettings()).then(
      (next) => live && setSettings(next),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, accept, initial]);

  const checkNow = useCallback(async () => {
    try {
      accept(await api.checkNow());
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [api, accept]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch): Promise<string | null> => {
      // Shown at once, so a switch doesn't flick back while the engine stores it.
      setSettings((current) => (current ? mergeSettings(current, patch) : current));
      try {
        setSettings(await api.setSettings(patch));
        return null;
      } catch (err) {
        // Refused: show what is really in force again.
        api.getSettings().then(setSettings, () => {});
        return errorMessage(err);
      }
    },
    [api],
  );

  return { snapshot, settings, error, checkNow, updateSettings };
}
