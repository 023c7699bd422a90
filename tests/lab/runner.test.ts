// One short run through every kind of world change: the event log has the contract's shape, and teardown leaves
// no server, socket or timer behind.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../lab/runner.ts';
import { parseScenario } from '../../lab/scenario.ts';

const scenario = parseScenario({
  name: 'everything-once',
  durationMs: 7_000,
  settings: { probeIntervalMs: 1000, officialPollMs: 1000, communityPollMs: 1000 },
  timeline: [
    { at: 0, set: { reports: { imessage: 60 }, officialFeed: 'garbage' } },
    { at: 1000, set: { link: 'down', dns: 'fail', aggregator: 'down' } },
    // The link stays down for 2.5 s: two and a half probe rounds, so a busy machine still sees it (1.5 s flaked).
    {
      at: 3500,
      set: { link: 'up', endpoints: { apns: 'reset', captive: 'portal' }, official: { facetime: 'issue' }, officialFeed: 'down' },
    },
    { at: 4500, sleep: { forMs: 1000 } },
    { at: 5000, set: { dns: 'ok', aggregator: 'up', officialFeed: 'ok', endpoints: { apns: 'up', captive: 'up' } } },
  ],
  // The last one cannot hold (nothing goes down, so nothing recovers): a failing expectation is reported, not thrown.
  expect: [{ local: 'offline', after: 1000, before: 3500 }, { never: '*:down' }, { notify: 'facetime:recovered' }],
});

/** Open handles of this process by kind (TCP, UDP, Timeout, ...). */
function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds with more open handles now than before. */
function leaked(before: Record<string, number>): string[] {
  return Object.entries(openHandles()).flatMap(([kind, n]) => (n > (before[kind] ?? 0) ? [`${kind} ×${n - (before[kind] ?? 0)}`] : []));
}

describe('lab runner', () => {
  it('logs start, steps, local changes and end in order, then tears the world down', async () => {
    const before = openHandles();
    const lines: string[] = [];
    const result = await runScenario(scenario, { write: (line) => lines.push(line) });

    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(result.events);
    expect(result.events[0]).toEqual({ t: 0, event: 'start', scenario: 'everything-once' });
    expect(result.events.at(-1)).toMatchObject({ event: 'end', notifications: 0, expectations: { passed: 2, failed: 1 } });
    // One person a second: accepted while the aggregator is up, unanswered while it is down (1000–5000 ms).
    const end = result.events.at(-1);
    const people = end?.event === 'end' ? end.reports['people:imessage'] : undefined;
    expect(people?.accepted).toBeGreaterThan(0);
    expect(people?.failed).toBeGreaterThan(0);
    const times = result.events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Five steps and the wake at 5500 ms, each logged no earlier than its time.
    const steps = result.events.filter((e) => e.event === 'step' || e.event === 'wake').map((e) => e.t);
    expect(steps).toHaveLength(6);
    [0, 1000, 3500, 4500, 5000, 5500].forEach((at, i) => expect(steps[i]).toBeGreaterThanOrEqual(at));
    expect(result.events.some((e) => e.event === 'local' && e.to === 'offline')).toBe(true);
    expect(result.results.map((r) => r.passed)).toEqual([true, true, false]);
    expect(result.passed).toBe(false);
    expect(result.results[2]?.reason).toBe('no facetime:recovered notification at all (expected in 0–7000 ms)');

    // Client sockets see the servers' close a moment later.
    for (let i = 0; i < 50 && leaked(before).length > 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(leaked(before)).toEqual([]);
  }, 60_000);
});
