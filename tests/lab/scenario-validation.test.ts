// The scenario validator: every problem named with its JSON path, shipped scenarios accepted, step order and services.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../lab/scenario.ts';
import { problemsOf, root, valid } from './scenario-fixtures.ts';

describe('scenario validation', () => {
  it('accepts every scenario shipped with the lab', () => {
    const dir = join(root, 'lab', 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) expect(() => loadScenario(join(dir, f)), f).not.toThrow();
  });

  it('parses a valid document, slow-N and the sleep extension included', () => {
    const s = parseScenario(valid());
    expect(s.timeline[1]?.set?.endpoints).toEqual({ apns: 'refuse', ids: 'slow-1500' });
    expect(s.timeline[2]?.sleep).toEqual({ forMs: 2000 });
    expect(s.expect[3]).toMatchObject({ form: 'local', verdict: 'offline', after: 0, before: 20_000 });
    expect(s.expect[4]).toMatchObject({ form: 'state', pattern: { service: '*', value: 'outage' } });
  });

  it('accepts any report rate, however high ("however high the number"): the lab posts it at its ceiling', () => {
    const doc = valid() as { timeline: { at: number; set?: Record<string, unknown> }[] };
    doc.timeline.push({ at: 12_000, set: { spam: { imessage: 1_000_000 }, reports: { facetime: 100_000 } } });
    expect(problemsOf(doc)).toEqual([]);
  });

  it('plays steps in time order whatever the file order (ties keep it), and allows times past the end', () => {
    const s = parseScenario({
      ...valid(),
      timeline: [
        { at: 5000, set: { dns: 'fail' } },
        { at: 0, set: { reports: { imessage: 2 } } },
        { at: 5000, set: { dns: 'ok' } },
        { at: 25_000, set: { link: 'down' } }, // after durationMs: valid, never happens
        { at: 15_000, sleep: { forMs: 10_000 } }, // wakes after the end
      ],
      expect: [{ notify: 'imessage:down', after: 1000, before: 30_000 }],
    });
    expect(s.timeline.map((step) => [step.at, step.set?.dns ?? step.set?.link ?? (step.sleep ? 'sleep' : 'reports')])).toEqual([
      [0, 'reports'],
      [5000, 'fail'],
      [5000, 'ok'],
      [15_000, 'sleep'],
      [25_000, 'down'],
    ]);
    expect(s.expect[0]).toMatchObject({ after: 1000, before: 30_000 });
  });

  it('names the JSON path of an unknown behaviour', () => {
    const doc = valid();
    doc.timeline.push({ at: 10_000, set: { endpoints: { apns: 'explode' } } } as never);
    expect(problemsOf(doc)).toEqual([expect.stringMatching(/^\$\.timeline\[3\]\.set\.endpoints\.apns: unknown behaviour "explode"/)]);
  });

  it('reports every problem at once, each with its path', () => {
    const doc = {
      ...valid(),
      extra: true,
      durationMs: 10_000,
      timeline: [
        { at: 12_000, set: { link: 'sideways' } },
        { at: 9_000, set: {} },
        {
          at: 500,
          set: { endpoints: { captive: 'tls-bad', apns: 'http-503', ids: 'portal', facetime: 'slow-x' }, reports: { imessage: -1 } },
        },
        { at: 600, set: {} },
        { at: 700, sleep: { forMs: 9_500 } },
        { at: 800, set: { official: { ' ': 'ok', imessage: 'down' }, weather: 'rain' } },
      ],
      expect: [
        { notify: 'imessage:gone', after: 5, before: 2 },
        { never: 'skype:down' },
        { max: 'imessage:down' },
        { local: 'asleep' },
        { notify: 'x', never: 'y' },
      ],
    };
    const problems = problemsOf(doc);
    const paths = problems.map((p) => p.split(': ')[0]);
    expect(paths).toEqual([
      '$.extra',
      '$.timeline[0].set.link',
      '$.timeline[1].set',
      '$.timeline[2].set.endpoints.apns',
      '$.timeline[2].set.endpoints.ids',
      '$.timeline[2].set.endpoints.facetime',
      '$.timeline[2].set.endpoints.captive',
      '$.timeline[2].set.reports.imessage',
      '$.timeline[3].set',
      '$.timeline[5].set.weather',
      '$.timeline[5].set.official[" "]',
      '$.timeline[5].set.official.imessage',
      '$.expect[0].notify',
      '$.expect[0].before',
      '$.expect[1].never',
      '$.expect[2].count',
      '$.expect[3].local',
      '$.expect[4]',
    ]);
    expect(problems.join('\n')).toContain('"slow-x"');
    expect(problems.join('\n')).toContain('"portal" applies to the captive endpoint only');
  });

  it("accepts Apple's other services under `official`, by Apple's name in any case or the engine's id", () => {
    const s = parseScenario({
      ...valid(),
      timeline: [
        { at: 1000, set: { official: { imessage: 'outage', HomeKit: 'outage', 'iCloud Account & Sign In': 'issue', apns: 'ok' } } },
      ],
    });
    expect(s.timeline[0]?.set?.official).toEqual({
      imessage: 'outage',
      HomeKit: 'outage',
      'iCloud Account & Sign In': 'issue',
      apns: 'ok',
    });
  });

  it('rejects a blank service, one service named twice and a bad state, with bracketed paths for names with spaces', () => {
    const doc = {
      ...valid(),
      timeline: [{ at: 1000, set: { official: { imessage: 'ok', iMessage: 'outage', '': 'ok', 'Apple Account': 'broken' } } }],
    };
    expect(problemsOf(doc)).toEqual([
      expect.stringMatching(/^\$\.timeline\[0\]\.set\.official\.iMessage: names the same Apple service as "imessage"/),
      expect.stringMatching(/^\$\.timeline\[0\]\.set\.official\[""\]: a service must be/),
      expect.stringMatching(/^\$\.timeline\[0\]\.set\.official\["Apple Account"\]: unknown value "broken"/),
    ]);
    expect(problemsOf({ ...valid(), timeline: [{ at: 0, set: { official: ['imessage'] } }] })).toEqual([
      expect.stringMatching(/^\$\.timeline\[0\]\.set\.official: must be an object/),
    ]);
  });

  it('parses notifyMatches (a case-insensitive regular expression) and shows (words in a window)', () => {
    const s = parseScenario({
      ...valid(),
      expect: [
        { notifyMatches: 'imessage:recovered', pattern: 'before Apple' },
        { shows: ' iCloud Account ', after: 15_000, before: 27_000 },
        { shows: 'HomeKit' },
      ],
    });
    expect(s.expect[0]).toMatchObject({ form: 'notifyMatches', pattern: { service: 'imessage', value: 'recovered' } });
    expect(s.expect[0]?.form === 'notifyMatches' && s.expect[0].regex.test('knew 10 seconds BEFORE APPLE')).toBe(true);
    expect(s.expect[1]).toMatchObject({ form: 'shows', words: 'iCloud Account', after: 15_000, before: 27_000 });
    expect(s.expect[2]).toMatchObject({ form: 'shows', words: 'HomeKit', after: 0, before: 20_000 });
  });

  it('rejects malformed notifyMatches and shows, each problem at its path', () => {
    const doc = {
      ...valid(),
      expect: [
        { notifyMatches: 'imessage:recovered', pattern: '(unclosed' },
        { notifyMatches: 'imessage:gone', pattern: 'x' },
        { notifyMatches: 'imessage:down' },
        { notifyMatches: 'imessage:down', pattern: 'x', after: 5 },
        { shows: '' },
        { shows: 'HomeKit', after: 9000, before: 1000 },
        { shows: 42, pattern: 'x' },
        { shows: 'HomeKit', notify: 'imessage:down' },
      ],
    };
    expect(problemsOf(doc).map((p) => p.split(': ')[0])).toEqual([
      '$.expect[0].pattern',
      '$.expect[1].notifyMatches',
      '$.expect[2].pattern',
      '$.expect[3].after',
      '$.expect[4].shows',
      '$.expect[5].before',
      '$.expect[6].pattern',
      '$.expect[6].shows',
      '$.expect[7]',
    ]);
    expect(problemsOf(doc)[0]).toContain('not a valid regular expression');
  });

  it('rejects a document that is not an object, and files that are not JSON', () => {
    expect(problemsOf([])).toEqual(['$: must be an object, got an array']);
    const dir = mkdtempSync(join(tmpdir(), 'lab-scenario-'));
    try {
      writeFileSync(join(dir, 'bad.json'), '{ "name": ');
      expect(() => loadScenario(join(dir, 'bad.json'))).toThrow(/\$: not valid JSON/);
      expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/\$: cannot read the file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
