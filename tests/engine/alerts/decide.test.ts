import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../../contracts/settings.ts';
import type { OfficialServiceStatus, ServiceState } from '../../../contracts/status.ts';
import { AlertDecider } from '../../../main/engine/alerts/decide.ts';
import { inQuietHours, parseClockTime } from '../../../main/engine/alerts/quiet-hours.ts';
import { MAX_ALERT_CHARS, humanDuration, recoveredWords, shortDuration } from '../../../main/engine/alerts/words.ts';

const MIN = 60_000;
const REASON = 'Push servers refuse connections and identity services answer 503; the rest of the internet works.';
// Minutes of day straight from the epoch, so tests don't depend on the machine's time zone.
const utcMinutes = (t: number) => Math.floor(t / MIN) % 1440;
const at = (hh: number, mm = 0) => (hh * 60 + mm) * MIN;

function settings(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

function play(states: [number, ServiceState][], s: Settings = settings(), service: 'imessage' | 'facetime' = 'imessage') {
  const d = new AlertDecider(utcMinutes);
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
    expect(words.body).toBe("It was down for 1 hour 4 minutes. This Mac knew 42 minutes before Apple's status page. Some problems remain.");
  });
});

describe('alert words', () => {
  it('iMessage down carries the reason and the SMS tip', () => {
    const [n] = play([[at(12), 'outage']]);
    expect(n?.title).toBe('iMessage is down');
    expect(n?.body).toBe(`${REASON} Messages can still go as text messages: long-press the bubble → Send as Text Message.`);
  });
  it('FaceTime down suggests a phone call, no SMS tip', () => {
    const [n] = play([[at(12), 'outage']], settings(), 'facetime');
    expect(n?.title).toBe('FaceTime is down');
    expect(n?.body).toBe(`${REASON} You can still make a regular phone call.`);
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
    const degradedReason = 'Many people report problems; FaceTime works from here.';
    const back = d.observe('facetime', 'degraded', degradedReason, settings(), at(12, 4)).notification;
    expect([back?.kind, back?.title, back?.body]).toEqual([
      'recovered',
      'FaceTime is back',
      "It was down for 4 minutes. Apple's status page never showed it. Some problems remain. Many people report problems; FaceTime works from here.",
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
  it('quiet hours across midnight drop alerts, they are not queued', () => {
    const s = settings({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });
    const ns = play(
      [
        [at(23, 30), 'outage'],
        [at(7, 30), 'outage'],
        [at(8), 'operational'],
      ],
      s,
    );
    expect(ns).toEqual([]); // the down was dropped, so its recovery is not news either
    expect(play([[at(21, 59), 'outage']], s).length).toBe(1);
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
