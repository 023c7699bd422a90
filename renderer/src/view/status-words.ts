// The words and symbols beside every status colour, so colour is never the only signal.
import type { CommunityState, LocalVerdictKind, OverallLevel, ProbeId, ProbeOutcome, ServiceState } from '../../../contracts/status.ts';
import type { OfficialState } from '../../../contracts/official-status.ts';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface StatusLook {
  tone: Tone;
  word: string;
  /** A text symbol shown beside the colour (hidden from screen readers; the word is read). */
  glyph: string;
}

export const SERVICE_LOOK: Record<ServiceState, StatusLook> = {
  operational: { tone: 'ok', word: 'Working', glyph: '✓' },
  degraded: { tone: 'warn', word: 'Problems', glyph: '!' },
  outage: { tone: 'bad', word: 'Down', glyph: '✕' },
  unknown: { tone: 'muted', word: 'Unknown', glyph: '?' },
};

export const OVERALL_LOOK: Record<OverallLevel, StatusLook> = {
  operational: SERVICE_LOOK.operational,
  degraded: SERVICE_LOOK.degraded,
  outage: SERVICE_LOOK.outage,
  offline: { tone: 'muted', word: 'Offline', glyph: '⌀' },
  unknown: SERVICE_LOOK.unknown,
};

export const LOCAL_LOOK: Record<LocalVerdictKind, StatusLook> = {
  online: { tone: 'ok', word: 'Your connection looks fine', glyph: '✓' },
  offline: { tone: 'bad', word: "You're offline", glyph: '⌀' },
  captive: { tone: 'warn', word: 'Wi-Fi login page in the way', glyph: '!' },
  dns: { tone: 'warn', word: 'Name lookups failing', glyph: '!' },
  limited: { tone: 'warn', word: 'Limited connectivity', glyph: '!' },
  unknown: { tone: 'muted', word: 'Not checked yet', glyph: '?' },
};

export const OFFICIAL_WORDS: Record<OfficialState, StatusLook> = {
  ok: { tone: 'ok', word: 'Available', glyph: '✓' },
  issue: { tone: 'warn', word: 'Issue', glyph: '!' },
  outage: { tone: 'bad', word: 'Outage', glyph: '✕' },
  maintenance: { tone: 'warn', word: 'Maintenance', glyph: '⚙' },
};

export const COMMUNITY_WORDS: Record<CommunityState, StatusLook> = {
  operational: { tone: 'ok', word: 'Normal', glyph: '✓' },
  degraded: { tone: 'warn', word: 'More than usual', glyph: '!' },
  outage: { tone: 'bad', word: 'Many reports', glyph: '✕' },
};

export const PROBE_LABELS: Record<ProbeId, string> = {
  dns: 'Name lookup (DNS)',
  apns5223: 'Push, port 5223',
  apns443: 'Push, port 443',
  ids: 'Identity service',
  facetime: 'FaceTime endpoint',
  captive: 'Captive-portal check',
  internet: 'Internet reference',
};

export const OUTCOME_WORDS: Record<ProbeOutcome, string> = {
  ok: 'OK',
  slow: 'Slow',
  refused: 'Refused',
  timeout: 'Timed out',
  reset: 'Connection reset',
  'http-error': 'HTTP error',
  'tls-error': 'Certificate invalid',
  'tls-intercepted': 'TLS intercepted',
  'dns-error': 'Name not found',
  portal: 'Login page',
  unreachable: 'Unreachable',
  error: 'Error',
};
