// Apple's own incident for a service while it is open (how many users Apple says are affected, the other Apple
// services in the same event) and, while the service has problems, how this computer's view compares with Apple's page.
import type { ServiceVerdict } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { leadSentence } from '../view/lead-words.ts';

export function AppleIncident({ official, verdict }: { official: OfficialServiceStatus | null; verdict: ServiceVerdict }) {
  const open = official !== null && official.state !== 'ok';
  // The engine keeps the incident open while the state is unknown (asleep, offline); only problems say who was first.
  const down = verdict.state === 'outage' || verdict.state === 'degraded';
  const seen = down ? verdict.incident?.lead : undefined;
  // While Apple's page shows something for the service (maintenance is not a confirmation), "not yet" would contradict it.
  const lead = seen && !(open && seen.kind === 'unconfirmed') ? seen : undefined;
  if (!open && !lead) return null;
  const others = official?.otherServices ?? [];
  return (
    <p className="apple-incident" data-testid={`apple-incident-${verdict.service}`}>
      {open && (
        <>
          Apple's status page{official.usersAffected ? `: ${official.usersAffected}.` : ' reports it.'}
          {others.length > 0 && ` Same incident: ${others.join(', ')}.`}
        </>
      )}
      {lead && (
        <span className="lead-line" data-testid={`lead-${verdict.service}`}>
          {open ? ' ' : ''}
          {leadSentence(lead)}
        </span>
      )}
    </p>
  );
}
