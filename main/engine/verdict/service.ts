// The raw verdict for one Apple service from one round's evidence. Pure; hysteresis comes after.
//
// The rule (points, summed):
// - Probe failures count only when the local verdict is `online`: a local fault never becomes a service outage.
// - Primary (documented endpoints): the push courier fails on BOTH 5223 and 443 (refused, timeout, reset, TLS error,
//   HTTP error, unreachable) while the neutral reference works = 3 points for both services: an outage this computer
//   sees on its own, before anyone reports it or Apple confirms it (no message and no call invitation arrives without
//   the courier). One port alone = 0 (a blocked port; push falls back to 443). TLS interception and DNS errors are
//   local findings, never Apple's fault.
// - Secondary (undocumented endpoints): identity services failing = 1 for both; the FaceTime endpoint failing = 1 for
//   FaceTime. `slow` works: 0. Secondary alone tops out at 2, so it never makes an outage by itself.
// - Community (the aggregator counts distinct networks, so one sender can't move it): outage = 3 — a crowd-seen
//   outage is an outage on its own, even when this computer's probes pass — or 2 when the user turned crowd-only
//   alerts off; degraded = 1. An outage the aggregator only holds up while people have stopped reporting (its
//   `current` reading is lower) scores that reading, so it never keeps the icon red after this computer's checks
//   recover. Ignored when older than STALE_EVIDENCE_MS.
// - Official: outage = 3, issue = 1, maintenance = 0 (mentioned). `ok` adds 0 and never cancels failing probes.
// - This Mac's Messages (opt-in, iMessage only, counted only while online): iMessages to 2+ people failed in the
//   recent window with nothing delivered since, or 3+ text messages to 2+ people this Mac's iMessages reached in the last
//   30 days with no iMessage delivered since (going green) = 2, not more for both (degraded alone; with any other
//   evidence an outage). One recipient = 0.
// - Score >= 3 outage, 1-2 degraded, 0 operational. Nothing known (local fault, or no probe of this service in the
//   round, and no official/community data) = unknown; under a local fault a 0 score is unknown too (can't check).
import type {
  CommunityServiceStatus,
  CommunitySnapshot,
  LocalVerdictKind,
  ProbeId,
  ProbeOutcome,
  ProbeResult,
  ServiceId,
  ServiceState,
} from '../../../contracts/status.ts';
import type { OfficialServiceStatus, OfficialSnapshot } from '../../../contracts/official-status.ts';
import type { MessagesCounts } from '../../../contracts/messages.ts';
import type { ProbeRound } from '../ports.ts';
import { crowdWindingDown, type Evidence } from './evidence.ts';
import { findProbeResult } from './local.ts';
import { describeEvidence } from './reason.ts';

/** Community or official data older than this says nothing about now. */
export const STALE_EVIDENCE_MS = 30 * 60_000;

/** Outcomes that count against Apple when the rest of the internet works. */
export const APPLE_FAULTS: ReadonlySet<ProbeOutcome> = new Set([
  'refused',
  'timeout',
  'reset',
  'tls-error',
  'http-error',
  'unreachable',
  'error',
]);

export const SERVICE_PROBES: Record<ServiceId, ProbeId[]> = {
  imessage: ['apns5223', 'apns443', 'ids'],
  facetime: ['apns5223', 'apns443', 'ids', 'facetime'],
};

export interface ServiceInput {
  service: ServiceId;
  /** The raw local verdict of the same round. */
  local: LocalVerdictKind;
  round: ProbeRound | null;
  official: OfficialSnapshot | null;
  community: CommunitySnapshot | null;
  now: number;
  /** This Mac's failed iMessages or green texts when they are evidence (see messagesAreEvidence), else null. */
  messages?: MessagesCounts | null;
  /** A community outage alone makes an outage (the `crowdAlerts` setting; default on). */
  crowdAlerts?: boolean;
}

export interface ServiceReading {
  state: ServiceState;
  reason: string;
  failedProbes: ProbeId[];
  okProbes: ProbeId[];
  official: OfficialServiceStatus | null;
  community: CommunityServiceStatus | null;
  /** Apple itself confirms an outage: the hysteresis moves at once. */
  officialOutage: boolean;
  /** This computer's own checks of Apple's servers failed this round (push on both ports, identity, FaceTime). */
  probesFailing: boolean;
}

const failing = (r: ProbeResult | undefined): r is ProbeResult => !!r && !r.ok && APPLE_FAULTS.has(r.outcome);
const fresh = (at: number | null, now: number): boolean => at !== null && now - at <= STALE_EVIDENCE_MS;

/** Weighs probes, Apple's word and the community for one service. */
export function judgeService(input: ServiceInput): ServiceReading {
  const { service, round, now } = input;
  const probesCount = input.local === 'online' && round !== null;
  const official = input.official && fresh(input.official.fetchedAt, now) ? (input.official.services[service] ?? null) : null;
  const community = input.community && fresh(input.community.fetchedAt, now) ? (input.community.services[service] ?? null) : null;
  const mine = round ? round.results.filter((r) => SERVICE_PROBES[service].includes(r.id)) : [];
  const get = (id: ProbeId) => (round ? findProbeResult(round, id) : undefined);
  const referenceOk = get('internet')?.ok === true;
  const p5223 = get('apns5223');
  const p443 = get('apns443');
  const bothPorts = failing(p5223) && failing(p443);
  const ev: Evidence = {
    pushDown: probesCount && bothPorts && referenceOk ? (p443 ?? null) : null,
    onePortDown: probesCount && !bothPorts ? ([p5223, p443].find((r) => r && !r.ok) ?? null) : null,
    ids: probesCount && failing(get('ids')) ? (get('ids') ?? null) : null,
    facetime: probesCount && service === 'facetime' && failing(get('facetime')) ? (get('facetime') ?? null) : null,
    official,
    community,
    referenceOk,
    probesCount,
    messages: probesCount && service === 'imessage' ? (input.messages ?? null) : null,
    reach: input.community?.reach ?? null,
    crowdAlerts: input.crowdAlerts ?? true,
  };
  const score = scoreEvidence(ev);
  const known = (probesCount && mine.length > 0) || official !== null || community !== null;
  let state: ServiceState = score >= 3 ? 'outage' : score >= 1 ? 'degraded' : 'operational';
  if (!known || (score === 0 && !probesCount)) state = 'unknown';
  return {
    state,
    reason: describeEvidence(service, state, ev, input.local),
    failedProbes: probesCount ? mine.filter((r) => !r.ok).map((r) => r.id) : [],
    okProbes: probesCount ? mine.filter((r) => r.ok).map((r) => r.id) : [],
    official,
    community,
    officialOutage: official?.state === 'outage',
    probesFailing: !!(ev.pushDown || ev.ids || ev.facetime),
  };
}

/** The crowd's points; an outage winding down scores what the window reads now (degraded 1, quiet 0). */
function crowdPoints(c: CommunityServiceStatus | null, crowdAlerts: boolean): number {
  if (!c) return 0;
  const level = crowdWindingDown(c) ? c.current : c.status;
  if (level === 'outage') return crowdAlerts ? 3 : 2;
  return level === 'degraded' ? 1 : 0;
}

/** Sums the points of the rule above. */
export function scoreEvidence(ev: Evidence): number {
  let score = 0;
  if (ev.pushDown) score += 3;
  if (ev.ids) score += 1;
  if (ev.facetime) score += 1;
  if (ev.messages) score += 2;
  score += crowdPoints(ev.community, ev.crowdAlerts);
  if (ev.official?.state === 'outage') score += 3;
  else if (ev.official?.state === 'issue') score += 1;
  return score;
}
