// Apple's own incident for a service while it is open: how many users Apple says are affected, the other Apple
// services in the same event, and how long before Apple's page this computer saw it (when it did).
import type { ServiceVerdict } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { formatDuration } from '../view/time.ts';

/** Closer than this says nothing about who knew first (the engine's alert uses the same margin). */
const SAME_TIME_MS = 1_000;

export function AppleIncident({ official, verdict }: { official: OfficialServiceStatus | null; verdict: ServiceVerdict }) {
  if (!official || official.state === 'ok') return null;
  const others = official.otherServices ?? [];
  const seen = verdict.state === 'outage' || verdict.state === 'degraded' ? verdict.since : null;
  const lead = seen !== null && official.start !== null ? official.start - seen : 0;
  return (
    <p className="apple-incident" data-testid={`apple-incident-${verdict.service}`}>
      Apple's status page{official.usersAffected ? `: ${official.usersAffected}.` : ' reports it.'}
      {others.length > 0 && ` Same incident: ${others.join(', ')}.`}
      {lead >= SAME_TIME_MS && ` Seen here ${formatDuration(lead)} before Apple.`}
    </p>
  );
}
