// The live table the CLI redraws on every snapshot: services, the local verdict, probes with latency.
import type { AlertNotification, Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS, SERVICE_NAMES } from '../../contracts/status.ts';

// Never present one person's reports as "other people".
const REACH_WORDS: Record<Snapshot['community']['reach'], string | null> = {
  none: "Not connected to a community server: other people's reports can't be seen. Set one with --aggregator, AGGREGATOR_URL or Settings → Community server.",
  'this-computer':
    "Only this computer (or your network) reports to this community server: no one else's reports are counted. Point Settings → Community server at a shared one.",
  shared: null,
};

const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));

/** Renders one snapshot (and the latest notifications) as plain text lines. */
export function renderTable(s: Snapshot, notifications: readonly AlertNotification[] = []): string {
  const lines: string[] = [];
  const when = s.checkedAt ? new Date(s.checkedAt).toLocaleTimeString() : 'not yet';
  lines.push(`${s.overall.headline}${s.checking ? '  (checking…)' : ''}`);
  lines.push(`round ${s.round}, last checked ${when}`);
  lines.push('');
  lines.push(`${pad('Your network', 14)}${pad(s.local.verdict, 12)}${s.local.explanation}`);
  if (s.local.advice) lines.push(`${pad('', 26)}→ ${s.local.advice}`);
  for (const note of s.local.notes) lines.push(`${pad('', 26)}Note: ${note.text}`);
  for (const id of SERVICE_IDS) {
    const v = s.services[id];
    lines.push(`${pad(SERVICE_NAMES[id], 14)}${pad(v.state, 12)}${v.reason}`);
  }
  lines.push('');
  lines.push(`${pad('Probe', 10)}${pad('Outcome', 17)}${pad('Latency', 10)}Detail`);
  for (const p of s.probes) lines.push(`${pad(p.id, 10)}${pad(p.outcome, 17)}${pad(`${Math.round(p.latencyMs)} ms`, 10)}${p.detail}`);
  if (s.probes.length === 0) lines.push('(no round finished yet)');
  const official =
    s.official.fetchedAt === null ? (s.official.error ?? 'not fetched') : s.official.stale ? `stale: ${s.official.error ?? ''}` : 'fresh';
  const community =
    s.community.fetchedAt === null
      ? (s.community.error ?? 'not fetched')
      : s.community.stale
        ? `stale: ${s.community.error ?? ''}`
        : 'fresh';
  lines.push('');
  lines.push(`Apple status feed: ${official}`);
  lines.push(`Community reports: ${community}${s.queuedReports ? ` (${s.queuedReports} queued)` : ''}`);
  const reach = REACH_WORDS[s.community.reach];
  if (reach) lines.push(`${pad('', 19)}${reach}`);
  if (notifications.length > 0) {
    lines.push('');
    for (const n of notifications) lines.push(`[${new Date(n.at).toLocaleTimeString()}] ${n.title}: ${n.body}`);
  }
  return lines.join('\n');
}
