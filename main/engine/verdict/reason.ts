// The one human sentence that explains a service verdict, naming the evidence behind it.
import type { LocalVerdictKind, ProbeResult, ServiceId, ServiceState } from '../../../contracts/status.ts';
import { SERVICE_NAMES } from '../../../contracts/status.ts';
import { crowdClause } from './crowd-words.ts';
import { messagesSeen } from '../messages/window.ts';
import { crowdWindingDown, type Evidence } from './evidence.ts';

/** How a failing endpoint failed, as a verb phrase ("refuse connections", "answer 503"). */
export function failurePhrase(r: ProbeResult): string {
  switch (r.outcome) {
    case 'refused':
      return 'refuse connections';
    case 'timeout':
      return "don't answer";
    case 'reset':
      return 'reset connections';
    case 'tls-error':
      return 'present an invalid certificate';
    case 'http-error':
      return r.httpStatus ? `answer ${r.httpStatus}` : 'answer with errors';
    case 'unreachable':
      return "can't be reached";
    default:
      return 'fail';
  }
}

/** Joins clauses as "a, b and c". */
export function joinClauses(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

// Service names keep their own case ("iMessage"); everything else starts with a capital.
const sentence = (text: string): string =>
  Object.values(SERVICE_NAMES).some((name) => text.startsWith(name)) ? `${text}.` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

const LOCAL_CANT_CHECK: Partial<Record<LocalVerdictKind, string>> = {
  offline: "you're offline",
  captive: 'a Wi-Fi login page is in the way',
  dns: "your DNS isn't answering",
  limited: "the internet isn't reachable from here",
  unknown: 'no check has finished yet',
};

/** Builds the reason sentence for a service verdict from the evidence that scored. */
export function describeEvidence(service: ServiceId, state: ServiceState, ev: Evidence, local: LocalVerdictKind): string {
  const clauses: string[] = [];
  if (ev.pushDown) clauses.push(`push servers ${failurePhrase(ev.pushDown)}`);
  if (ev.ids) clauses.push(`identity services ${failurePhrase(ev.ids)}`);
  if (ev.facetime) clauses.push(`FaceTime servers ${failurePhrase(ev.facetime)}`);
  if (ev.messages) clauses.push(messagesSeen(ev.messages));
  const official = ev.official?.state;
  if (official === 'outage') clauses.push('Apple reports an outage');
  else if (official === 'issue') clauses.push('Apple reports an issue');
  else if (official === 'maintenance') clauses.push('Apple reports scheduled maintenance');
  const crowd = ev.community ? crowdClause(ev.community, ev.reach) : null;
  if (crowd) clauses.push(crowd);
  // The crowd ahead of Apple is the whole point: say plainly that Apple hasn't confirmed it (yet).
  const crowdActive = ev.community?.status === 'outage' && !crowdWindingDown(ev.community);
  if (crowdActive && official !== 'outage' && official !== 'issue') clauses.push("Apple hasn't confirmed it");

  const probeFailures = !!(ev.pushDown || ev.ids || ev.facetime);
  let tail: string;
  if (!ev.probesCount) tail = `can't check from here: ${LOCAL_CANT_CHECK[local] ?? 'the network has a problem'}`;
  else if (probeFailures) tail = ev.referenceOk ? 'the rest of the internet works' : '';
  else if (crowdActive) tail = "your own connection to Apple's servers still works";
  else if (official === 'outage') tail = 'your connection to Apple looks fine';
  else tail = `${SERVICE_NAMES[service]} works from here`;

  if (state === 'unknown' && clauses.length === 0) {
    return sentence(ev.probesCount ? `${SERVICE_NAMES[service]} wasn't checked this round` : tail);
  }
  if (clauses.length === 0) {
    const port = ev.onePortDown
      ? `; port ${ev.onePortDown.id === 'apns5223' ? 5223 : 443} is blocked here, push uses the other port (may be slower)`
      : '';
    return sentence(`${SERVICE_NAMES[service]} works from here${port}`);
  }
  // Only this Mac's own sends fail (probes pass): say exactly that, and that nobody else confirms it when alone.
  if (ev.messages && !probeFailures) {
    return sentence(
      clauses.length === 1 ? `${clauses[0]}; others aren't reporting problems, so it may be your account or network` : joinClauses(clauses),
    );
  }
  return sentence(tail ? `${joinClauses(clauses)}; ${tail}` : joinClauses(clauses));
}

/** The reason while `unknown` is held although this round could check again: the hysteresis wants more rounds. */
export function confirmingReason(service: ServiceId): string {
  return `Checking ${SERVICE_NAMES[service]}: a few more rounds to be sure.`;
}
