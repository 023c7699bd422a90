// One short run through every kind of world change: the event log has the contract's shape, and teardown leaves
// no server, socket or timer behind.
import { describe, expect, it } from 'vitest';
import { runScenario } from './runner.ts';
import { parseScenario } from './scenario.ts';

const scenario = parseScenario({
  name: 'everything-once',
  durationMs: 6_000,
  settings: { probeIntervalMs: 1000, officialPollMs: 1000, communityPollMs: 1000 },
  timeline: [
    { at: 0, set: { reports: { imessage: 60 }, officialFeed: 'garbage' } },
    { at: 1000, set: { link: 'down', dns: 'fail', aggregator: 'down' } },
    { at: 2500, set: { link: 'up', endpoints: { apns: 'reset', captive: 'portal' }, official: { facetime: 'issue' }, officialFeed: 'down' } },
    { at: 3500, sleep: { forMs: 1000 } },
    { at: 4000, set: { dns: 'ok', aggregator: 'up', officialFeed: 'ok', endpoints: { apns: 'up', captive: 'up' } } },
  ],
  expect: [{ local: 'offline', after: 1000, before: 2500 }, { never: '*:down' }],
});

/** Handles of this process that a lab run could leave open. */
function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((r) => !['TTYWrap', 'PipeWrap', 'ProcessWrap', 'FSReqCallback'].includes(r)).sort();
}

describe('lab runner', () => {
  it('logs start, steps, local changes and end in order, then tears the world down', async () => {
    const before = openHandles();
    const lines: string[] = [];
    const result = await runScenario(scenario, { write: (line) => lines.push(line) });

    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(result.events);
    expect(result.events[0]).toEqual({ t: 0, event: 'start', scenario: 'everything-once' });
    expect(result.events.at(-1)).toMatchObject({ event: 'end', notifications: 0, expectations: { passed: 2, failed: 0 } });
    const times = result.events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const steps = result.events.filter((e) => e.event === 'step' || e.event === 'wake').map((e) => [e.event, e.t >= 0]);
    expect(steps).toHaveLength(6);
    expect(result.events.some((e) => e.event === 'local' && e.to === 'offline')).toBe(true);
    expect(result.results.every((r) => r.passed)).toBe(true);

    // Client sockets see the servers' close a moment later.
    for (let i = 0; i < 50 && openHandles().length > before.length; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(openHandles()).toEqual(before);
  }, 60_000);
});
