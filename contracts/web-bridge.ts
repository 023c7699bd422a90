// Browser mode: HTTP + Server-Sent-Events carry MonitorApi between the popover and the engine. The routes, their methods
// and how arguments travel (query or JSON body) come from the popover API spec (popover-api.ts). Every route lives under
// /api/; the popover itself is served from /. Both need the session cookie that the one-time launch address
// /launch/<token> sets; API calls must also come from the popover's own origin.

/** Body of every 4xx/5xx answer. */
export interface WebBridgeError {
  error: string;
  field?: string;
}
