// Browser mode: the HTTP + Server-Sent-Events routes that carry MonitorApi between the popover and the engine.
// Every route lives under /api/; the popover itself is served from /. Both need the session cookie that the one-time
// launch address /launch/<token> sets; API calls must also come from the popover's own origin.

export const WEB_ROUTES = {
  snapshot: 'snapshot', // GET → Snapshot
  events: 'events', // GET → text/event-stream, event `snapshot` with a Snapshot
  check: 'check', // POST → Snapshot
  report: 'report', // POST ReportRequest → ReportOutcome
  trend: 'trend', // GET ?service=&hours= → Fetched<TrendResponse>
  incidents: 'incidents', // GET ?service=&limit= → Fetched<IncidentsResponse>
  settings: 'settings', // GET → Settings; PUT SettingsPatch → Settings or 400 WebBridgeError
  testAggregator: 'test-aggregator', // POST { url } → ConnectionTest
  openExternal: 'open-external', // POST { url } → 204
  quit: 'quit', // POST → 204
  shellStatus: 'shell-status', // GET → ShellStatus (always SHELL_STATUS_NOT_AVAILABLE: browser mode has no desktop shell)
} as const;

/** Name of the SSE event that carries a snapshot. */
export const SNAPSHOT_EVENT = 'snapshot';

/** Body of every 4xx/5xx answer. */
export interface WebBridgeError {
  error: string;
  field?: string;
}
