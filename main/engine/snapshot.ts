// The snapshot the UI shows, assembled from the engine's parts as of now.
import type { ServiceId, ServiceVerdict, Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { switchedFeeds } from './live-settings.ts';
import type { AlertDecider } from './alerts/decide.ts';
import type { HeldOutages } from './alerts/held-outages.ts';
import type { MessagesWatch } from './messages/watch.ts';
import type { EngineDeps, SettingsInForce } from './ports.ts';
import type { ProbeRounds } from './probe-rounds.ts';
import { storageProblem } from './storage-problem.ts';
import type { VerdictJudge } from './verdict/judge.ts';
import { overallStatus } from './verdict/overall.ts';

export interface SnapshotParts {
  deps: Pick<EngineDeps, 'official' | 'community' | 'reporter'>;
  settings: SettingsInForce;
  judge: VerdictJudge;
  rounds: ProbeRounds;
  messages: MessagesWatch;
  held: HeldOutages;
  /** Knows each open incident and how far ahead of Apple's page it was seen. */
  alerts: Pick<AlertDecider, 'incident'>;
  platform: string;
  now: number;
}

/** Everything the UI shows, as of now. */
export function buildSnapshot({ deps, settings, judge, rounds, messages, held, alerts, platform, now }: SnapshotParts): Snapshot {
  const services = withIncidents(judge.services, (id) => alerts.incident(id, settings.current));
  const { checkedAt } = rounds;
  const states = { imessage: services.imessage.state, facetime: services.facetime.state };
  return {
    checkedAt,
    checking: rounds.checking,
    round: rounds.count,
    overall: overallStatus(judge.local.verdict, states, checkedAt !== null),
    local: judge.local,
    services,
    probes: rounds.probes,
    ...switchedFeeds(settings.current, deps),
    queuedReports: queuedReports(deps.reporter),
    ...storageProblem(settings, deps.reporter),
    watching: SERVICE_IDS.filter((id) => settings.current.notifyWhenBack[id]),
    // Only where Messages can be read at all: elsewhere the popover hides the setting.
    ...(messages.available ? { messages: messages.status() } : {}),
    ...(settings.current.snoozeUntil > now ? { snoozedUntil: settings.current.snoozeUntil } : {}),
    ...held.inSnapshot(now),
    platform,
  };
}

/** Each verdict with its open incident, if any (a copy: the judge's verdicts stay as judged). */
function withIncidents(
  services: Record<ServiceId, ServiceVerdict>,
  incident: (id: ServiceId) => ServiceVerdict['incident'] | null,
): Record<ServiceId, ServiceVerdict> {
  const entry = (id: ServiceId): ServiceVerdict => {
    const open = incident(id);
    return open ? { ...services[id], incident: open } : services[id];
  };
  return Object.fromEntries(SERVICE_IDS.map((id) => [id, entry(id)])) as Record<ServiceId, ServiceVerdict>;
}

function queuedReports(reporter: EngineDeps['reporter']): number {
  try {
    return reporter.pending();
  } catch {
    return 0;
  }
}
