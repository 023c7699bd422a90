// What a service verdict gives as its grounds: the reason in words (what fails, who reports it, what Apple says) and the
// failing probes it lists as evidence.
import { describe, expect, it } from 'vitest';
import type { CommunitySnapshot } from '../../../contracts/status.ts';
import type { OfficialSnapshot } from '../../../contracts/official-status.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';
import { judgeLocal } from '../../../main/engine/verdict/local.ts';
import { judgeService } from '../../../main/engine/verdict/service.ts';
import { community, official, OUTAGE_PROBES, round, windingDown } from './rounds.ts';

const NOW = 1_000_000_000;

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
    expect(reason(round(), { community: windingDown(NOW) })).toBe(
      'More people than usual report problems, fewer than before; iMessage works from here.',
    );
    expect(reason(round(), { community: windingDown(NOW, 'operational') })).toBe('iMessage works from here.');
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
});

describe('service evidence', () => {
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
