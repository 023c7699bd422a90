import { describe, expect, it } from 'vitest';
import type { CommunitySnapshot, LocalVerdictKind, OfficialSnapshot, ServiceState } from '../../../contracts/status.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';
import { judgeLocal } from '../../../main/engine/verdict/local.ts';
import { judgeService, STALE_EVIDENCE_MS } from '../../../main/engine/verdict/service.ts';
import { community, official, result, round } from './rounds.ts';

const NOW = 1_000_000_000;
const OUTAGE_PROBES = { apns5223: 'refused', apns443: 'refused', ids: result('ids', 'http-error', { httpStatus: 503 }) } as const;

/** An outage status the aggregator still holds while the window already reads lower. */
function windingDown(current: 'degraded' | 'operational' = 'degraded'): CommunitySnapshot {
  const c = community({ imessage: 'outage' }, NOW);
  c.services.imessage = { ...c.services.imessage!, current };
  return c;
}

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
    community: windingDown(),
    imessage: 'degraded',
    facetime: 'operational',
  },
  {
    name: 'community outage winding down + ids fails',
    round: round({ ids: 'http-error' }),
    community: windingDown(),
    imessage: 'degraded',
    facetime: 'degraded',
  },
  {
    name: 'community outage held up while the window reads quiet',
    round: round(),
    community: windingDown('operational'),
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

describe('service reasons name the evidence', () => {
  const reason = (r: ProbeRound | null, extra: { official?: OfficialSnapshot; community?: CommunitySnapshot } = {}) =>
    judgeService({
      service: 'imessage',
      local: r ? judgeLocal(r).verdict : 'unknown',
      round: r,
      official: extra.official ?? null,
      community: extra.community ?? null,
      now: NOW,
    }).reason;

  it('says which servers fail and that the rest works', () => {
    expect(reason(round(OUTAGE_PROBES))).toBe(
      'Push servers refuse connections and identity services answer 503; the rest of the internet works.',
    );
  });
  it('says Apple reports it while the connection looks fine', () => {
    expect(reason(round(), { official: official({ imessage: 'outage' }, NOW) })).toBe(
      'Apple reports an outage; your connection to Apple looks fine.',
    );
  });
  it('says many people report problems, that Apple has not confirmed it, and that the connection works', () => {
    expect(reason(round(), { community: community({ imessage: 'outage' }, NOW) })).toBe(
      "Many people report problems and Apple hasn't confirmed it; your own connection to Apple's servers still works.",
    );
  });
  it('counts reports and networks in the window when the aggregator sends them', () => {
    const crowd = community({ imessage: 'outage' }, NOW);
    crowd.services.imessage = { ...crowd.services.imessage!, networksInWindow: 287, reportsInWindow: 312, windowMinutes: 10 };
    expect(reason(round(), { community: crowd })).toBe(
      "312 problem reports from 287 networks in the last 10 minutes and Apple hasn't confirmed it; your own connection to Apple's servers still works.",
    );
    crowd.services.imessage = { ...crowd.services.imessage, status: 'degraded', networksInWindow: 4, reportsInWindow: 4 };
    expect(reason(round(), { community: crowd })).toBe(
      'More reports than usual: people on 4 networks report problems in the last 10 minutes; iMessage works from here.',
    );
  });
  it('names the providers the networks span when the aggregator counts them', () => {
    const crowd = community({ imessage: 'outage' }, NOW);
    const dto = { ...crowd.services.imessage!, networksInWindow: 87, reportsInWindow: 87, providersInWindow: 31, windowMinutes: 10 };
    crowd.services.imessage = dto;
    expect(reason(round(), { community: crowd })).toBe(
      "People on 87 networks across 31 providers report problems in the last 10 minutes and Apple hasn't confirmed it; your own connection to Apple's servers still works.",
    );
  });
  it('never presents a local aggregator as other people', () => {
    const crowd: CommunitySnapshot = { ...community({ imessage: 'degraded' }, NOW), reach: 'this-computer' };
    expect(reason(round(), { community: crowd })).toContain('only this computer reports to it');
    expect(reason(round(), { community: crowd })).not.toMatch(/people/);
  });
  it('says when people have stopped reporting', () => {
    expect(reason(round(), { community: windingDown() })).toBe(
      'More people than usual report problems, fewer than before; iMessage works from here.',
    );
    expect(reason(round(), { community: windingDown('operational') })).toBe('iMessage works from here.');
  });
  it('does not say Apple has not confirmed when Apple reports it', () => {
    expect(
      reason(round(), { community: community({ imessage: 'outage' }, NOW), official: official({ imessage: 'outage' }, NOW) }),
    ).not.toContain("hasn't confirmed");
  });
  it('keeps the service name as Apple writes it', () => {
    expect(reason(round())).toBe('iMessage works from here.');
  });
  it('explains a blocked port', () => {
    expect(reason(round({ apns5223: 'timeout' }))).toContain('port 5223 is blocked here');
  });
  it('mentions maintenance', () => {
    expect(reason(round(), { official: official({ imessage: 'maintenance' }, NOW) })).toContain('scheduled maintenance');
  });
  it('says it cannot check while offline', () => {
    expect(reason(round({}, { linkUp: false }))).toBe("Can't check from here: you're offline.");
  });
  it('lists failing probes as evidence only when they count', () => {
    const online = judgeService({
      service: 'facetime',
      local: 'online',
      round: round(OUTAGE_PROBES),
      official: null,
      community: null,
      now: NOW,
    });
    expect(online.failedProbes).toEqual(['apns5223', 'apns443', 'ids']);
    expect(online.okProbes).toEqual(['facetime']);
    const offline = judgeService({
      service: 'facetime',
      local: 'offline',
      round: round(OUTAGE_PROBES),
      official: null,
      community: null,
      now: NOW,
    });
    expect(offline.failedProbes).toEqual([]);
  });
});
