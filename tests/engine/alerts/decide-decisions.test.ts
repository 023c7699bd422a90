// AlertDecider's decisions: which state changes alert, the per-service switches, the bell, quiet hours and snoozes.
import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../contracts/status.ts';
import { AlertDecider } from '../../../main/engine/alerts/decide.ts';
import { MAX_BODY_CHARS } from '../../../main/engine/alerts/words.ts';
import { REASON, at, play, settings, utcMinutes } from './decide-fixtures.ts';

describe('alert decisions', () => {
  // A service's states one hour apart, from 01:00.
  const hourly = (...states: ServiceState[]): [number, ServiceState][] => states.map((state, k) => [at(k + 1), state]);
  const kinds = (...args: Parameters<typeof play>) => play(...args).map((n) => n.kind);

  it.each<[string, ServiceState[], string[]]>([
    ['only outage alerts; degraded does not', ['degraded', 'operational'], []],
    ['outage → unknown → outage is one outage', ['outage', 'unknown', 'outage'], ['down']],
    ['a new outage after recovery alerts again', ['outage', 'operational', 'outage'], ['down', 'recovered', 'down']],
    ['outage → degraded is a recovery', ['outage', 'degraded'], ['down', 'recovered']],
  ])('%s', (_name, states, expected) => {
    expect(kinds(hourly(...states))).toEqual(expected);
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
  it.each<[string, { down: boolean; recovered: boolean }, string[]]>([
    ['"tell me only when it\'s back": no down, yes recovered', { down: false, recovered: true }, ['recovered']],
    ['recovered off: down only', { down: true, recovered: false }, ['down']],
  ])('%s', (_name, imessage, expected) => {
    const s = settings({ notifications: { imessage, facetime: { down: true, recovered: true } } });
    expect(kinds(hourly('outage', 'operational'), s)).toEqual(expected);
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
