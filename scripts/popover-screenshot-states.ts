// The popover states the README shows (crowd outage, not connected, snoozed): fixture snapshots whose headline and
// reasons come from the engine's own words (overallStatus, describeEvidence), so the pictures say what the app says.
import type { IncidentsResponse, TrendResponse } from '../contracts/aggregator-api.ts';
import type { Fetched } from '../contracts/results.ts';
import { DEFAULT_SETTINGS, type Settings } from '../contracts/settings.ts';
import type { CommunityServiceStatus, ServiceId, Snapshot } from '../contracts/status.ts';
import type { Evidence } from '../main/engine/verdict/evidence.ts';
import { overallStatus } from '../main/engine/verdict/overall.ts';
import { describeEvidence } from '../main/engine/verdict/reason.ts';
import { NOW, healthySnapshot } from '../tests/renderer/fixtures.ts';

export { NOW };

/** Everything the stubbed window.monitor answers for one state. */
export interface PopoverState {
  name: string;
  snapshot: Snapshot;
  settings: Settings;
  trend: Record<ServiceId, Fetched<TrendResponse>>;
  incidents: Record<ServiceId, Fetched<IncidentsResponse>>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const NO_EVIDENCE: Evidence = {
  pushDown: null,
  onePortDown: null,
  ids: null,
  facetime: null,
  official: null,
  community: null,
  referenceOk: true,
  probesCount: true,
  messages: null,
  reach: 'shared',
  crowdAlerts: true,
};

/** 24 quiet hours at `usual` reports an hour, then `spike` in the last one. */
function trend(usual: number, spike: number): Fetched<TrendResponse> {
  const first = Math.floor(NOW / HOUR) * HOUR - 23 * HOUR;
  const buckets = Array.from({ length: 24 }, (_, i) => ({
    start: new Date(first + i * HOUR).toISOString(),
    reports: i === 23 ? spike : Math.round(usual * (0.7 + 0.6 * ((i * 7) % 5) * 0.25)),
    baseline: usual,
  }));
  return { ok: true, data: { buckets } };
}

const quiet = (): PopoverState['trend'] => ({ imessage: trend(40, 38), facetime: trend(25, 22) });
const none = (): PopoverState['incidents'] => ({ imessage: { ok: true, data: [] }, facetime: { ok: true, data: [] } });

/** Many people on many networks report iMessage down; this Mac's own checks still pass and Apple hasn't said a word. */
function crowdOutage(): PopoverState {
  const s = healthySnapshot();
  const community: CommunityServiceStatus = {
    status: 'outage',
    since: new Date(NOW - 14 * MIN).toISOString(),
    reportsLastHour: 1_240,
    baselinePerHour: 40,
    topProblems: [{ problem: 'not-delivered', count: 910 }],
    networksInWindow: 612,
    reportsInWindow: 820,
    providersInWindow: 57,
    windowMinutes: 10,
    current: 'outage',
    networksLast24h: 1_480,
    baselineFromHistory: true,
  };
  s.community.services = { imessage: community };
  const reason = describeEvidence('imessage', 'outage', { ...NO_EVIDENCE, community }, 'online');
  s.services.imessage = { ...s.services.imessage, state: 'outage', since: NOW - 12 * MIN, reason };
  s.services.imessage.evidence = { ...s.services.imessage.evidence, community };
  s.overall = overallStatus('online', { imessage: 'outage', facetime: 'operational' }, true);
  s.platform = 'darwin';
  const started = new Date(NOW - 14 * MIN).toISOString();
  const incidents = none();
  incidents.imessage = { ok: true, data: [{ id: 'now', start: started, end: null, peakReportsPerHour: 1_240, source: 'reports' }] };
  return { name: 'crowd-outage', snapshot: s, settings: DEFAULT_SETTINGS, trend: { ...quiet(), imessage: trend(40, 1_240) }, incidents };
}

/** No community server set: this Mac's checks still answer, other people's reports can't be seen. */
function notConnected(): PopoverState {
  const s = healthySnapshot();
  s.community = { fetchedAt: null, stale: false, error: null, reach: 'none', services: {} };
  s.platform = 'darwin';
  // What the engine's history answers without an address (the chart is below the fold at this size).
  const noServer: Fetched<never> = { ok: false, error: 'The community server address is not a valid http(s) URL.' };
  return {
    name: 'not-connected',
    snapshot: s,
    settings: { ...DEFAULT_SETTINGS, aggregatorUrl: '' },
    trend: { imessage: noServer, facetime: noServer },
    incidents: { imessage: noServer, facetime: noServer },
  };
}

/** Alerts snoozed until tomorrow morning; a FaceTime outage came and went during last night's quiet hours. */
function snoozed(): PopoverState {
  const s = healthySnapshot();
  const until = new Date(NOW);
  until.setDate(until.getDate() + 1);
  until.setHours(7, 0, 0, 0);
  s.snoozedUntil = until.getTime();
  s.heldOutages = [{ service: 'facetime', from: NOW - 11 * HOUR - 40 * MIN, to: NOW - 10 * HOUR - 55 * MIN }];
  s.platform = 'darwin';
  return {
    name: 'snoozed',
    snapshot: s,
    settings: { ...DEFAULT_SETTINGS, snoozeUntil: s.snoozedUntil },
    trend: quiet(),
    incidents: none(),
  };
}

export function popoverStates(): PopoverState[] {
  return [crowdOutage(), notConnected(), snoozed()];
}
