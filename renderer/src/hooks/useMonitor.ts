// The live snapshot and settings from the bridge, with failures kept as words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings, SettingsPatch } from '../../../contracts/settings.ts';
import type { Snapshot } from '../../../contracts/status.ts';
import { errorMessage } from '../view/settingsForm.ts';

export interface MonitorState {
  snapshot: Snapshot | null;
  settings: Settings | null;
  /** Why there is no (fresh) data, in words; null when all is well. */
  error: string | null;
  checkNow(): Promise<void>;
  /** Stores a change; resolves to an error message, or null when it was accepted. */
  updateSettings(patch: SettingsPatch): Promise<string | null>;
}

/** Subscribes to snapshots; marks the first render with data for the benchmark. */
export function useMonitor(api: MonitorApi): MonitorState {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latestRound = useRef(-1);

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
    api.getSnapshot().then(
      (next) => live && accept(next),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    api.getSettings().then(
      (next) => live && setSettings(next),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, accept]);

  const checkNow = useCallback(async () => {
    try {
      accept(await api.checkNow());
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [api, accept]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch): Promise<string | null> => {
      try {
        setSettings(await api.setSettings(patch));
        return null;
      } catch (err) {
        return errorMessage(err);
      }
    },
    [api],
  );

  return { snapshot, settings, error, checkNow, updateSettings };
}
