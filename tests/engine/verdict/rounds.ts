// Builders for probe rounds and feed snapshots used by the verdict, alert and engine tests.
import type { CommunitySnapshot, CommunityState, NetworkState, ProbeId, ProbeOutcome, ProbeResult } from '../../../contracts/status.ts';
import type { OfficialSnapshot, OfficialState } from '../../../contracts/official-status.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';

export const ALL_PROBES: ProbeId[] = ['dns', 'apns5223', 'apns443', 'ids', 'facetime', 'captive', 'internet'];
export const CONNECTED: NetworkState = { linkUp: true, hasGateway: true, type: 'wifi', vpn: false };

/** One probe result with the given outcome. */
export function result(id: ProbeId, outcome: ProbeOutcome, extra: Partial<ProbeResult> = {}): ProbeResult {
  return {
    id,
    outcome,
    ok: outcome === 'ok' || outcome === 'slow',
    latencyMs: 12,
    detail: `${id} ${outcome}`,
    target: id,
    at: 0,
    ...extra,
  };
}

/** A round where every probe is ok except the ones overridden. */
export function round(
  overrides: Partial<Record<ProbeId, ProbeOutcome | ProbeResult>> = {},
  network: Partial<NetworkState> = {},
): ProbeRound {
  const results = ALL_PROBES.map((id) => {
    const o = overrides[id];
    return typeof o === 'object' ? o : result(id, o ?? 'ok');
  });
  return { startedAt: 0, finishedAt: 10, network: { ...CONNECTED, ...network }, results, stalledMs: 0 };
}

export function official(states: Partial<Record<'imessage' | 'facetime', OfficialState>>, fetchedAt = 0, stale = false): OfficialSnapshot {
  const services: OfficialSnapshot['services'] = {};
  for (const [id, state] of Object.entries(states)) {
    services[id] = {
      name: id === 'imessage' ? 'iMessage' : 'FaceTime',
      state,
      start: state === 'ok' ? null : fetchedAt,
      end: null,
      message: null,
      usersAffected: null,
    };
  }
  return { fetchedAt, stale, error: null, services };
}

export function community(states: Partial<Record<'imessage' | 'facetime', CommunityState>>, fetchedAt = 0): CommunitySnapshot {
  const services: CommunitySnapshot['services'] = {};
  for (const [id, status] of Object.entries(states) as ['imessage' | 'facetime', CommunityState][]) {
    services[id] = {
      status,
      since: new Date(fetchedAt).toISOString(),
      reportsLastHour: 10,
      baselinePerHour: 2,
      topProblems: [],
      networksInWindow: null,
      reportsInWindow: null,
      windowMinutes: null,
      current: null,
    };
  }
  return { fetchedAt, stale: false, error: null, reach: 'shared', services };
}

/** Apple's push refused on both ports and identity services answering 503. */
export const OUTAGE_PROBES = { apns5223: 'refused', apns443: 'refused', ids: result('ids', 'http-error', { httpStatus: 503 }) } as const;

/** An iMessage outage the aggregator still holds while its window already reads lower. */
export function windingDown(at: number, current: 'degraded' | 'operational' = 'degraded'): CommunitySnapshot {
  const c = community({ imessage: 'outage' }, at);
  c.services.imessage = { ...c.services.imessage!, current };
  return c;
}
