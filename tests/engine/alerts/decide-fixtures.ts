// Shared fixtures for the AlertDecider tests: a UTC clock, times of day, settings, a player of rounds, Apple's word.
import type { Settings } from '../../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import type { ServiceState } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { AlertDecider } from '../../../main/engine/alerts/decide.ts';

export const MIN = 60_000;
export const REASON = 'Push servers refuse connections and identity services answer 503; the rest of the internet works.';
// Minutes of day straight from the epoch, so tests don't depend on the machine's time zone.
export const utcMinutes = (t: number) => Math.floor(t / MIN) % 1440;
export const at = (hh: number, mm = 0) => (hh * 60 + mm) * MIN;

export function settings(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

export function play(states: [number, ServiceState][], s: Settings = settings(), service: 'imessage' | 'facetime' = 'imessage') {
  const d = new AlertDecider(utcMinutes, 'darwin');
  return states.flatMap(([t, state]) => {
    const n = d.observe(service, state, REASON, s, t).notification;
    return n ? [n] : [];
  });
}

/** Apple's word on iMessage: an event of that state since `start` (null: Apple gave no start). */
export function apple(state: OfficialServiceStatus['state'], start: number | null): OfficialServiceStatus {
  return { name: 'iMessage', state, start, end: null, message: null, usersAffected: null };
}
