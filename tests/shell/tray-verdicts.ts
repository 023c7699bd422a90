// A service verdict in a given state with empty evidence: what the tray tests feed the tray's words and menu.
import type { ServiceId, ServiceState, ServiceVerdict } from '../../contracts/status.ts';

export const verdictIn = (service: ServiceId, state: ServiceState): ServiceVerdict =>
  ({
    service,
    state,
    since: null,
    reason: '',
    evidence: { failedProbes: [], okProbes: [], official: null, community: null, failingRounds: 0, goodRounds: 0 },
  }) as ServiceVerdict;
