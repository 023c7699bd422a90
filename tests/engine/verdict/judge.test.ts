// The shown verdicts through the hysteresis: the reason always explains the state actually shown.
import { describe, expect, it } from 'vitest';
import type { CommunitySnapshot, ServiceId } from '../../../contracts/status.ts';
import type { ProbeRound } from '../../../main/engine/ports.ts';
import { VerdictJudge } from '../../../main/engine/verdict/judge.ts';
import { community, result, round } from './rounds.ts';

const NOW = 1_000_000_000;
const FACETIME_503 = () => round({ facetime: result('facetime', 'http-error', { httpStatus: 503 }) });
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
const OUTAGE = () => round({ apns5223: 'refused', apns443: 'refused', ids: result('ids', 'http-error', { httpStatus: 503 }) });

type Step = [ProbeRound, CommunitySnapshot | null];

/** Plays rounds one second apart and returns the shown state and reason of one service after each. */
function play(service: ServiceId, steps: Step[]): { state: string; reason: string }[] {
  const judge = new VerdictJudge();
  return steps.map(([r, c], i) => {
    judge.judge({ round: r, official: null, community: c, now: NOW + i * 1000 });
    const { state, reason } = judge.services[service];
    return { state, reason };
  });
}

describe('shown reason', () => {
  it('moving to degraded on a degraded-then-outage streak explains degraded, not the old operational', () => {
    const reports = community({ facetime: 'outage' }, NOW);
    const shown = play('facetime', [
      [round(), null],
      [FACETIME_503(), null],
      [FACETIME_503(), reports],
    ]);
    expect(shown.map((s) => s.state)).toEqual(['operational', 'operational', 'degraded']);
    expect(shown[1]?.reason).toBe('FaceTime works from here.');
    expect(shown[2]?.reason).toBe('FaceTime servers answer 503; the rest of the internet works.');
  });

  it('recovering to degraded while this round reads operational explains degraded, not the old outage', () => {
    const shown = play('facetime', [
      [OUTAGE(), null],
      [OUTAGE(), null],
      [FACETIME_503(), null],
      [round(), null],
      [round(), null],
    ]);
    expect(shown.map((s) => s.state)).toEqual(['unknown', 'outage', 'outage', 'outage', 'degraded']);
    expect(shown[0]?.reason).toBe('Checking FaceTime: a few more rounds to be sure.');
    expect(shown[3]?.reason).toBe(shown[1]?.reason);
    expect(shown[4]?.reason).toBe('FaceTime servers answer 503; the rest of the internet works.');
  });

  it('while the hysteresis holds, the reason of the state shown stays', () => {
    const shown = play('imessage', [
      [round(), null],
      [OUTAGE(), null],
    ]);
    expect(shown[1]).toEqual({ state: 'operational', reason: 'iMessage works from here.' });
  });

  it('unknown held after a local fault no longer blames the fault that has passed', () => {
    const shown = play('imessage', [
      [round(), null],
      [OUTAGE(), null],
      [OUTAGE(), null],
      [OFFLINE(), null],
      [round(), null],
      [round(), null],
      [round(), null],
    ]);
    expect(shown.map((s) => s.state)).toEqual(['operational', 'operational', 'outage', 'unknown', 'unknown', 'unknown', 'operational']);
    expect(shown[3]?.reason).toBe("Can't check from here: you're offline.");
    expect(shown[4]?.reason).toBe('Checking iMessage: a few more rounds to be sure.');
    expect(shown[6]?.reason).toBe('iMessage works from here.');
  });
});

describe('the crowd after this computer saw the outage', () => {
  const crowd = community({ imessage: 'outage' }, NOW);
  it('a crowd-only outage stays an outage while the crowd says so', () => {
    const shown = play(
      'imessage',
      Array.from({ length: 8 }, (): Step => [round(), crowd]),
    );
    expect(shown.at(-1)?.state).toBe('outage');
  });
  it('an outage the probes saw ends here once they pass, although the crowd still reports (its window trails the fix)', () => {
    const steps: Step[] = [
      ...Array.from({ length: 4 }, (): Step => [OUTAGE(), crowd]),
      ...Array.from({ length: 10 }, (): Step => [round(), crowd]),
    ];
    const shown = play('imessage', steps);
    expect(shown[3]?.state).toBe('outage');
    // Degraded from the third passing round on, and the crowd alone never brings the same outage back.
    expect(shown.slice(6).map((s) => s.state)).toEqual(Array(8).fill('degraded'));
  });
});
