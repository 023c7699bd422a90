// The tray icon's level and the popover's headline: the worst thing worth saying, in a few words.
import type { LocalVerdictKind, OverallLevel, ServiceId, ServiceState } from '../../../contracts/status.ts';
import { SERVICE_IDS, SERVICE_NAMES } from '../../../contracts/status.ts';

const LOCAL_HEADLINES: Partial<Record<LocalVerdictKind, string>> = {
  // Offline, this computer can't know how Apple is doing: say what it does know.
  offline: "You're offline — Apple's status can't be checked from here",
  captive: 'Wi-Fi login page in the way',
  dns: "Your DNS isn't answering — Apple's status can't be checked from here",
  limited: "Connected, but the internet isn't reachable",
};

const names = (ids: ServiceId[]): string => ids.map((id) => SERVICE_NAMES[id]).join(' and ');

/** Picks the level and headline: Apple outages first, then the user's own network, then degradation. */
export function overallStatus(
  local: LocalVerdictKind,
  services: Record<ServiceId, ServiceState>,
  checked: boolean,
): { level: OverallLevel; headline: string } {
  const inState = (s: ServiceState) => SERVICE_IDS.filter((id) => services[id] === s);
  const down = inState('outage');
  if (down.length > 0) {
    const suffix = local === 'online' && down.length === 1 ? ' — not just you' : '';
    return { level: 'outage', headline: `${names(down)} ${down.length > 1 ? 'are' : 'is'} down${suffix}` };
  }
  const localHeadline = LOCAL_HEADLINES[local];
  if (localHeadline) return { level: 'offline', headline: localHeadline };
  const degraded = inState('degraded');
  if (degraded.length > 0) {
    return { level: 'degraded', headline: `${names(degraded)} ${degraded.length > 1 ? 'have' : 'has'} problems` };
  }
  if (!checked || local === 'unknown' || inState('unknown').length > 0) return { level: 'unknown', headline: 'Checking…' };
  return { level: 'operational', headline: 'All good' };
}
