import { describe, expect, it } from 'vitest';
import type { CommunitySnapshot, LocalVerdictKind, ServiceState } from '../../../contracts/status.ts';
import type { OfficialSnapshot } from '../../../contracts/official-status.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';
import { judgeLocal } from '../../../main/engine/verdict/local.ts';
import { judgeService, STALE_EVIDENCE_MS } from '../../../main/engine/verdict/service.ts';
import { community, official, OUTAGE_PROBES, round, windingDown } from './rounds.ts';

const NOW = 1_000_000_000;

interface Row {
  name: string;
  round: ProbeRound | null;
  local?: LocalVerdictKind;
  official?: OfficialSnapshot;
  community?: CommunitySnapshot;
  crowdAlerts?: boolean;
  imessage: ServiceState;
  facetime: ServiceState;
}

const rows: Row[] = [
  { name: 'all healthy', round: round(), imessage: 'operational', facetime: 'operational' },
  { name: 'push refused on both ports + ids 503', round: round(OUTAGE_PROBES), imessage: 'outage', facetime: 'outage' },
  {
    name: 'push refused on both ports alone = 3: seen here before anyone confirms it',
    round: round({ apns5223: 'refused', apns443: 'refused' }),
    imessage: 'outage',
    facetime: 'outage',
  },
  {
    name: 'push timeout both ports + facetime 503',
    round: round({ apns5223: 'timeout', apns443: 'timeout', facetime: 'http-error' }),
    imessage: 'outage',
    facetime: 'outage',
  },
  {
    name: 'push reset both ports + ids',
    round: round({ apns5223: 'reset', apns443: 'reset', ids: 'timeout' }),
    imessage: 'outage',
    facetime: 'outage',
  },
  {
    name: 'push tls-error both ports + ids',
    round: round({ apns5223: 'tls-error', apns443: 'tls-error', ids: 'tls-error' }),
    imessage: 'outage',
    facetime: 'outage',
  },
  { name: 'port 5223 blocked, 443 works', round: round({ apns5223: 'timeout' }), imessage: 'operational', facetime: 'operational' },
  { name: 'port 443 fails alone', round: round({ apns443: 'refused' }), imessage: 'operational', facetime: 'operational' },
  {
    name: 'port 5223 blocked + ids fails = secondary only',
    round: round({ apns5223: 'timeout', ids: 'http-error' }),
    imessage: 'degraded',
    facetime: 'degraded',
  },
  {
    name: 'secondary only: ids + facetime fail',
    round: round({ ids: 'http-error', facetime: 'http-error' }),
    imessage: 'degraded',
    facetime: 'degraded',
  },
  {
    name: 'slow is working',
    round: round({ apns5223: 'slow', apns443: 'slow', ids: 'slow', facetime: 'slow' }),
    imessage: 'operational',
    facetime: 'operational',
  },
  {
    name: 'TLS interception is not Apple',
    round: round({ apns5223: 'tls-intercepted', apns443: 'tls-intercepted', ids: 'tls-intercepted', facetime: 'tls-intercepted' }),
    imessage: 'operational',
    facetime: 'operational',
  },
  {
    name: 'push down but reference fails too: no primary',
    round: round({ apns5223: 'refused', apns443: 'refused', internet: 'timeout' }),
    imessage: 'operational',
    facetime: 'operational',
  },
  {
    name: 'offline: probes say nothing',
    round: round({ ...OUTAGE_PROBES, internet: 'unreachable' }, { linkUp: false }),
    imessage: 'unknown',
    facetime: 'unknown',
  },
  { name: 'captive: probes say nothing', round: round({ ...OUTAGE_PROBES, captive: 'portal' }), imessage: 'unknown', facetime: 'unknown' },
  {
    name: 'limited: probes say nothing',
    round: round({ apns5223: 'timeout', apns443: 'timeout', ids: 'timeout', facetime: 'timeout', captive: 'timeout', internet: 'timeout' }),
    imessage: 'unknown',
    facetime: 'unknown',
  },
  {
    name: 'offline + Apple outage',
    round: round({}, { linkUp: false }),
    official: official({ imessage: 'outage' }, NOW),
    imessage: 'outage',
    facetime: 'unknown',
  },
  {
    name: 'offline + community outage',
    round: round({}, { linkUp: false }),
    community: community({ facetime: 'outage' }, NOW),
    imessage: 'unknown',
    facetime: 'outage',
  },
  {
    name: 'offline + community outage, crowd alerts off',
    round: round({}, { linkUp: false }),
    community: community({ facetime: 'outage' }, NOW),
    crowdAlerts: false,
    imessage: 'unknown',
    facetime: 'degraded',
  },
  {
    name: 'offline + Apple says ok',
    round: round({}, { linkUp: false }),
    official: official({ imessage: 'ok', facetime: 'ok' }, NOW),
    imessage: 'unknown',
    facetime: 'unknown',
  },
  {
    name: 'Apple outage, probes fine',
    round: round(),
    official: official({ imessage: 'outage', facetime: 'outage' }, NOW),
    imessage: 'outage',
    facetime: 'outage',
  },
  {
    name: 'Apple issue alone',
    round: round(),
    official: official({ imessage: 'issue' }, NOW),
    imessage: 'degraded',
    facetime: 'operational',
  },
  {
    name: 'Apple maintenance adds nothing',
    round: round(),
    official: official({ facetime: 'maintenance' }, NOW),
    imessage: 'operational',
    facetime: 'operational',
  },
  {
    name: 'Apple says resolved while probes fail',
    round: round(OUTAGE_PROBES),
    official: official({ imessage: 'ok', facetime: 'ok' }, NOW),
    imessage: 'outage',
    facetime: 'outage',
  },
  {
    name: 'community outage alone is an outage',
    round: round(),
    community: community({ imessage: 'outage' }, NOW),
    imessage: 'outage',
    facetime: 'operational',
  },
  {
    name: 'community outage winding down (people stopped reporting) alone',
    round: round(),
    community: windingDown(NOW),
    imessage: 'degraded',
    facetime: 'operational',
  },
  {
    name: 'community outage winding down + ids fails',
    round: round({ ids: 'http-error' }),
    community: windingDown(NOW),
    imessage: 'degraded',
    facetime: 'degraded',
  },
  {
    name: 'community outage held up while the window reads quiet',
    round: round(),
    community: windingDown(NOW, 'operational'),
    imessage: 'operational',
    facetime: 'operational',
  },
  {
    name: 'community outage alone, crowd alerts off',
    round: round(),
    community: community({ imessage: 'outage' }, NOW),
    crowdAlerts: false,
    imessage: 'degraded',
    facetime: 'operational',
  },
  {
    name: 'community outage + ids fails, crowd alerts off',
    round: round({ ids: 'http-error' }),
    community: community({ imessage: 'outage' }, NOW),
    crowdAlerts: false,
    imessage: 'outage',
    facetime: 'degraded',
  },
  {
    name: 'community degraded alone',
    round: round(),
    community: community({ imessage: 'degraded' }, NOW),
    imessage: 'degraded',
    facetime: 'operational',
  },
  {
    name: 'community outage + ids fails',
    round: round({ ids: 'http-error' }),
    community: community({ imessage: 'outage' }, NOW),
    imessage: 'outage',
    facetime: 'degraded',
  },
  {
    name: 'stale community is ignored',
    round: round({ ids: 'http-error' }),
    community: community({ imessage: 'outage' }, NOW - STALE_EVIDENCE_MS - 1),
    imessage: 'degraded',
    facetime: 'degraded',
  },
  {
    name: 'Apple issue + one port',
    round: round({ apns5223: 'refused' }),
    official: official({ imessage: 'issue' }, NOW),
    imessage: 'degraded',
    facetime: 'operational',
  },
  { name: 'no round at all, nothing known', round: null, local: 'unknown', imessage: 'unknown', facetime: 'unknown' },
  {
    name: 'DNS errors on Apple names are not Apple',
    round: round({ apns5223: 'dns-error', apns443: 'dns-error', ids: 'dns-error' }),
    imessage: 'operational',
    facetime: 'operational',
  },
];

describe('service verdict table', () => {
  it.each(rows)('$name', (row) => {
    const local = row.local ?? (row.round ? judgeLocal(row.round).verdict : 'unknown');
    for (const service of ['imessage', 'facetime'] as const) {
      const reading = judgeService({
        service,
        local,
        round: row.round,
        official: row.official ?? null,
        community: row.community ?? null,
        now: NOW,
        crowdAlerts: row.crowdAlerts,
      });
      expect(`${service}:${reading.state}`).toBe(`${service}:${row[service]}`);
    }
  });
});
