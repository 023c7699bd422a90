// Types that cross a boundary: engine ↔ IPC/web bridge ↔ renderer. No runtime imports here.
import type { OfficialSnapshot, OfficialServiceStatus } from './official-status.ts';
import type { MessagesStatus } from './messages.ts';

/** The services we judge. */
export const SERVICE_IDS = ['imessage', 'facetime'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const SERVICE_NAMES: Record<ServiceId, string> = { imessage: 'iMessage', facetime: 'FaceTime' };

/** Verdict for one Apple service. */
export type ServiceState = 'operational' | 'degraded' | 'outage' | 'unknown';

/** Verdict about the user's own network. `unknown` only before the first round or right after a wake. */
export type LocalVerdictKind = 'online' | 'offline' | 'captive' | 'dns' | 'limited' | 'unknown';

/** Each probe the engine runs every round. */
export type ProbeId =
  | 'dns' // resolution of the push and identity host names
  | 'apns5223' // push courier, TCP + TLS on 5223
  | 'apns443' // push courier, TCP on 443
  | 'ids' // identity services configuration bag over HTTPS
  | 'facetime' // FaceTime-specific HTTPS endpoint
  | 'captive' // captive-portal check over HTTP
  | 'internet'; // neutral, non-Apple reference

/** How a probe ended. `ok` and `slow` mean the endpoint works. */
export type ProbeOutcome =
  | 'ok'
  | 'slow' // answered correctly, but slower than the slow threshold
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'http-error' // HTTPS answered with a non-2xx/3xx status
  | 'tls-error' // certificate did not validate (not interception)
  | 'tls-intercepted' // valid-looking chain from a non-Apple issuer: the network inspects TLS
  | 'dns-error' // the name did not resolve
  | 'portal' // captive check: a login page instead of Success
  | 'unreachable' // no route / network down
  | 'error'; // anything else, see detail

export interface ProbeResult {
  id: ProbeId;
  outcome: ProbeOutcome;
  /** true when the endpoint works (`ok` or `slow`). */
  ok: boolean;
  /** Time until the probe finished, ms. */
  latencyMs: number;
  /** Connect time for TCP probes, ms, when a connection was made. */
  connectMs?: number;
  httpStatus?: number;
  /** Issuer common name / organisation of the leaf certificate, when TLS got that far. */
  tlsIssuer?: string;
  /** One short human sentence ("connection refused by 17.57.146.20:5223"). */
  detail: string;
  /** Host (and port) probed. */
  target: string;
  /** Epoch ms when the probe started. */
  at: number;
}

export type ConnectionType = 'wifi' | 'ethernet' | 'vpn' | 'cellular' | 'other' | 'none';

export interface NetworkState {
  /** At least one non-internal interface is up with an address. */
  linkUp: boolean;
  /** A default gateway is known. */
  hasGateway: boolean;
  type: ConnectionType;
  vpn: boolean;
  /** Interface name used for the default route, when known. */
  iface?: string;
  /** Wi-Fi network name, when known. */
  ssid?: string;
}

export interface LocalVerdict {
  verdict: LocalVerdictKind;
  /** One sentence: what is going on. */
  explanation: string;
  /** What to try. Empty when nothing is needed. */
  advice: string;
  /** Extra findings that do not change the verdict (port 5223 blocked, TLS inspection, VPN). */
  notes: LocalNote[];
  network: NetworkState | null;
  since: number | null;
}

export interface LocalNote {
  kind: 'port-5223-blocked' | 'tls-interception' | 'slow' | 'vpn';
  text: string;
}

export type CommunityState = 'operational' | 'degraded' | 'outage';

export interface CommunityServiceStatus {
  status: CommunityState;
  since: string;
  reportsLastHour: number;
  baselinePerHour: number;
  topProblems: { problem: ProblemKind; count: number }[];
  /** Distinct networks that reported a problem in the aggregator's recent window; null from older aggregators. */
  networksInWindow: number | null;
  /** Problem reports counted in that window (at most a few per network); null from older aggregators. */
  reportsInWindow: number | null;
  /** Distinct providers (autonomous systems) among those networks; absent or null from older aggregators. */
  providersInWindow?: number | null;
  /** Length of that window in real minutes; null from older aggregators. */
  windowMinutes: number | null;
  /** What the window shows right now (status may be held up while it winds down); null from older aggregators. */
  current: CommunityState | null;
  /** Problem networks the server heard in the last 24 h (upper bound, exact at 0 and 1); absent from older aggregators. */
  networksLast24h?: number | null;
  /** The "usual" figure comes from the server's own history; false: a cold-start default; absent from older aggregators. */
  baselineFromHistory?: boolean | null;
  /** Countries with the most problem networks in the window (ISO 3166 codes, most first, ≤ 5); absent from older aggregators. */
  topCountries?: { country: string; networks: number }[];
}

/**
 * Who the configured aggregator hears from: `none` = no community server configured (reports wait in the queue);
 * `this-computer` = a local aggregator only this computer reports to; `shared` = a server other people report to.
 */
export type CommunityReach = 'none' | 'this-computer' | 'shared';

export interface CommunitySnapshot {
  fetchedAt: number | null;
  stale: boolean;
  error: string | null;
  reach: CommunityReach;
  services: Partial<Record<ServiceId, CommunityServiceStatus>>;
}

export interface ServiceEvidence {
  /** Probes relevant to this service that failed this round. */
  failedProbes: ProbeId[];
  /** Probes relevant to this service that worked. */
  okProbes: ProbeId[];
  official: OfficialServiceStatus | null;
  community: CommunityServiceStatus | null;
  /** Consecutive failing / good rounds seen by the hysteresis. */
  failingRounds: number;
  goodRounds: number;
}

/** How this computer's view of an incident compares with Apple's status page; `ms` is always 0 or more. */
export type Lead = { kind: 'ahead'; ms: number } | { kind: 'same-time' } | { kind: 'apple-first'; ms: number } | { kind: 'unconfirmed' };

/** Closer than this is "at the same time": a poll interval apart says nothing about who knew first. */
export const LEAD_SAME_TIME_MS = 1_000;

/** A lead from "Apple's page showed it − this side saw it" in ms (null: Apple has not shown it). */
export function leadOf(leadMs: number | null): Lead {
  if (leadMs === null) return { kind: 'unconfirmed' };
  if (Math.abs(leadMs) < LEAD_SAME_TIME_MS) return { kind: 'same-time' };
  return leadMs > 0 ? { kind: 'ahead', ms: leadMs } : { kind: 'apple-first', ms: -leadMs };
}

export interface ServiceVerdict {
  service: ServiceId;
  state: ServiceState;
  /** Epoch ms when this state began. */
  since: number | null;
  /** One human sentence explaining the state. */
  reason: string;
  evidence: ServiceEvidence;
  /** The open incident (degraded or outage) as this computer saw it against Apple's page; absent when none is open. */
  incident?: { seenAt: number; appleShownAt: number | null; lead: Lead };
}

/** Worst verdict for the tray icon. */
export type OverallLevel = 'operational' | 'degraded' | 'outage' | 'offline' | 'unknown';

export interface Snapshot {
  /** Epoch ms of the last finished probe round, null before the first. */
  checkedAt: number | null;
  /** A round is running now. */
  checking: boolean;
  round: number;
  overall: { level: OverallLevel; headline: string };
  local: LocalVerdict;
  services: Record<ServiceId, ServiceVerdict>;
  probes: ProbeResult[];
  official: OfficialSnapshot;
  community: CommunitySnapshot;
  /** Reports waiting in the offline queue. */
  queuedReports: number;
  /** What could not be saved to disk (disk full, read-only, file-size limit), in words; absent when all is saved. */
  storageProblem?: string;
  /** Services whose "notify me when it's back" bell is on. */
  watching: ServiceId[];
  /** This Mac's Messages source; present only where it can run (macOS, or a database path given). */
  messages?: MessagesStatus;
  /** Alerts are snoozed until this epoch ms; absent when not snoozed. */
  snoozedUntil?: number;
  /** Outages that began and ended while alerts were held (quiet hours, snooze), newest first; absent when none. */
  heldOutages?: HeldOutage[];
  /** The platform the engine runs on ("darwin", "win32", "linux"): the popover's advice depends on it. */
  platform?: string;
}

/** An outage no alert was sent for, because it began and ended inside quiet hours or a snooze. */
export interface HeldOutage {
  service: ServiceId;
  /** Epoch ms. */
  from: number;
  to: number;
}

export type AlertKind = 'down' | 'recovered';

/** A notification exactly as the desktop app shows it. */
export interface AlertNotification {
  service: ServiceId;
  kind: AlertKind;
  title: string;
  body: string;
  /** Epoch ms. */
  at: number;
}

export type ProblemKind = 'not-delivered' | 'cannot-sign-in' | 'activation' | 'calls-fail' | 'other';
export const PROBLEM_KINDS: readonly ProblemKind[] = ['not-delivered', 'cannot-sign-in', 'activation', 'calls-fail', 'other'];
export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  'not-delivered': 'Messages not delivered',
  'cannot-sign-in': "Can't sign in",
  activation: 'Waiting for activation',
  'calls-fail': 'Calls fail',
  other: 'Something else',
};
/** What can go wrong with each service, in the order the popover and the tray offer it (only FaceTime has calls). */
export const SERVICE_PROBLEMS: Record<ServiceId, readonly ProblemKind[]> = {
  imessage: ['not-delivered', 'cannot-sign-in', 'activation', 'other'],
  facetime: ['calls-fail', 'cannot-sign-in', 'activation', 'other'],
};

/** What the user asks for when clicking "Report a problem" or "Working for me". */
export interface ReportRequest {
  service: ServiceId;
  kind: 'problem' | 'working';
  problem?: ProblemKind;
}

export interface ReportOutcome {
  /** sent: stored by the aggregator; duplicate: already counted in the dedup window; queued: offline, will be sent later. */
  result: 'sent' | 'duplicate' | 'queued' | 'rejected';
  message: string;
  /** When another report for this service will count (epoch ms), for duplicate. */
  retryAt?: number;
}
