import { describe, expect, it } from 'vitest';
import type { LocalVerdictKind, ServiceState } from '../../../contracts/status.ts';
import { LocalHysteresis, ServiceHysteresis } from '../../../main/engine/verdict/hysteresis.ts';

const run = (readings: ServiceState[], machine = new ServiceHysteresis()) => readings.map((r) => machine.step(r).state);

describe('service hysteresis', () => {
  it('starts operational at once', () => {
    expect(run(['operational'])).toEqual(['operational']);
  });
  it('needs two failing rounds to go down', () => {
    expect(run(['operational', 'outage', 'outage'])).toEqual(['operational', 'operational', 'outage']);
  });
  it('needs three good rounds to recover', () => {
    expect(run(['operational', 'outage', 'outage', 'operational', 'operational', 'operational'])).toEqual([
      'operational',
      'operational',
      'outage',
      'outage',
      'outage',
      'operational',
    ]);
  });
  it('ignores flapping failing/good/failing/good', () => {
    const states = run(['operational', 'outage', 'operational', 'outage', 'operational', 'outage', 'operational']);
    expect(new Set(states)).toEqual(new Set(['operational']));
  });
  it('moves only as far as the whole streak agrees', () => {
    expect(run(['operational', 'degraded', 'outage'])).toEqual(['operational', 'operational', 'degraded']);
  });
  it('a bad start still needs confirming', () => {
    expect(run(['outage', 'outage'])).toEqual(['unknown', 'outage']);
  });
  it('Apple confirming an outage moves at once', () => {
    const m = new ServiceHysteresis();
    m.step('operational');
    expect(m.step('outage', true).state).toBe('outage');
  });
  it('unknown passes at once and the old outage returns at once', () => {
    expect(run(['operational', 'outage', 'outage', 'unknown', 'outage'])).toEqual([
      'operational',
      'operational',
      'outage',
      'unknown',
      'outage',
    ]);
  });
  it('recovering from unknown after an outage still needs three good rounds', () => {
    expect(run(['operational', 'outage', 'outage', 'unknown', 'operational', 'operational', 'operational'])).toEqual([
      'operational',
      'operational',
      'outage',
      'unknown',
      'unknown',
      'unknown',
      'operational',
    ]);
  });
  it('a wake resets the streak', () => {
    const m = new ServiceHysteresis();
    m.step('operational');
    m.step('outage');
    m.resetStreaks();
    expect(m.step('outage').state).toBe('operational');
    expect(m.step('outage').state).toBe('outage');
  });
  it('counts failing and good rounds', () => {
    const m = new ServiceHysteresis();
    m.step('outage');
    expect(m.step('degraded').failingRounds).toBe(2);
    expect(m.step('operational').goodRounds).toBe(1);
  });
});

describe('local hysteresis', () => {
  const runLocal = (readings: LocalVerdictKind[]) => {
    const m = new LocalHysteresis();
    return readings.map((r) => (m.step(r), m.state));
  };
  it('adopts the first reading at once', () => {
    expect(runLocal(['online'])).toEqual(['online']);
  });
  it('goes offline after one round', () => {
    expect(runLocal(['online', 'offline'])).toEqual(['online', 'offline']);
  });
  it('needs two rounds for the others, both ways', () => {
    expect(runLocal(['online', 'captive', 'captive', 'online', 'online'])).toEqual(['online', 'online', 'captive', 'captive', 'online']);
    expect(runLocal(['online', 'dns', 'online', 'dns'])).toEqual(['online', 'online', 'online', 'online']);
  });
  it('forgets on wake and adopts the next reading at once', () => {
    const m = new LocalHysteresis();
    m.step('online');
    m.forget();
    expect(m.state).toBe('unknown');
    m.step('limited');
    expect(m.state).toBe('limited');
  });
});
