// The snapshot the UI shows, assembled from the engine's parts as of now.
import type { Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { switchedFeeds } from './live-settings.ts';
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
  platform: string;
  now: number;
}

/** Everything the UI shows, as of now. */
export function buildSnapshot({ deps, settings, judge, rounds, messages, held, platform, now }: SnapshotParts): Snapshot {
  const services = judge.services;
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

function queuedReports(reporter: EngineDeps['reporter']): number {
  try {
    return reporter.pending();
  } catch {
    return 0;
  }
}
