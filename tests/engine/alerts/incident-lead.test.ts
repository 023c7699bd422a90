// The open incident on the snapshot's service verdicts: when this computer saw it, when Apple's page showed it, the lead.
import { describe, expect, it } from 'vitest';
import { LeadTracker } from '../../../main/engine/alerts/lead.ts';
import { engineUnderTest, HEALTHY, OUTAGE } from '../engine-fakes.ts';
import { community, official } from '../verdict/rounds.ts';

const { started } = engineUnderTest();

describe('the open incident on the snapshot', () => {
  it('appears when the shown state leaves operational, gains Apple’s start when the feed shows it, and goes on recovery', async () => {
    const x = await started();
    expect(x.engine.snapshot().services.imessage.incident).toBeUndefined();
    x.world.round = OUTAGE;
    await x.rounds(1);
    // One failing round is not yet shown (hysteresis): no incident either.
    expect(x.engine.snapshot().services.imessage.state).toBe('operational');
    expect(x.engine.snapshot().services.imessage.incident).toBeUndefined();
    await x.rounds(1);
    const seenAt = x.clock.now();
    expect(x.engine.snapshot().services.imessage).toMatchObject({
      state: 'outage',
      incident: { seenAt, appleShownAt: null, lead: { kind: 'unconfirmed' } },
    });
    expect(x.engine.snapshot().services.facetime.incident?.seenAt).toBe(seenAt);

    // Apple's event starts 30 s after this computer saw it; the engine polls the feed on its own timer.
    x.world.official = official({ imessage: 'outage' }, seenAt + 30_000);
    await x.rounds(4);
    const shown = x.engine.snapshot();
    expect(shown.services.imessage.incident).toEqual({
      seenAt,
      appleShownAt: seenAt + 30_000,
      lead: { kind: 'ahead', ms: 30_000 },
    });
    // FaceTime is not in Apple's event: its incident stays unconfirmed.
    expect(shown.services.facetime.incident?.lead).toEqual({ kind: 'unconfirmed' });
    // The published snapshot carries it too, not only the one asked for.
    expect(x.snapshots.at(-1)?.services.imessage.incident?.lead).toEqual({ kind: 'ahead', ms: 30_000 });

    x.world.round = HEALTHY;
    x.world.official = official({ imessage: 'ok' }, x.clock.now());
    await x.rounds(3);
    expect(x.engine.snapshot().services.imessage.state).toBe('operational');
    expect(x.engine.snapshot().services.imessage.incident).toBeUndefined();
    expect(x.engine.snapshot().services.facetime.incident).toBeUndefined();
  });

  it('a degraded service opens one too (the crowd alone); Apple first is said as such', async () => {
    const x = await started();
    const before = x.clock.now();
    x.world.official = official({ imessage: 'issue' }, before - 120_000);
    x.world.community = community({ imessage: 'degraded' }, before);
    await x.engine.checkNow();
    await x.rounds(2);
    const imessage = x.engine.snapshot().services.imessage;
    expect(imessage.state).toBe('degraded');
    expect(imessage.incident?.appleShownAt).toBe(before - 120_000);
    expect(imessage.incident?.lead.kind).toBe('apple-first');
  });

  it('says nothing about Apple while the official feed is switched off', async () => {
    const x = await started({ officialFeed: false });
    x.world.official = official({ imessage: 'outage' }, x.clock.now());
    x.world.round = OUTAGE;
    await x.rounds(2);
    expect(x.engine.snapshot().services.imessage.state).toBe('outage');
    expect(x.engine.snapshot().services.imessage.incident).toBeUndefined();
    // Switched back on mid-incident: the incident was open all along, seen when it began.
    x.engine.updateSettings({ officialFeed: true });
    await x.rounds(1);
    expect(x.engine.snapshot().services.imessage.incident?.lead.kind).toBe('apple-first');
  });
});

describe('LeadTracker.incident', () => {
  it('is null before and after an incident, and keeps the earliest Apple start', () => {
    const t = new LeadTracker();
    const apple = (start: number | null) =>
      ({ name: 'iMessage', state: 'issue', start, end: null, message: null, usersAffected: null }) as const;
    expect(t.incident('imessage')).toBeNull();
    t.observe('imessage', 'degraded', null, 1_000);
    t.observe('imessage', 'unknown', apple(9_000), 5_000);
    t.observe('imessage', 'outage', apple(7_000), 10_000);
    expect(t.incident('imessage')).toEqual({ seenAt: 1_000, appleShownAt: 7_000, lead: { kind: 'ahead', ms: 6_000 } });
    t.observe('imessage', 'operational', null, 20_000);
    expect(t.incident('imessage')).toBeNull();
  });
});
