// The aggregator's HTTP API, shared by the service, the desktop app's client, the lab and the tests.
import type { CommunityState, ProblemKind, ServiceId } from './status.ts';
import type { OfficialServiceStatus } from './official-status.ts';

/** POST /v1/reports body. */
export interface ReportBody {
  service: ServiceId;
  kind: 'problem' | 'working';
  /** Required when kind is problem. */
  problem?: ProblemKind;
  /** UUID, random per install. */
  clientId: string;
  idempotencyKey?: string;
  /** Small, optional: what the reporter's own monitor saw. */
  evidence?: { local?: string; failedProbes?: string[]; messages?: { sent: number; failed: number; recipients: number } };
}

/** 202 on a stored report, 200 on a duplicate. */
export type ReportResponse = { id: string; accepted: true } | { accepted: false; reason: 'duplicate'; id?: string; retryAfterSec?: number };

export interface ServiceStatusDto {
  status: CommunityState;
  /** ISO time the status began. */
  since: string;
  reportsLastHour: number;
  /** Expected distinct networks reporting a problem per hour now (the time-of-day baseline). */
  baselinePerHour: number;
  topProblems: { problem: ProblemKind; count: number }[];
  /** Distinct reporting networks (IPv4 /24, IPv6 /48) with a problem report in the recent detection window. */
  networksInWindow?: number;
  /** Of those, how many count once no provider exceeds its share (and an IPv6 /32 its cap): what the status is judged on. */
  countedNetworksInWindow?: number;
  /** Distinct providers (autonomous systems; a network no AS announces is its own) among those networks. */
  providersInWindow?: number;
  /** Distinct networks saying "working for me" in the same window (shown beside the status; never lowers it). */
  workingNetworksInWindow?: number;
  /** Countries with the most problem networks in the window, as distinct networks per country (most first, ≤ 5). */
  topCountries?: { country: string; networks: number }[];
  /** Problem reports counted in that window (each network counts at most a few). */
  reportsInWindow?: number;
  /** The recent window's length in real minutes. */
  windowMinutes?: number;
  /**
   * What the window shows right now, before the recovery hold keeps `status` up: an `outage` status with a lower
   * `current` is winding down (people have stopped reporting).
   */
  current?: CommunityState;
  /**
   * Distinct networks with a problem report in the last 24 h, added up hour by hour (a network reporting in two hours
   * counts twice, so it is an upper bound, exact at 0 and 1): 1 means the server hears one network, whatever its address.
   */
  networksLast24h?: number;
  /** The "usual" figure (baselinePerHour) comes from this server's own past hours; false = a cold-start default. */
  baselineFromHistory?: boolean;
  /** The same window in wall-clock ms (differs from windowMinutes only when an aggregator runs in compressed time). */
  windowMs?: number;
  /** Apple's own word, when the aggregator mirrors the official feed. */
  official?: OfficialServiceStatus | null;
}

/** GET /v1/status */
export interface StatusResponse {
  services: Record<ServiceId, ServiceStatusDto>;
  /** ISO time. */
  updatedAt: string;
}

export interface TrendBucket {
  /** ISO time of the hour's start. */
  start: string;
  reports: number;
  baseline: number;
}

/** The most hours GET /v1/services/:id/trend answers (one week); the client and the popover ask for no more. */
export const TREND_HOURS_MAX = 168;
/** The most incidents GET /v1/services/:id/incidents answers. */
export const INCIDENTS_LIMIT_MAX = 100;
/** How far back incidents are kept and paged, and the span of the incident summary (days). */
export const INCIDENTS_DAYS_MAX = 90;

/** GET /v1/services/:id/trend?hours=N (1 to TREND_HOURS_MAX) */
export interface TrendResponse {
  buckets: TrendBucket[];
}

export interface IncidentDto {
  id: string;
  /** ISO time the crowd (source 'reports') or Apple (source 'official') first showed it. */
  start: string;
  end: string | null;
  peakReportsPerHour: number;
  source: 'reports' | 'official';
  /** The worst status it reached. */
  peak?: 'degraded' | 'outage';
  /**
   * Crowd incidents: ISO time Apple's status page first showed it (its event's start, or the mirror's first poll that
   * saw it); null while Apple has not. Absent when the server mirrors no official feed.
   */
  appleShownAt?: string | null;
  /** appleShownAt − start in ms (positive: the crowd knew first); null while Apple has not shown it. */
  leadMs?: number | null;
}

/**
 * GET /v1/services/:id/incidents?limit=N (1 to INCIDENTS_LIMIT_MAX)[&before=ISO]: newest first, started (or still
 * running) in the last INCIDENTS_DAYS_MAX days; `before` (the last start of the previous page) gives the next page.
 */
export type IncidentsResponse = IncidentDto[];

/** The longest `before` anyone sends or takes (an ISO time, as an incident's `start` is). */
export const INCIDENTS_BEFORE_MAX_LENGTH = 40;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `text` is a valid `before`: an ISO time such as 2026-11-19T14:09:00.000Z (or with an offset). */
export function isIncidentsBefore(text: string): boolean {
  return text.length <= INCIDENTS_BEFORE_MAX_LENGTH && ISO_TIME.test(text) && Number.isFinite(Date.parse(text));
}

/** GET /v1/services/:id/incidents/summary: the last INCIDENTS_DAYS_MAX days in numbers ("3 outages in 90 days"). */
export interface IncidentSummaryResponse {
  days: number;
  /** Incidents that started in those days, and how many of them reached outage. */
  incidents: number;
  outages: number;
  /** Crowd incidents Apple's page also showed, and the median of their leads (ms; null when none). */
  confirmed: number;
  medianLeadMs: number | null;
}
