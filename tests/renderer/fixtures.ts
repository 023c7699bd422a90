// Snapshots and a scriptable MonitorApi for component tests (the real bridges are exercised by the e2e suite).
import type { IncidentSummaryResponse, IncidentsResponse, TrendResponse } from '../../contracts/aggregator-api.ts';
import type { MonitorApi, ShellMode } from '../../contracts/monitor-api.ts';
import type { ConnectionTest, Fetched } from '../../contracts/results.ts';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../contracts/settings.ts';
import { SHELL_STATUS_NOT_AVAILABLE, type ShellStatus } from '../../contracts/shell-status.ts';
import type { ReportOutcome, ReportRequest, ServiceId, ServiceVerdict, Snapshot } from '../../contracts/status.ts';

export const NOW = Date.parse('2026-11-23T14:30:00');

function verdict(service: ServiceId, over: Partial<ServiceVerdict> = {}): ServiceVerdict {
  return {
    service,
    state: 'operational',
    since: NOW - 3 * 3_600_000,
    reason: 'Push, identity and FaceTime servers answer normally.',
    evidence: { failedProbes: [], okProbes: ['apns5223', 'ids'], official: null, community: null, failingRounds: 0, goodRounds: 5 },
    ...over,
  };
}

/** A healthy snapshot checked 10 s before NOW. */
export function healthySnapshot(): Snapshot {
  return {
    checkedAt: NOW - 10_000,
    checking: false,
    round: 7,
    overall: { level: 'operational', headline: 'All good' },
    local: {
      verdict: 'online',
      explanation: 'Your connection reaches the internet and Apple.',
      advice: '',
      notes: [],
      network: null,
      since: NOW - 3_600_000,
    },
    services: { imessage: verdict('imessage'), facetime: verdict('facetime') },
    probes: [
      { id: 'apns5223', outcome: 'ok', ok: true, latencyMs: 42, detail: 'TLS handshake ok', target: 'courier:5223', at: NOW - 11_000 },
      { id: 'ids', outcome: 'ok', ok: true, latencyMs: 88, detail: '200 OK', target: 'init.ess.apple.com', at: NOW - 11_000 },
    ],
    official: { fetchedAt: NOW - 60_000, stale: false, error: null, services: {} },
    community: { fetchedAt: NOW - 30_000, stale: false, error: null, reach: 'shared', services: {} },
    queuedReports: 0,
    watching: [],
  };
}

/** iMessage down according to probes, Apple and the community. */
export function imessageOutageSnapshot(): Snapshot {
  const s = healthySnapshot();
  s.overall = { level: 'outage', headline: 'iMessage is down — not just you' };
  s.services.imessage = verdict('imessage', {
    state: 'outage',
    since: NOW - 12 * 60_000,
    reason: 'Push servers refuse connections; reference hosts reachable.',
    evidence: {
      failedProbes: ['apns5223'],
      okProbes: ['ids'],
      official: {
        name: 'iMessage',
        state: 'outage',
        start: NOW - 600_000,
        end: null,
        message: 'Users may be unable to send messages.',
        usersAffected: 'Some users',
      },
      community: {
        status: 'outage',
        since: new Date(NOW - 900_000).toISOString(),
        reportsLastHour: 240,
        baselinePerHour: 3,
        topProblems: [{ problem: 'not-delivered', count: 180 }],
        networksInWindow: 150,
        reportsInWindow: 212,
        windowMinutes: 10,
        current: 'outage',
      },
      failingRounds: 4,
      goodRounds: 0,
    },
  });
  s.probes[0] = {
    id: 'apns5223',
    outcome: 'refused',
    ok: false,
    latencyMs: 3,
    detail: 'connection refused',
    target: 'courier:5223',
    at: NOW - 11_000,
  };
  return s;
}

export interface Calls {
  reports: ReportRequest[];
  patches: SettingsPatch[];
  tests: string[];
}

/** A MonitorApi whose answers the test scripts. */
export class ScriptedMonitor implements MonitorApi {
  readonly calls: Calls = { reports: [], patches: [], tests: [] };
  listeners = new Set<(s: Snapshot) => void>();
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  reportOutcomes: ReportOutcome[] = [];
  settingsError: string | null = null;
  snapshotError: string | null = null;
  trend: Fetched<TrendResponse> = { ok: true, data: { buckets: [] } };
  incidents: Fetched<IncidentsResponse> = { ok: true, data: [] };
  summary: Fetched<IncidentSummaryResponse> = { ok: true, data: { days: 90, incidents: 0, outages: 0, confirmed: 0, medianLeadMs: null } };
  connection: ConnectionTest = { ok: true, message: 'Connected.' };

  constructor(
    public snapshot: Snapshot,
    readonly mode: ShellMode = 'browser',
  ) {}

  push(next: Snapshot): void {
    this.snapshot = next;
    for (const l of this.listeners) l(next);
  }
  getSnapshot = async (): Promise<Snapshot> => {
    if (this.snapshotError) throw new Error(this.snapshotError);
    return this.snapshot;
  };
  subscribe = (listener: (s: Snapshot) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  checkNow = async (): Promise<Snapshot> => this.snapshot;
  sendQueuedReports = async (): Promise<Snapshot> => this.snapshot;
  report = async (request: ReportRequest): Promise<ReportOutcome> => {
    this.calls.reports.push(request);
    return this.reportOutcomes.shift() ?? { result: 'sent', message: 'Thanks — report sent.' };
  };
  // Typed as the API's methods, so a test can put one that reads its arguments in their place.
  getTrend: MonitorApi['getTrend'] = async () => this.trend;
  getIncidents: MonitorApi['getIncidents'] = async () => this.incidents;
  getIncidentSummary = async (): Promise<Fetched<IncidentSummaryResponse>> => this.summary;
  getSettings = async (): Promise<Settings> => this.settings;
  setSettings = async (patch: SettingsPatch): Promise<Settings> => {
    this.calls.patches.push(patch);
    if (this.settingsError) throw new Error(this.settingsError);
    // Nested objects merge one level deep, as the engine does.
    const next: Record<string, unknown> = { ...this.settings };
    for (const [key, value] of Object.entries(patch)) {
      const current = next[key];
      next[key] = current && typeof current === 'object' && typeof value === 'object' ? { ...current, ...value } : value;
    }
    this.settings = next as unknown as Settings;
    return this.settings;
  };
  testAggregator = async (url: string): Promise<ConnectionTest> => {
    this.calls.tests.push(url);
    return this.connection;
  };
  openExternal = async (): Promise<void> => {};
  quit = async (): Promise<void> => {};
  shellStatus: ShellStatus = SHELL_STATUS_NOT_AVAILABLE;
  hidden = 0;
  getShellStatus = async (): Promise<ShellStatus> => this.shellStatus;
  subscribeShellStatus = (): (() => void) => () => {};
  hide = async (): Promise<void> => void this.hidden++;
}
