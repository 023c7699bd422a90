// The expectation checker against hand-made event logs: each form, the wildcard, and a reason for every result.
import { describe, expect, it } from 'vitest';
import { EventLog, parseEventLines, type LabEvent } from '../../lab/events.ts';
import { checkExpectations } from '../../lab/expectations.ts';
import { parseScenario } from '../../lab/scenario.ts';
import { ViewWatch } from '../../lab/view-watch.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import type { Snapshot } from '../../contracts/status.ts';

const events: LabEvent[] = [
  { t: 0, event: 'start', scenario: 's' },
  { t: 300, event: 'local', from: 'unknown', to: 'online' },
  { t: 8100, event: 'local', from: 'online', to: 'offline' },
  { t: 12_000, event: 'state', service: 'imessage', from: 'operational', to: 'outage', reason: 'push servers refuse connections' },
  { t: 12_000, event: 'notification', service: 'imessage', kind: 'down', title: 'iMessage is down', body: 'b' },
  { t: 12_500, event: 'notification', service: 'facetime', kind: 'down', title: 'FaceTime is down', body: 'b' },
  { t: 30_000, event: 'notification', service: 'imessage', kind: 'recovered', title: 'iMessage is back', body: 'b' },
  { t: 40_000, event: 'notification', service: 'imessage', kind: 'down', title: 'iMessage is down', body: 'b' },
];

/** Checks expectations written as in a scenario file. */
function check(expect: unknown[], log: LabEvent[] = events) {
  const scenario = parseScenario({ name: 'x', durationMs: 60_000, timeline: [], expect });
  return checkExpectations(scenario.expect, log);
}

describe('expectation checker', () => {
  it('notify: holds only when the FIRST matching notification is inside the window', () => {
    const [inside, late, missing, wildcard] = check([
      { notify: 'imessage:down', after: 10_000, before: 13_000 },
      { notify: 'facetime:down', after: 0, before: 12_000 },
      { notify: 'facetime:recovered', after: 0, before: 60_000 },
      { notify: '*:down', after: 12_000, before: 12_000 },
    ]);
    expect(inside).toMatchObject({ passed: true, reason: 'first imessage:down at 12000 ms, inside 10000–13000 ms' });
    expect(late).toMatchObject({ passed: false, reason: 'first facetime:down at 12500 ms, outside 0–12000 ms' });
    expect(missing).toMatchObject({ passed: false, reason: expect.stringContaining('no facetime:recovered notification at all') });
    expect(wildcard?.passed).toBe(true);
  });

  it('never and max count every matching notification, * matching any service', () => {
    const [neverAny, neverFacetimeBack, maxOne, maxTwo] = check([
      { never: '*:down' },
      { never: 'facetime:recovered' },
      { max: 'imessage:down', count: 1 },
      { max: 'imessage:down', count: 2 },
    ]);
    expect(neverAny).toMatchObject({ passed: false, reason: expect.stringContaining('3 *:down notification(s)') });
    expect(neverAny?.reason).toContain('12500 ms "FaceTime is down"');
    expect(neverFacetimeBack?.passed).toBe(true);
    expect(maxOne).toMatchObject({ passed: false, reason: '2 imessage:down notification(s) (at 12000 ms, 40000 ms), more than 1' });
    expect(maxTwo?.passed).toBe(true);
  });

  it('local and state: the first time the verdict becomes that value', () => {
    const [offline, captive, outage, early, anyOutage] = check([
      { local: 'offline', after: 8000, before: 14_000 },
      { local: 'captive' },
      { state: 'imessage:outage', after: 10_000, before: 20_000 },
      { state: 'imessage:outage', after: 13_000, before: 20_000 },
      { state: '*:outage', after: 0, before: 60_000 },
    ]);
    expect(offline).toMatchObject({ passed: true, reason: 'local verdict first became offline at 8100 ms, inside 8000–14000 ms' });
    expect(captive).toMatchObject({ passed: false, reason: 'local verdict never became captive (seen: online@300 → offline@8100)' });
    expect(outage?.passed).toBe(true);
    expect(early).toMatchObject({ passed: false, reason: 'imessage first became outage at 12000 ms, outside 13000–20000 ms' });
    expect(anyOutage?.passed).toBe(true);
  });

  it('notifyMatches: the FIRST notification of that kind, title and body together, case-insensitive', () => {
    const log: LabEvent[] = [
      ...events,
      {
        t: 50_000,
        event: 'notification',
        service: 'imessage',
        kind: 'recovered',
        title: 'iMessage is back',
        body: 'Knew 10 s before Apple.',
      },
    ];
    const [firstOnly, title, across, missing] = check(
      [
        { notifyMatches: 'imessage:recovered', pattern: 'before apple' },
        { notifyMatches: 'imessage:recovered', pattern: '^IMESSAGE is back' },
        { notifyMatches: 'facetime:down', pattern: 'is down b$' },
        { notifyMatches: 'facetime:recovered', pattern: 'x' },
      ],
      log,
    );
    expect(firstOnly).toMatchObject({ passed: false, reason: expect.stringContaining('at 30000 ms does not match /before apple/i') });
    expect(title?.passed).toBe(true);
    expect(across?.passed).toBe(true);
    expect(missing).toMatchObject({ passed: false, reason: 'no facetime:recovered notification at all' });
  });

  it('shows: holds when the view watch found the words inside that window, says what it saw when not', () => {
    const log: LabEvent[] = [
      ...events,
      { t: 16_000, event: 'shows', words: 'HomeKit', after: 15_000, before: 27_000, found: true, at: 15_900, renders: 2 },
      { t: 60_000, event: 'shows', words: 'HomeKit', after: 0, before: 10_000, found: false, renders: 9, lastView: 'All good' },
    ];
    const [found, missed, neverRendered] = check(
      [
        { shows: 'HomeKit', after: 15_000, before: 27_000 },
        { shows: 'HomeKit', after: 0, before: 10_000 },
        { shows: 'HomeKit', after: 1, before: 2 },
      ],
      log,
    );
    expect(found).toMatchObject({ passed: true, reason: 'the main view showed "HomeKit" at 15900 ms, inside 15000–27000 ms' });
    expect(missed).toMatchObject({ passed: false, reason: expect.stringContaining('in 9 render(s) inside 0–10000 ms; last: All good') });
    expect(neverRendered?.passed).toBe(false);
  });

  it('the view watch renders only inside open windows until the words show, then records where', () => {
    const scenario = parseScenario({
      name: 'x',
      durationMs: 60_000,
      timeline: [],
      expect: [
        { shows: 'homekit', after: 10_000, before: 20_000 },
        { shows: 'Apple Account', after: 10_000, before: 20_000 },
      ],
    });
    const log = new EventLog();
    const texts = new Map<number, string>([
      [1, 'HomeKit'],
      [2, 'iMessage Down. Same incident at Apple: HomeKit'],
      [3, 'still HomeKit'],
    ]);
    const rendered: number[] = [];
    const watch = new ViewWatch(
      scenario.expect,
      (snapshot) => {
        rendered.push(snapshot.round);
        return texts.get(snapshot.round) ?? '';
      },
      () => DEFAULT_SETTINGS,
      log,
    );
    const snap = (round: number) => ({ round }) as Snapshot;
    expect(watch.opensAt).toEqual([10_000]);
    watch.observe(snap(1), 9_999); // before the window: not rendered
    watch.observe(snap(2), 12_000);
    const third = snap(3);
    watch.observe(third, 13_000); // HomeKit found already; Apple Account still wanted
    watch.observe(third, 13_500); // the same snapshot (current when a window opens): not rendered twice
    watch.observe(snap(1), 25_000); // after the window
    watch.finish();
    expect(rendered).toEqual([2, 3]);
    expect(log.events).toEqual([
      expect.objectContaining({ event: 'shows', words: 'homekit', found: true, at: 12_000, renders: 1 }),
      expect.objectContaining({ event: 'shows', words: 'Apple Account', found: false, renders: 3, lastView: 'still HomeKit' }),
    ]);
  });

  it('writes events as JSON Lines that read back the same', () => {
    const lines: string[] = [];
    let clock = 1000;
    const log = new EventLog(
      (line) => lines.push(line),
      () => clock,
    );
    log.begin('x');
    clock = 1250.4;
    log.record({ event: 'notification', service: 'imessage', kind: 'down', title: 'T', body: 'B' });
    expect(lines).toEqual([
      '{"t":0,"event":"start","scenario":"x"}\n',
      '{"t":250,"event":"notification","service":"imessage","kind":"down","title":"T","body":"B"}\n',
    ]);
    expect(parseEventLines(lines.join(''))).toEqual(log.events);
  });
});
