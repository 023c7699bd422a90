// AlertDecider's alert words: the down and recovered titles and bodies, and how far ahead of Apple's status page it was.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../contracts/settings.ts';
import type { ServiceState } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { AlertDecider } from '../../../main/engine/alerts/decide.ts';
import { MAX_ALERT_CHARS, MAX_BODY_CHARS, humanDuration, recoveredWords, shortDuration } from '../../../main/engine/alerts/words.ts';
import { MIN, REASON, apple, at, play, settings, utcMinutes } from './decide-fixtures.ts';

describe('ahead of Apple, in the recovery alert', () => {
  /** Rounds of [time, shown state, Apple's word]; returns the recovery alert's body. */
  function recovery(rounds: [number, ServiceState, OfficialServiceStatus | null][], s: Settings = settings()): string | undefined {
    const d = new AlertDecider(utcMinutes);
    const bodies = rounds.map(([t, state, official]) => d.observe('imessage', state, REASON, s, t, official).notification);
    return bodies.find((n) => n?.kind === 'recovered')?.body;
  }

  it("measures from the first moment this computer saw trouble (degraded counts) to the start of Apple's event", () => {
    const body = recovery([
      [at(12), 'degraded', null],
      [at(12, 2), 'outage', null],
      [at(12, 44), 'outage', apple('outage', at(12, 42))],
      [at(13, 6), 'operational', apple('ok', null)],
    ]);
    expect(body).toBe("It was down for 1 hour 4 minutes. This Mac knew 42 minutes before Apple's status page.");
  });

  it('uses the first poll that saw the event when Apple gives no start, and seconds in compressed time', () => {
    const t0 = 1_750_000_000_000;
    const body = recovery([
      [t0, 'outage', null],
      [t0 + 10_400, 'outage', apple('issue', null)],
      [t0 + 12_000, 'outage', apple('outage', null)],
      [t0 + 20_000, 'operational', null],
    ]);
    expect(body).toContain("This Mac knew 10 seconds before Apple's status page.");
  });

  it('never claims to be ahead when Apple was first, at the same time, or never said it', () => {
    const first = recovery([
      [at(12), 'outage', apple('outage', at(11, 50))],
      [at(12, 30), 'operational', null],
    ]);
    expect(first).toBe("It was down for 30 minutes. Apple's status page showed it 10 minutes earlier.");
    const same = recovery([
      [at(12), 'outage', apple('outage', at(12) + 500)],
      [at(12, 30), 'operational', null],
    ]);
    expect(same).toContain("Apple's status page showed it at the same time.");
    // Maintenance is planned work, not a confirmation of this incident.
    const never = recovery([
      [at(12), 'outage', apple('maintenance', at(11))],
      [at(12, 30), 'operational', null],
    ]);
    expect(never).toBe("It was down for 30 minutes. Apple's status page never showed it.");
    for (const body of [first, same, never]) expect(body).not.toMatch(/before Apple/i);
  });

  it("says nothing about Apple when Apple's feed is switched off, and each incident is measured on its own", () => {
    const off = recovery(
      [
        [at(12), 'outage', null],
        [at(12, 30), 'operational', null],
      ],
      settings({ officialFeed: false }),
    );
    expect(off).toBe('It was down for 30 minutes.');
    const d = new AlertDecider(utcMinutes);
    d.observe('imessage', 'outage', REASON, settings(), at(10), apple('outage', at(10, 30)));
    d.observe('imessage', 'operational', REASON, settings(), at(11), null);
    d.observe('imessage', 'outage', REASON, settings(), at(12), null);
    const second = d.observe('imessage', 'operational', REASON, settings(), at(12, 5), null).notification;
    expect(second?.body).toBe("It was down for 5 minutes. Apple's status page never showed it.");
  });

  it('keeps title and body within what macOS shows, dropping the degraded reason before cutting', () => {
    const long = 'Many people report problems with sending, receiving, activation and sign-in; '.repeat(4);
    const words = recoveredWords('imessage', 64 * MIN, long, { kind: 'ahead', ms: 42 * MIN });
    expect(words.title.length + words.body.length).toBeLessThanOrEqual(MAX_ALERT_CHARS);
    expect(words.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(words.body).toBe("It was down for 1 hour 4 minutes. This Mac knew 42 minutes before Apple's status page. Some problems remain.");
  });
});

describe('alert words', () => {
  it("iMessage down: the verdict, then the reason's point within a banner's body; the tip only when it fits", () => {
    const [n] = play([[at(12), 'outage']]);
    expect(n?.title).toBe('iMessage is down');
    // REASON fits a banner's body; REASON and the tip together would run past it.
    expect(n?.body).toBe(REASON);
    const short = new AlertDecider(utcMinutes, 'darwin').observe(
      'imessage',
      'outage',
      'Push servers refuse connections.',
      settings(),
      at(12),
    );
    expect(short.notification?.body).toBe('Push servers refuse connections. Send it from your iPhone as a text message.');
  });
  it('the iMessage tip fits the device: never iPhone gestures on a Mac, "use your iPhone" elsewhere', () => {
    const tip = (platform: NodeJS.Platform) =>
      new AlertDecider(utcMinutes, platform).observe('imessage', 'outage', 'Push servers refuse connections.', settings(), at(12))
        .notification?.body;
    expect(tip('darwin')).toContain('from your iPhone');
    expect(tip('win32')).toContain('Use your iPhone');
    expect(tip('linux')).toContain('Use your iPhone');
    for (const p of ['darwin', 'win32', 'linux'] as const) expect(tip(p)).not.toMatch(/long-press|Settings → Messages/i);
  });
  it('FaceTime down suggests a phone call, no SMS tip', () => {
    const d = new AlertDecider(utcMinutes, 'darwin');
    const n = d.observe('facetime', 'outage', 'The FaceTime endpoint answers 503.', settings(), at(12)).notification;
    expect(n?.title).toBe('FaceTime is down');
    expect(n?.body).toBe('The FaceTime endpoint answers 503. A regular phone call still works.');
  });
  it('every body stays within a banner, however long the reason', () => {
    const long = `people on 87 networks across 31 providers report problems in the last 10 minutes and Apple hasn't confirmed it; ${'x '.repeat(80)}`;
    for (const service of ['imessage', 'facetime'] as const) {
      const n = new AlertDecider(utcMinutes, 'linux').observe(service, 'outage', long, settings(), at(12)).notification;
      expect(n?.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
      expect(n?.body).toMatch(/^People on 87 networks/);
    }
  });
  it('recovered says how long it was down', () => {
    const ns = play([
      [at(12), 'outage'],
      [at(12, 23), 'operational'],
    ]);
    expect(ns.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['down', 'iMessage is down', expect.any(String)],
      ['recovered', 'iMessage is back', "It was down for 23 minutes. Apple's status page never showed it."],
    ]);
  });
  it('back into degraded says problems remain, with the degraded reason', () => {
    const d = new AlertDecider(utcMinutes);
    d.observe('facetime', 'outage', REASON, settings(), at(12));
    // Within a banner's 110 characters there is room to say problems remain, not why.
    const degradedReason = 'Many people report problems; FaceTime works from here.';
    const back = d.observe('facetime', 'degraded', degradedReason, settings(), at(12, 4)).notification;
    expect([back?.kind, back?.title, back?.body]).toEqual([
      'recovered',
      'FaceTime is back',
      "It was down for 4 minutes. Apple's status page never showed it. Some problems remain.",
    ]);
    expect(d.isOpen('facetime')).toBe(false);
  });
  it('human durations', () => {
    expect(shortDuration(10_400)).toBe('10 seconds');
    expect(shortDuration(1_000)).toBe('1 second');
    expect(shortDuration(42 * MIN)).toBe('42 minutes');
    expect(humanDuration(30_000)).toBe('less than a minute');
    expect(humanDuration(MIN)).toBe('1 minute');
    expect(humanDuration(65 * MIN)).toBe('1 hour 5 minutes');
    expect(humanDuration(120 * MIN)).toBe('2 hours');
    expect(humanDuration(72 * 60 * MIN)).toBe('3 days');
  });
});
