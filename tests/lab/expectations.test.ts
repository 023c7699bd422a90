// The expectation checker against hand-made event logs: each form, the wildcard, and a reason for every result.
import { describe, expect, it } from 'vitest';
import { EventLog, parseEventLines, type LabEvent } from '../../lab/events.ts';
import { checkExpectations } from '../../lab/expectations.ts';
import { parseScenario } from '../../lab/scenario.ts';

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
function check(expect: unknown[]) {
  const scenario = parseScenario({ name: 'x', durationMs: 60_000, timeline: [], expect });
  return checkExpectations(scenario.expect, events);
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

  it('writes events as JSON Lines that read back the same', () => {
    const lines: string[] = [];
    let clock = 1000;
    const log = new EventLog(
      (line) => lines.push(line),
      () => clock,
    );
    log.begin();
    log.record({ event: 'start', scenario: 'x' });
    clock = 1250.4;
    log.record({ event: 'notification', service: 'imessage', kind: 'down', title: 'T', body: 'B' });
    expect(lines).toEqual([
      '{"t":0,"event":"start","scenario":"x"}\n',
      '{"t":250,"event":"notification","service":"imessage","kind":"down","title":"T","body":"B"}\n',
    ]);
    expect(parseEventLines(lines.join(''))).toEqual(log.events);
  });
});
