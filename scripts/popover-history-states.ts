// The README's issue-18 pictures: an open outage Apple has since confirmed (the lead, the other services in Apple's
// event), the week chart and 90 days of incidents (lead over Apple, how often), from fixture answers shaped as the
// engine and the aggregator give them. The stubbed window.monitor answers the week when 168 hours are asked.
import type { IncidentDto, IncidentSummaryResponse, TrendResponse } from '../contracts/aggregator-api.ts';
import type { Fetched } from '../contracts/results.ts';
import { DEFAULT_SETTINGS } from '../contracts/settings.ts';
import type { OfficialServiceStatus } from '../contracts/official-status.ts';
import type { CommunityServiceStatus, ServiceId } from '../contracts/status.ts';
import { overallStatus } from '../main/engine/verdict/overall.ts';
import { describeEvidence } from '../main/engine/verdict/reason.ts';
import { NOW, healthySnapshot } from '../tests/renderer/fixtures.ts';
import type { PopoverState } from './popover-screenshot-states.ts';

/** A state, plus what the history pictures need: the week's trend, the summary, a tab to choose and where to scroll. */
export interface HistoryState extends PopoverState {
  weekTrend?: Record<ServiceId, Fetched<TrendResponse>>;
  summary?: Record<ServiceId, Fetched<IncidentSummaryResponse>>;
  /** The accessible name of a tab to click first ("7 d"), in the iMessage history. */
  tab?: string;
  /** A CSS selector scrolled to the top of the popover before the picture. */
  scrollTo?: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** An incident `daysAgo` days before NOW at `at` o'clock, lasting `minutes`. */
function incident(daysAgo: number, at: number, minutes: number, over: Partial<IncidentDto>): IncidentDto {
  const day = new Date(NOW - daysAgo * DAY);
  day.setHours(at, 5, 0, 0);
  const start = day.getTime();
  // Apple showed a crowd incident `leadMs` after the crowd did.
  const appleShownAt = typeof over.leadMs === 'number' ? new Date(start + over.leadMs).toISOString() : over.leadMs;
  return {
    id: `${daysAgo}`,
    start: new Date(start).toISOString(),
    end: new Date(start + minutes * MIN).toISOString(),
    peakReportsPerHour: 900,
    source: 'reports',
    peak: 'outage',
    ...(appleShownAt === undefined ? {} : { appleShownAt }),
    ...over,
  };
}

// Leads: 42 min, Apple never, Apple's own, Apple first by 3 min, 38 min: median 38 over the three Apple confirmed.
const IMESSAGE: IncidentDto[] = [
  incident(3, 14, 70, { leadMs: 42 * MIN }),
  incident(12, 9, 25, { peak: 'degraded', peakReportsPerHour: 160, leadMs: null }),
  incident(31, 19, 125, { source: 'official' }),
  incident(47, 8, 50, { leadMs: -3 * MIN }),
  incident(78, 21, 35, { leadMs: 38 * MIN }),
];
const FACETIME: IncidentDto[] = [incident(20, 17, 40, { leadMs: 12 * MIN })];

/** Hourly buckets over `hours`: a daily rhythm around `usual`, and `spike` reports an hour inside each incident. */
function trend(hours: number, usual: number, incidents: IncidentDto[], spike: number): Fetched<TrendResponse> {
  const first = Math.floor(NOW / HOUR) * HOUR - (hours - 1) * HOUR;
  const buckets = Array.from({ length: hours }, (_, i) => {
    const start = first + i * HOUR;
    const hour = new Date(start).getHours();
    const during = incidents.some((inc) => start + HOUR > Date.parse(inc.start) && start < Date.parse(inc.end ?? ''));
    const rhythm = usual * (0.45 + 0.55 * Math.sin((Math.PI * Math.max(0, hour - 6)) / 18) ** 2);
    return { start: new Date(start).toISOString(), reports: during ? spike : Math.round(rhythm), baseline: Math.round(rhythm) };
  });
  return { ok: true, data: { buckets } };
}

function summary(incidents: IncidentDto[], confirmed: number, medianLeadMs: number | null): Fetched<IncidentSummaryResponse> {
  const outages = incidents.filter((i) => i.peak === 'outage').length;
  return { ok: true, data: { days: 90, incidents: incidents.length, outages, confirmed, medianLeadMs } };
}

/** A quiet day after a busy quarter: the same answers, shown from the week chart or from the incident list. */
function history(name: string, tab: string | undefined, scrollTo: string | undefined): HistoryState {
  const s = healthySnapshot();
  s.platform = 'darwin';
  s.community.services = {
    imessage: {
      status: 'operational',
      since: new Date(NOW - 3 * DAY).toISOString(),
      reportsLastHour: 41,
      baselinePerHour: 40,
      topProblems: [],
      networksInWindow: 12,
      reportsInWindow: 14,
      windowMinutes: 10,
      current: 'operational',
      baselineFromHistory: true,
    },
  };
  return {
    name,
    snapshot: s,
    settings: DEFAULT_SETTINGS,
    trend: { imessage: trend(24, 40, IMESSAGE, 420), facetime: trend(24, 25, FACETIME, 400) },
    weekTrend: { imessage: trend(168, 40, IMESSAGE, 420), facetime: trend(168, 25, FACETIME, 400) },
    incidents: { imessage: { ok: true, data: IMESSAGE }, facetime: { ok: true, data: FACETIME } },
    summary: { imessage: summary(IMESSAGE, 3, 38 * MIN), facetime: summary(FACETIME, 1, 12 * MIN) },
    tab,
    scrollTo,
  };
}

/** The crowd saw iMessage go down 52 minutes ago; Apple's page has shown it for 10, with iCloud and APNs in the event. */
function currentIncident(): HistoryState {
  const s = healthySnapshot();
  s.platform = 'darwin';
  const seenAt = NOW - 52 * MIN;
  const appleShownAt = NOW - 10 * MIN;
  const community: CommunityServiceStatus = {
    status: 'outage',
    since: new Date(seenAt).toISOString(),
    reportsLastHour: 1_380,
    baselinePerHour: 40,
    topProblems: [{ problem: 'not-delivered', count: 990 }],
    networksInWindow: 640,
    reportsInWindow: 870,
    providersInWindow: 61,
    windowMinutes: 10,
    current: 'outage',
    networksLast24h: 1_610,
    baselineFromHistory: true,
  };
  const official: OfficialServiceStatus = {
    name: 'iMessage',
    state: 'outage',
    start: appleShownAt,
    end: null,
    message: 'Users may be unable to send or receive messages.',
    usersAffected: 'Some users are affected',
    otherServices: ['iCloud Account & Sign In', 'APNS'],
  };
  s.community.services = { imessage: community };
  s.official.services = { imessage: official };
  const evidence = { pushDown: null, onePortDown: null, ids: null, facetime: null, official, community };
  const reason = describeEvidence(
    'imessage',
    'outage',
    { ...evidence, referenceOk: true, probesCount: true, messages: null, reach: 'shared', crowdAlerts: true },
    'online',
  );
  s.services.imessage = {
    ...s.services.imessage,
    state: 'outage',
    since: seenAt,
    reason,
    evidence: { ...s.services.imessage.evidence, official, community },
    incident: { seenAt, appleShownAt, lead: { kind: 'ahead', ms: appleShownAt - seenAt } },
  };
  s.overall = overallStatus('online', { imessage: 'outage', facetime: 'operational' }, true);
  const open = { ...IMESSAGE[0]!, id: 'open', start: new Date(seenAt).toISOString(), end: null, leadMs: appleShownAt - seenAt };
  const state = history('current-incident', undefined, undefined);
  return { ...state, snapshot: s, incidents: { ...state.incidents, imessage: { ok: true, data: [open, ...IMESSAGE] } } };
}

export function historyStates(): HistoryState[] {
  return [
    currentIncident(),
    history('week-chart', '7 d', '[data-testid="history-imessage"]'),
    history('history', undefined, '[data-testid="history-imessage"] > h3'),
  ];
}
