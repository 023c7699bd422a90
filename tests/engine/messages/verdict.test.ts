// What this Mac's failed iMessages change in the verdicts and their words.
import { describe, expect, it } from 'vitest';
import type { MessagesCounts } from '../../../contracts/messages.ts';
import type { CommunitySnapshot, ServiceId } from '../../../contracts/status.ts';
import type { OfficialSnapshot } from '../../../contracts/official-status.ts';
import { messagesAreEvidence } from '../../../main/engine/messages/window.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';
import { judgeLocal } from '../../../main/engine/verdict/local.ts';
import { judgeService } from '../../../main/engine/verdict/service.ts';
import { community, official, round } from '../verdict/rounds.ts';

const NOW = 1_000_000_000;
const MIN = 60_000;

function counts(failed: number, recipients: number, extra: Partial<MessagesCounts> = {}): MessagesCounts {
  return {
    windowMs: 10 * MIN,
    sent: failed,
    failed,
    delivered: 0,
    failedRecipients: recipients,
    lastDeliveryAt: null,
    failedSinceDelivery: failed,
    recipientsSinceDelivery: recipients,
    ...extra,
  };
}

function judge(
  service: ServiceId,
  messages: MessagesCounts | null,
  r: ProbeRound = round(),
  feeds: { official?: OfficialSnapshot; community?: CommunitySnapshot } = {},
) {
  // The engine passes counts only when they are evidence; this mirrors that.
  const evidence = messages && messagesAreEvidence(messages) ? messages : null;
  return judgeService({
    service,
    local: judgeLocal(r).verdict,
    round: r,
    official: feeds.official ?? null,
    community: feeds.community ?? null,
    now: NOW,
    messages: evidence,
  });
}

describe('Messages evidence in the verdict', () => {
  it('failures to 2+ people alone: degraded, with words that say exactly what was seen', () => {
    const reading = judge('imessage', counts(3, 2));
    expect(reading.state).toBe('degraded');
    expect(reading.reason).toBe(
      "3 iMessages to 2 people failed in the last 10 minutes; others aren't reporting problems, so it may be your account or network.",
    );
  });

  it('many failures to many people alone still never make an outage', () => {
    expect(judge('imessage', counts(40, 12)).state).toBe('degraded');
  });

  it('with the crowd seeing problems: an outage', () => {
    const reading = judge('imessage', counts(3, 2), round(), { community: community({ imessage: 'degraded' }, NOW) });
    expect(reading.state).toBe('outage');
    expect(reading.reason).toMatch(/^3 iMessages to 2 people failed in the last 10 minutes and .*report/);
  });

  it('with a probe failure: an outage', () => {
    const reading = judge('imessage', counts(4, 3), round({ ids: 'http-error' }));
    expect(reading.state).toBe('outage');
    expect(reading.reason).toMatch(
      /^Identity services answer with errors and 4 iMessages to 3 people failed in the last 10 minutes; the rest of the internet works\.$/,
    );
  });

  it('with Apple reporting an issue: an outage', () => {
    expect(judge('imessage', counts(2, 2), round(), { official: official({ imessage: 'issue' }, NOW) }).state).toBe('outage');
  });

  it('failures to one recipient add nothing, even with the crowd degraded', () => {
    expect(judge('imessage', counts(9, 1)).state).toBe('operational');
    expect(judge('imessage', counts(9, 1), round(), { community: community({ imessage: 'degraded' }, NOW) }).state).toBe('degraded');
  });

  it('a delivery after the failures clears them', () => {
    const c = counts(5, 3, { delivered: 1, lastDeliveryAt: NOW - MIN, failedSinceDelivery: 1, recipientsSinceDelivery: 1 });
    expect(judge('imessage', c).state).toBe('operational');
  });

  it('applies to iMessage only, never FaceTime', () => {
    expect(judge('facetime', counts(3, 2)).state).toBe('operational');
  });

  it("counts nothing while this Mac is offline: a local fault is never Apple's", () => {
    const offline = round({ internet: 'unreachable', apns5223: 'unreachable', apns443: 'unreachable' }, { linkUp: false });
    expect(judge('imessage', counts(3, 2), offline).state).toBe('unknown');
  });

  it('the lab window reads in seconds', () => {
    expect(judge('imessage', counts(2, 2, { windowMs: 10_000 })).reason).toContain('in the last 10 seconds');
  });
});

/** Text messages to people this Mac's iMessages reached lately, nothing failed. */
const green = (sent: number, people: number, extra: Partial<MessagesCounts> = {}) =>
  counts(0, 0, { sent: 0, smsSent: sent, greenSent: sent, greenRecipients: people, ...extra });

describe('Messages going green in the verdict', () => {
  it('a burst of text messages to iMessage users alone: degraded, saying what was seen, never an alert', () => {
    const reading = judge('imessage', green(5, 3));
    expect(reading.state).toBe('degraded');
    expect(reading.reason).toBe(
      "5 messages to 3 iMessage users went as text messages in the last 10 minutes; others aren't reporting problems, so it may be your account or network.",
    );
  });

  it('with the crowd degraded or an outage, or a failing iMessage probe: an outage', () => {
    for (const level of ['degraded', 'outage'] as const) {
      expect(judge('imessage', green(4, 2), round(), { community: community({ imessage: level }, NOW) }).state).toBe('outage');
    }
    const probe = judge('imessage', green(4, 2), round({ ids: 'http-error' }));
    expect(probe.state).toBe('outage');
    expect(probe.reason).toBe(
      'Identity services answer with errors and 4 messages to 2 iMessage users went as text messages in the last 10 minutes; the rest of the internet works.',
    );
  });

  it('below the burst (one person, or fewer than three texts) adds nothing', () => {
    expect(judge('imessage', green(12, 1)).state).toBe('operational');
    expect(judge('imessage', green(2, 2)).state).toBe('operational');
    expect(judge('imessage', green(3, 2)).state).toBe('degraded');
  });

  it('failures and going green together are one Mac’s outbox: still degraded alone, and both are named', () => {
    const reading = judge('imessage', counts(3, 2, { smsSent: 6, greenSent: 6, greenRecipients: 3 }));
    expect(reading.state).toBe('degraded');
    expect(reading.reason).toMatch(
      /^3 iMessages to 2 people failed and 6 messages to 3 iMessage users went as text messages in the last 10 minutes;/,
    );
  });

  it('never for FaceTime, and not while this Mac is offline', () => {
    expect(judge('facetime', green(5, 3)).state).toBe('operational');
    const offline = round({ internet: 'unreachable', apns5223: 'unreachable', apns443: 'unreachable' }, { linkUp: false });
    expect(judge('imessage', green(5, 3), offline).state).toBe('unknown');
  });
});
