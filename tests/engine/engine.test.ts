// The engine on its injected clock: scheduling (rounds, feeds, the community loop, settings) and sleep and wake.
import { describe, expect, it } from 'vitest';
import { community, official, round } from './verdict/rounds.ts';
import type { CommunitySnapshot } from '../../contracts/status.ts';
import { SettingsError } from '../../main/engine/settings/validate.ts';
import { alertKinds as kinds, engineUnderTest, harness, HEALTHY, OUTAGE } from './engine-fakes.ts';

const { started, track } = engineUnderTest();

/** A probe runner whose rounds hang until released; counts how many run at once. */
function gatedRunner() {
  let active = 0;
  let max = 0;
  let calls = 0;
  let waiting: (() => void)[] = [];
  return {
    runner: async () => {
      calls += 1;
      active += 1;
      max = Math.max(max, active);
      await new Promise<void>((resolve) => waiting.push(resolve));
      active -= 1;
      return { ...round(), startedAt: 0, finishedAt: 0 };
    },
    releaseAll: () => {
      const now = waiting;
      waiting = [];
      for (const release of now) release();
    },
    calls: () => calls,
    maxActive: () => max,
  };
}

describe('engine scheduling', () => {
  it('runs the first round at once, then every probeIntervalMs', async () => {
    const x = await started();
    expect(x.calls.rounds).toBe(1);
    expect(x.engine.snapshot().overall).toEqual({ level: 'operational', headline: 'All good' });
    await x.rounds(3);
    expect(x.calls.rounds).toBe(4);
    expect(x.engine.snapshot().round).toBe(4);
  });

  it('never overlaps rounds: a slow round delays the next', async () => {
    const gate = gatedRunner();
    const x = track(harness({}, { probeRunner: gate.runner }));
    x.engine.start();
    await x.clock.advanceAsync(0);
    await x.clock.advanceAsync(50_000); // five intervals pass while the round hangs
    const check = x.engine.checkNow(); // shares the running round
    expect(gate.calls()).toBe(1);
    expect(gate.maxActive()).toBe(1);
    gate.releaseAll();
    await check;
    expect(x.engine.snapshot().round).toBe(1);
    await x.clock.advanceAsync(10_000);
    expect(gate.calls()).toBe(2);
    gate.releaseAll();
  });

  it('a throwing probe runner or feed never stops the schedule', async () => {
    const x = track(
      harness(
        {},
        {
          probeRunner: async () => {
            throw new Error('boom');
          },
          official: {
            poll: async () => {
              throw new Error('feed boom');
            },
            current: () => ({ fetchedAt: null, stale: true, error: 'x', services: {} }),
            nextPollDelay: () => {
              throw new Error('delay boom');
            },
          },
        },
      ),
    );
    let runs = 0;
    x.engine.onSnapshot(() => (runs += 1));
    x.engine.start();
    await x.clock.advanceAsync(0);
    await x.rounds(3);
    expect(x.engine.snapshot().round).toBe(0);
    expect(x.clock.pending()).toBeGreaterThan(0);
    expect(x.engine.snapshot().overall.headline).toBe('Checking…');
  });

  it('polls the official feed on its interval and stops when switched off', async () => {
    const x = await started();
    expect(x.calls.official).toBe(1);
    await x.clock.advanceAsync(20_000);
    expect(x.calls.official).toBe(2);
    x.engine.updateSettings({ officialFeed: false });
    await x.clock.advanceAsync(60_000);
    expect(x.calls.official).toBe(2);
    x.engine.updateSettings({ officialFeed: true, officialPollMs: 5_000 });
    await x.clock.advanceAsync(5_000);
    expect(x.calls.official).toBe(3);
  });

  it('skips community polls when reports are off', async () => {
    const x = await started({ communityReports: false });
    await x.rounds(3);
    expect(x.calls.community).toBe(0);
    expect((await x.engine.report({ service: 'imessage', kind: 'problem', problem: 'other' })).result).toBe('rejected');
  });

  it('one community loop on the clock: skipped while the stream is live, polling at once and on its interval when it drops', async () => {
    let polls = 0;
    const stream: { push?: (s: CommunitySnapshot) => void; down?: () => void; closed: number } = { closed: 0 };
    const x = track(
      harness(
        {},
        {
          community: {
            poll: async () => ((polls += 1), community({}, 0)),
            current: () => community({}, 0),
            watch: (push, down) => {
              stream.push = push;
              stream.down = down;
              return () => void (stream.closed += 1);
            },
          },
        },
      ),
    );
    x.world.round = HEALTHY;
    x.engine.start();
    await x.clock.advanceAsync(0);
    expect(polls).toBe(1); // at start
    stream.push?.(community({}, x.clock.now()));
    await x.clock.advanceAsync(5_000);
    stream.push?.(community({}, x.clock.now()));
    await x.clock.advanceAsync(7_000); // the live stream keeps it fresh: the poll due at 10 s is skipped
    expect(polls).toBe(1);
    stream.down?.();
    await x.clock.advanceAsync(0);
    expect(polls).toBe(2); // the stream dropped: polled at once
    await x.clock.advanceAsync(20_000);
    expect(polls).toBe(4); // then every communityPollMs, on the injected clock
    x.engine.handleSuspend();
    expect(stream.closed).toBe(1);
  });

  it('reschedules rounds when the interval changes and saves the settings', async () => {
    const x = await started();
    x.engine.updateSettings({ probeIntervalMs: 2_000 });
    await x.clock.advanceAsync(2_000);
    expect(x.calls.rounds).toBe(2);
    expect(x.calls.saved.at(-1)?.probeIntervalMs).toBe(2_000);
    // The real validation: a bad value is refused by name and changes nothing.
    expect(() => x.engine.updateSettings({ probeIntervalMs: 5 })).toThrow(SettingsError);
    expect(x.engine.settings().probeIntervalMs).toBe(2_000);
  });

  it('a network change re-checks at once', async () => {
    const x = await started();
    x.engine.handleNetworkChange();
    await x.clock.advanceAsync(0);
    expect(x.calls.rounds).toBe(2);
  });
});

describe('sleep and wake', () => {
  it('runs nothing while suspended; on wake the network is unknown and it re-checks at once', async () => {
    const x = await started();
    x.engine.handleSuspend();
    await x.clock.advanceAsync(100_000);
    expect(x.calls.rounds).toBe(1);
    x.engine.handleWake();
    expect(x.engine.snapshot().local.verdict).toBe('unknown');
    expect(x.engine.snapshot().services.imessage.state).toBe('operational'); // shown as it was
    await x.clock.advanceAsync(0);
    expect(x.calls.rounds).toBe(2);
    expect(x.engine.snapshot().local.verdict).toBe('online');
  });

  it('no alert from the first round after a wake; the next round may alert', async () => {
    const x = await started();
    x.engine.handleSuspend();
    x.world.official = official({ imessage: 'outage' }, x.clock.now());
    x.engine.handleWake();
    await x.clock.advanceAsync(0);
    expect(x.engine.snapshot().services.imessage.state).toBe('outage');
    expect(x.notifications).toEqual([]);
    await x.rounds(1);
    expect(kinds(x)).toEqual(['imessage:down']);
  });

  it('failing rounds before and after sleep are not consecutive', async () => {
    const x = await started();
    x.world.round = OUTAGE;
    await x.rounds(1);
    x.engine.handleSuspend();
    x.engine.handleWake();
    await x.clock.advanceAsync(0);
    expect(x.engine.snapshot().services.imessage.state).toBe('operational');
    await x.rounds(1);
    expect(x.engine.snapshot().services.imessage.state).toBe('outage');
    expect(kinds(x)).toEqual(['imessage:down', 'facetime:down']);
  });

  it('a round that spans the sleep is dropped and the wake re-check still runs at once', async () => {
    const gate = gatedRunner();
    const x = track(harness({}, { probeRunner: gate.runner }));
    x.engine.start();
    await x.clock.advanceAsync(0);
    x.engine.handleSuspend();
    x.engine.handleWake();
    await x.clock.advanceAsync(0); // the wake's round waits for the old one: never two at once
    expect(gate.calls()).toBe(1);
    gate.releaseAll();
    await x.clock.flush();
    expect(x.engine.snapshot().round).toBe(0); // the old round was dropped
    expect(gate.calls()).toBe(2); // and the re-check started without waiting an interval
    gate.releaseAll();
    await x.clock.flush();
    expect(x.engine.snapshot().round).toBe(1);
    expect(gate.maxActive()).toBe(1);
  });
});
