// The engine's verdicts and alerts over rounds: outages, stalls, the crowd, Apple's word, going offline, the bell.
import { describe, expect, it } from 'vitest';
import { community, official } from './verdict/rounds.ts';
import { alertKinds as kinds, engineUnderTest, HEALTHY, OFFLINE, OUTAGE } from './engine-fakes.ts';

const { started } = engineUnderTest();

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

  it('back into degraded says so; the degraded reason stays in the popover when it does not fit a banner', async () => {
    const x = await started();
    x.world.round = OUTAGE;
    await x.rounds(6);
    x.world.round = HEALTHY;
    x.world.community = community({ imessage: 'degraded', facetime: 'degraded' }, x.clock.now());
    await x.rounds(3);
    expect(x.engine.snapshot().services.imessage.state).toBe('degraded');
    const back = x.notifications.find((n) => n.service === 'imessage' && n.kind === 'recovered');
    expect(back?.title).toBe('iMessage is back');
    expect(back?.body).toBe("It was down for 1 minute. Apple's status page never showed it. Some problems remain.");
    expect(x.engine.snapshot().services.imessage.reason).toBe('More people than usual report problems; iMessage works from here.');
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
    expect(x.engine.snapshot().overall).toEqual({
      level: 'offline',
      headline: "You're offline — Apple's status can't be checked from here",
    });
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
