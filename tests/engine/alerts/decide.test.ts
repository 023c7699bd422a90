import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import type { ServiceState } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import { AlertDecider } from '../../../main/engine/alerts/decide.ts';
import { inQuietHours, parseClockTime } from '../../../main/engine/alerts/quiet-hours.ts';
import { MAX_ALERT_CHARS, MAX_BODY_CHARS, humanDuration, recoveredWords, shortDuration } from '../../../main/engine/alerts/words.ts';

const MIN = 60_000;
const REASON = 'Push servers refuse connections and identity services answer 503; the rest of the internet works.';
// Minutes of day straight from the epoch, so tests don't depend on the machine's time zone.
const utcMinutes = (t: number) => Math.floor(t / MIN) % 1440;
const at = (hh: number, mm = 0) => (hh * 60 + mm) * MIN;

function settings(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

function play(states: [number, ServiceState][], s: Settings = settings(), service: 'imessage' | 'facetime' = 'imessage') {
  const d = new AlertDecider(utcMinutes, 'darwin');
  return states.flatMap(([t, state]) => {
    const n = d.observe(service, state, REASON, s, t).notification;
    return n ? [n] : [];
  });
}

/** Apple's word on iMessage: an event of that state since `start` (null: Apple gave no start). */
function apple(state: OfficialServiceStatus['state'], start: number | null): OfficialServiceStatus {
  return { name: 'iMessage', state, start, end: null, message: null, usersAffected: null };
}

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

describe('alert decisions', () => {
  it('only outage alerts; degraded does not', () => {
    expect(
      play([
        [at(1), 'degraded'],
        [at(2), 'operational'],
      ]),
    ).toEqual([]);
  });
  it('outage → unknown → outage is one outage', () => {
    expect(
      play([
        [at(1), 'outage'],
        [at(2), 'unknown'],
        [at(3), 'outage'],
      ]).map((n) => n.kind),
    ).toEqual(['down']);
  });
  it('a new outage after recovery alerts again', () => {
    expect(
      play([
        [at(1), 'outage'],
        [at(2), 'operational'],
        [at(3), 'outage'],
      ]).map((n) => n.kind),
    ).toEqual(['down', 'recovered', 'down']);
  });
  it('outage → degraded is a recovery', () => {
    expect(
      play([
        [at(1), 'outage'],
        [at(2), 'degraded'],
      ]).map((n) => n.kind),
    ).toEqual(['down', 'recovered']);
  });
  it('the per-service down switch silences down and its recovery', () => {
    const s = settings({ notifications: { imessage: { down: false, recovered: false }, facetime: { down: true, recovered: true } } });
    expect(
      play(
        [
          [at(1), 'outage'],
          [at(2), 'operational'],
        ],
        s,
      ),
    ).toEqual([]);
    expect(
      play(
        [
          [at(1), 'outage'],
          [at(2), 'operational'],
        ],
        s,
        'facetime',
      ).length,
    ).toBe(2);
  });
  it('"tell me only when it\'s back": no down, yes recovered', () => {
    const s = settings({ notifications: { imessage: { down: false, recovered: true }, facetime: { down: true, recovered: true } } });
    expect(
      play(
        [
          [at(1), 'outage'],
          [at(2), 'operational'],
        ],
        s,
      ).map((n) => n.kind),
    ).toEqual(['recovered']);
  });
  it('recovered off: down only', () => {
    const s = settings({ notifications: { imessage: { down: true, recovered: false }, facetime: { down: true, recovered: true } } });
    expect(
      play(
        [
          [at(1), 'outage'],
          [at(2), 'operational'],
        ],
        s,
      ).map((n) => n.kind),
    ).toEqual(['down']);
  });
  it('the bell sends recovered even when down alerts were off, and asks to be cleared', () => {
    const s = settings({
      notifications: { imessage: { down: false, recovered: false }, facetime: { down: true, recovered: true } },
      notifyWhenBack: { imessage: true, facetime: false },
    });
    const d = new AlertDecider(utcMinutes);
    expect(d.observe('imessage', 'outage', REASON, s, at(1)).notification).toBeNull();
    const back = d.observe('imessage', 'operational', REASON, s, at(2));
    expect(back.notification?.kind).toBe('recovered');
    expect(back.clearBell).toBe(true);
  });
  it('no recovered without an outage', () => {
    expect(
      play([
        [at(1), 'operational'],
        [at(2), 'degraded'],
        [at(3), 'operational'],
      ]),
    ).toEqual([]);
  });
  it('quiet hours ending mid-outage give one "still down since" catch-up, then the recovery', () => {
    const s = settings({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });
    const ns = play(
      [
        [at(23, 30), 'outage'],
        [at(6, 59), 'outage'],
        [at(7, 1), 'outage'],
        [at(7, 2), 'outage'],
        [at(7, 3), 'unknown'],
        [at(7, 4), 'outage'],
        [at(8), 'operational'],
      ],
      s,
    );
    expect(ns.map((n) => [n.kind, n.title, n.at])).toEqual([
      ['down', 'iMessage is still down since 23:30', at(7, 1)],
      ['recovered', 'iMessage is back', at(8)],
    ]);
    expect(ns[0]?.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(play([[at(21, 59), 'outage']], s).length).toBe(1);
  });
  it('a 1 h snooze ending mid-outage gives one catch-up', () => {
    const s = settings({ snoozeUntil: at(13) });
    const ns = play(
      [
        [at(12, 10), 'outage'],
        [at(12, 59), 'outage'],
        [at(13), 'outage'],
        [at(13, 1), 'outage'],
      ],
      s,
    );
    expect(ns.map((n) => [n.kind, n.title])).toEqual([['down', 'iMessage is still down since 12:10']]);
  });
  it('no catch-up when the down switch is off: the user never wanted that alert', () => {
    const s = settings({
      snoozeUntil: at(13),
      notifications: { imessage: { down: false, recovered: false }, facetime: { down: true, recovered: true } },
    });
    expect(
      play(
        [
          [at(12, 10), 'outage'],
          [at(13, 5), 'outage'],
        ],
        s,
      ),
    ).toEqual([]);
  });
  it('an outage that begins and ends inside a snooze raises no alert and is handed on for the history', () => {
    const s = settings({ snoozeUntil: at(13) });
    const d = new AlertDecider(utcMinutes, 'darwin');
    expect(d.observe('imessage', 'outage', REASON, s, at(12, 10)).notification).toBeNull();
    const back = d.observe('imessage', 'operational', REASON, s, at(12, 40));
    expect(back.notification).toBeNull();
    expect(back.held).toEqual({ service: 'imessage', from: at(12, 10), to: at(12, 40) });
    // Nothing is owed once the snooze ends.
    expect(d.observe('imessage', 'operational', REASON, s, at(13, 5)).notification).toBeNull();
  });
  it('a recovery inside a snooze of an outage alerted before it is not announced either', () => {
    const d = new AlertDecider(utcMinutes, 'darwin');
    expect(d.observe('imessage', 'outage', REASON, settings(), at(12)).notification?.kind).toBe('down');
    const back = d.observe('imessage', 'operational', REASON, settings({ snoozeUntil: at(14) }), at(12, 30));
    expect([back.notification, back.held?.from]).toEqual([null, at(12)]);
  });
});

describe('quiet hours', () => {
  const window = (start: string, end: string) => ({ enabled: true, start, end });
  it.each([
    ['22:00', '07:00', at(22), true],
    ['22:00', '07:00', at(23, 59), true],
    ['22:00', '07:00', at(0), true],
    ['22:00', '07:00', at(6, 59), true],
    ['22:00', '07:00', at(7), false],
    ['22:00', '07:00', at(21, 59), false],
    ['13:00', '14:00', at(13, 30), true],
    ['13:00', '14:00', at(14), false],
    ['09:00', '09:00', at(9), false],
  ] as const)('%s–%s at %i → %s', (start, end, t, expected) => {
    expect(inQuietHours(window(start, end), t, utcMinutes)).toBe(expected);
  });
  it('disabled means never', () => {
    expect(inQuietHours({ enabled: false, start: '00:00', end: '23:59' }, at(12), utcMinutes)).toBe(false);
  });
  it('parses only HH:MM', () => {
    expect(parseClockTime('07:05')).toBe(425);
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('7:05')).toBeNull();
  });
});
