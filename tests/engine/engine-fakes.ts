// Test doubles for the engine's seams (the real modules are tested on their own and wired in create-engine); settings
// and their validation are the real ones.
import type { Settings } from '../../contracts/settings.ts';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import type { CommunitySnapshot, ReportOutcome } from '../../contracts/status.ts';
import type { OfficialSnapshot } from '../../contracts/official-status.ts';
import { createEngine } from '../../main/engine/engine.ts';
import type { EngineDeps } from '../../main/engine/ports.ts';
import { SILENT_LOG } from '../../main/engine/log.ts';
import { LiveSettings } from '../../main/engine/live-settings.ts';
import type { MonitorEngine, ProbeRound, SettingsStore } from '../../main/engine/ports.ts';
import { DEFAULT_TARGETS, timingsForInterval } from '../../main/engine/probes/targets.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import type { AlertNotification, Snapshot } from '../../contracts/status.ts';
import { afterEach, expect } from 'vitest';
import { round } from './verdict/rounds.ts';

export interface Harness {
  clock: FakeClock;
  engine: MonitorEngine;
  notifications: AlertNotification[];
  snapshots: Snapshot[];
  /** What the next rounds return; replace to change the world. */
  world: { round: () => Omit<ProbeRound, 'startedAt' | 'finishedAt'>; official: OfficialSnapshot; community: CommunitySnapshot };
  calls: { rounds: number; official: number; community: number; flush: number; saved: Settings[] };
  queued: { count: number };
  /** Runs rounds with the fake clock: `n` probe intervals. */
  rounds(n: number): Promise<void>;
}

const EMPTY_OFFICIAL = { fetchedAt: null, stale: false, error: null, services: {} };
const EMPTY = { ...EMPTY_OFFICIAL, reach: 'shared' as const };

/** Builds an engine on a fake clock with a scripted probe runner. */
export function harness(initial: Partial<Settings> = {}, overrides: Partial<EngineDeps> = {}): Harness {
  const clock = createFakeClock();
  let stored: Settings = { ...DEFAULT_SETTINGS, probeIntervalMs: 10_000, officialPollMs: 20_000, communityPollMs: 10_000, ...initial };
  const calls: Harness['calls'] = { rounds: 0, official: 0, community: 0, flush: 0, saved: [] };
  const queued = { count: 0 };
  const world: Harness['world'] = {
    round: () => {
      throw new Error('no world');
    },
    official: EMPTY_OFFICIAL,
    community: EMPTY,
  };
  const store: SettingsStore = {
    load: () => stored,
    save: (s) => {
      stored = s;
      calls.saved.push(s);
    },
  };
  const engine = createEngine({
    clock,
    probeRunner: async () => {
      calls.rounds += 1;
      const startedAt = clock.now();
      return { ...world.round(), startedAt, finishedAt: clock.now() };
    },
    targets: DEFAULT_TARGETS,
    timings: timingsForInterval,
    official: {
      poll: async () => {
        calls.official += 1;
        return world.official;
      },
      current: () => world.official,
      nextPollDelay: (ms) => ms,
    },
    community: {
      poll: async () => {
        calls.community += 1;
        return world.community;
      },
      current: () => world.community,
    },
    reporter: {
      submit: async (): Promise<ReportOutcome> => {
        queued.count += 1;
        return { result: 'queued', message: 'Saved; it will be sent when the community server answers.' };
      },
      flush: async () => {
        calls.flush += 1;
        const n = queued.count;
        queued.count = 0;
        return n;
      },
      pending: () => queued.count,
    },
    history: {
      trend: async () => ({ ok: true, data: { buckets: [] } }),
      incidents: async () => ({ ok: true, data: [] }),
      incidentSummary: async () => ({ ok: true, data: { days: 90, incidents: 0, outages: 0, confirmed: 0, medianLeadMs: null } }),
    },
    // The real settings in force: updateSettings() runs the real validation (settings/validate.ts).
    settings: new LiveSettings(store, SILENT_LOG),
    testAggregator: async () => ({ ok: true, message: 'ok' }),
    minutesOfDay: (t) => Math.floor(t / 60_000) % 1440,
    ...overrides,
  });
  const notifications: AlertNotification[] = [];
  const snapshots: Snapshot[] = [];
  engine.onNotification((n) => notifications.push(n));
  engine.onSnapshot((s) => snapshots.push(s));
  return {
    clock,
    engine,
    notifications,
    snapshots,
    world,
    calls,
    queued,
    async rounds(n) {
      for (let i = 0; i < n; i += 1) await clock.advanceAsync(engine.settings().probeIntervalMs);
    },
  };
}

/** The rounds the engine tests play: all good, Apple's push and identity failing, and this computer offline. */
export const HEALTHY = () => round();
export const OUTAGE = () => round({ apns5223: 'refused', apns443: 'refused', ids: 'http-error' });
const UNREACHABLE = 'unreachable';
export const OFFLINE = () =>
  round(
    { apns5223: UNREACHABLE, apns443: UNREACHABLE, ids: UNREACHABLE, facetime: UNREACHABLE, captive: UNREACHABLE, internet: UNREACHABLE },
    { linkUp: false, hasGateway: false },
  );

/** The alerts a harness sent, as "service:kind". */
export const alertKinds = (x: Harness) => x.notifications.map((n) => `${n.service}:${n.kind}`);

/**
 * For a test file: the engine a test tracks is stopped after it and must leave no timer behind.
 * `started` builds one on healthy rounds and runs its first round; `track` takes one the test built itself.
 */
export function engineUnderTest(): { started: (settings?: Partial<Settings>) => Promise<Harness>; track: (x: Harness) => Harness } {
  let current: Harness | null = null;
  afterEach(async () => {
    await current?.engine.stop();
    expect(current?.clock.pending() ?? 0).toBe(0);
    current = null;
  });
  const track = (x: Harness): Harness => (current = x);
  return {
    track,
    async started(settings = {}) {
      const x = track(harness(settings));
      x.world.round = HEALTHY;
      x.engine.start();
      await x.clock.advanceAsync(0);
      return x;
    },
  };
}
