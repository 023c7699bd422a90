import { afterEach, describe, expect, it } from 'vitest';
import { community, round, official } from './verdict/rounds.ts';
import type { CommunitySnapshot } from '../../contracts/status.ts';
import { SettingsError } from '../../main/engine/settings/validate.ts';
import { harness, type Harness } from './engine-fakes.ts';

const HEALTHY = () => round();
const OUTAGE = () => round({ apns5223: 'refused', apns443: 'refused', ids: 'http-error' });
const OFFLINE = () =>
  round(
    {
      apns5223: 'unreachable',
      apns443: 'unreachable',
      ids: 'unreachable',
      facetime: 'unreachable',
      captive: 'unreachable',
      internet: 'unreachable',
    },
    { linkUp: false, hasGateway: false },
  );

let h: Harness | null = null;

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
afterEach(async () => {
  await h?.engine.stop();
  expect(h?.clock.pending() ?? 0).toBe(0);
  h = null;
});

async function started(settings = {}) {
  h = harness(settings);
  h.world.round = HEALTHY;
  h.engine.start();
  await h.clock.advanceAsync(0);
  return h;
}
const kinds = (x: Harness) => x.notifications.map((n) => `${n.service}:${n.kind}`);

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
    h = harness({}, { probeRunner: gate.runner });
    const x = h;
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
    h = harness(
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
    );
    const x = h;
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
    h = harness(
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
    );
    const x = h;
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

describe('engine verdicts and alerts', () => {
  it('an outage alerts once after two failing rounds and recovers after three good ones', async () => {
    const x = await started();
    x.world.round = OUTAGE;
    await x.rounds(1);
    expect(x.notifications).toEqual([]);
    await x.rounds(1);
    expect(kinds(x)).toEqual(['imessage:down', 'facetime:down']);
    expect(x.engine.snapshot().overall.headline).toBe('iMessage and FaceTime are down');
    await x.rounds(5);
    expect(kinds(x)).toEqual(['imessage:down', 'facetime:down']);
    x.world.round = HEALTHY;
    await x.rounds(2);
    expect(x.notifications.length).toBe(2);
    await x.rounds(1);
    expect(kinds(x).slice(2)).toEqual(['imessage:recovered', 'facetime:recovered']);
    expect(x.notifications[2]?.body).toBe("It was down for 1 minute. Apple's status page never showed it.");
  });

  it('a round that failed in a stall is set aside and looked at again at once; the third in a row counts', async () => {
    const timeoutMs = 8000; // timingsForInterval(10 s)
    const x = await started();
    const before = x.calls.rounds;
    x.world.round = () => ({ ...OUTAGE(), stalledMs: timeoutMs / 2 });
    // Tick 1: set aside, looked at again at once, set aside again. Tick 2: the third in a row counts (one failing
    // round). Tick 3: two more set aside. Nothing has moved yet.
    await x.rounds(3);
    expect(x.calls.rounds - before).toBe(5);
    expect(x.engine.snapshot().services.imessage.state).toBe('operational');
    expect(x.notifications).toEqual([]);
    // Tick 4 counts: a real outage on a computer that stays this busy is late, not lost.
    await x.rounds(1);
    expect(kinds(x)).toEqual(['imessage:down', 'facetime:down']);

    // A shorter stall (under half the timeout) proves nothing either way: the failures count at once.
    const y = await started();
    y.world.round = () => ({ ...OUTAGE(), stalledMs: timeoutMs / 2 - 1 });
    await y.rounds(2);
    expect(kinds(y)).toEqual(['imessage:down', 'facetime:down']);
  });

  it('Check now after a stalled round counts its second look, so the one asking gets a verdict', async () => {
    const x = await started();
    const counted = x.engine.snapshot().round;
    const before = x.calls.rounds;
    x.world.round = () => ({ ...OUTAGE(), stalledMs: 4000 });
    const snapshot = await x.engine.checkNow();
    expect(x.calls.rounds - before).toBe(2);
    expect(snapshot.round).toBe(counted + 1);
    expect(snapshot.probes.some((p) => !p.ok)).toBe(true);
  });

  it('back into degraded says so, with the reason of the degraded state shown', async () => {
    const x = await started();
    x.world.round = OUTAGE;
    await x.rounds(6);
    x.world.round = HEALTHY;
    x.world.community = community({ imessage: 'degraded', facetime: 'degraded' }, x.clock.now());
    await x.rounds(3);
    expect(x.engine.snapshot().services.imessage.state).toBe('degraded');
    const back = x.notifications.find((n) => n.service === 'imessage' && n.kind === 'recovered');
    expect(back?.title).toBe('iMessage is back');
    expect(back?.body).toBe(
      "It was down for 1 minute. Apple's status page never showed it. Some problems remain. More people than usual report problems; iMessage works from here.",
    );
  });

  it('a crowd outage alone keeps it down and alerts; crowd alerts off keeps it degraded without an alert', async () => {
    const crowd = await started();
    crowd.world.community = community({ imessage: 'outage' }, crowd.clock.now());
    await crowd.rounds(3);
    expect(crowd.engine.snapshot().services.imessage.state).toBe('outage');
    expect(crowd.notifications.filter((n) => n.kind === 'down').map((n) => n.service)).toEqual(['imessage']);
    await crowd.engine.stop();
    const quiet = await started({ crowdAlerts: false });
    quiet.world.community = community({ imessage: 'outage' }, quiet.clock.now());
    await quiet.rounds(3);
    expect(quiet.engine.snapshot().services.imessage.state).toBe('degraded');
    expect(quiet.notifications).toEqual([]);
  });

  it('flapping failing/good/failing/good yields no down alert', async () => {
    const x = await started();
    for (let i = 0; i < 6; i += 1) {
      x.world.round = i % 2 === 0 ? OUTAGE : HEALTHY;
      await x.rounds(1);
    }
    expect(x.notifications).toEqual([]);
  });

  it('a Wi-Fi drop says offline and never claims Apple is down', async () => {
    const x = await started();
    x.world.round = OFFLINE;
    await x.rounds(1);
    expect(x.engine.snapshot().local.verdict).toBe('offline');
    expect(x.engine.snapshot().overall).toEqual({ level: 'offline', headline: "You're offline — Apple looks fine as far as we know" });
    await x.rounds(5);
    x.world.round = HEALTHY;
    await x.rounds(3);
    expect(x.engine.snapshot().local.verdict).toBe('online');
    expect(x.notifications).toEqual([]);
  });

  it('Apple confirming an outage moves at once; resolved does not clear failing probes', async () => {
    const x = await started();
    x.world.official = official({ imessage: 'outage' }, x.clock.now());
    await x.rounds(1);
    expect(kinds(x)).toEqual(['imessage:down']);
    expect(x.engine.snapshot().services.imessage.reason).toBe('Apple reports an outage; your connection to Apple looks fine.');
  });

  it('flushes queued reports when the connection comes back', async () => {
    const x = await started();
    x.world.round = OFFLINE;
    await x.rounds(1);
    expect((await x.engine.report({ service: 'imessage', kind: 'problem', problem: 'not-delivered' })).result).toBe('queued');
    expect(x.engine.snapshot().queuedReports).toBe(1);
    const flushesBefore = x.calls.flush;
    x.world.round = HEALTHY;
    await x.rounds(2);
    expect(x.calls.flush).toBe(flushesBefore + 1);
    expect(x.engine.snapshot().queuedReports).toBe(0);
  });

  it('the bell rings once for recovery and turns itself off', async () => {
    const x = await started({
      notifications: { imessage: { down: false, recovered: false }, facetime: { down: false, recovered: false } },
      notifyWhenBack: { imessage: true, facetime: false },
    });
    expect(x.engine.snapshot().watching).toEqual(['imessage']);
    x.world.round = OUTAGE;
    await x.rounds(2);
    x.world.round = HEALTHY;
    await x.rounds(3);
    expect(kinds(x)).toEqual(['imessage:recovered']);
    expect(x.engine.settings().notifyWhenBack.imessage).toBe(false);
    expect(x.engine.snapshot().watching).toEqual([]);
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
    h = harness({}, { probeRunner: gate.runner });
    const x = h;
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
