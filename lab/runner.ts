// Plays one scenario: starts the world, points the real engine at it, plays the timeline on wall-clock timers,
// records what the engine decides, stops at durationMs, tears everything down and checks the expectations.
import type { MonitorEngine } from '../main/engine/ports.ts';
import { EventLog, type LabEvent } from './events.ts';
import { checkExpectations, type ExpectationResult } from './expectations.ts';
import { createLabEngine, type LabEngine } from './lab-engine.ts';
import { loadMainView } from './main-view.ts';
import { recordEngine } from './recorder.ts';
import type { Scenario, TimelineStep } from './scenario.ts';
import { SERVICES } from './world-keys.ts';
import { labTimeScale, type LabTimeScale } from './world/time-scale.ts';
import { POSTING_CEILING_PER_MINUTE } from './world/reporters.ts';
import { LabWorld } from './world/world.ts';
import { ViewWatch } from './view-watch.ts';
import { errorText } from '../contracts/results.ts';

export interface RunOptions {
  /** Receives each event line as it happens (stdout, a file, nothing). */
  write?: (line: string) => void;
}

export interface RunResult {
  scenario: Scenario;
  events: LabEvent[];
  results: ExpectationResult[];
  passed: boolean;
  /** Wall ms from t = 0 to the end event. */
  wallMs: number;
  scale: LabTimeScale;
}

/** Default engine intervals in the lab when a scenario names none. */
const LAB_DEFAULTS = { probeIntervalMs: 1_000, officialPollMs: 2_000, communityPollMs: 1_000 };

/** Runs a validated scenario against the real engine; rejects only if the world cannot start. */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const settings = { ...LAB_DEFAULTS, ...scenario.settings };
  const scale = labTimeScale(settings.probeIntervalMs, quietRate(scenario.timeline));
  const world = await LabWorld.start({ detection: scale.detection, dedupWindowMs: 3 * scale.detection.bucketMs }, settings.probeIntervalMs);
  const log = new EventLog(options.write);
  const timers = new Set<NodeJS.Timeout>();
  let lab: LabEngine | null = null;
  let unsubscribe = (): void => {};
  try {
    lab = createLabEngine(world.wiring, settings);
    const { engine } = lab;
    const offRecord = recordEngine(engine, log);
    // `shows` renders the popover's main view: the renderer loads before t = 0, only when a scenario asks.
    const views = scenario.expect.some((e) => e.form === 'shows')
      ? new ViewWatch(scenario.expect, await loadMainView(), () => engine.settings(), log)
      : null;
    const offViews = views ? engine.onSnapshot((snapshot) => views.observe(snapshot, log.elapsed())) : () => {};
    unsubscribe = () => {
      offRecord();
      offViews();
    };
    const initial = scenario.timeline.filter((s) => s.at === 0 && !s.sleep);
    for (const step of initial) if (step.set) await world.apply(step.set);
    log.begin(scenario.name);
    for (const step of initial) log.record({ event: 'step', set: step.set });
    engine.start();
    // A window may open between two snapshots: the one current at that moment counts too.
    for (const ms of views?.opensAt ?? []) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        views?.observe(engine.snapshot(), Math.max(ms, log.elapsed()));
      }, ms);
      timers.add(timer);
    }
    await playTimeline(scenario, world, engine, log, timers, initial);
    views?.finish();
    const results = checkExpectations(scenario.expect, log.events);
    const passed = results.every((r) => r.passed);
    const notifications = log.events.filter((e) => e.event === 'notification').length;
    // The end line comes after teardown has been started, but carries the time the run ended.
    const end = log.record({
      event: 'end',
      notifications,
      expectations: { passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length },
      reports: world.community.reporters.tallies(),
    });
    return { scenario, events: log.events, results, passed, wallMs: end.t, scale };
  } finally {
    for (const t of timers) clearTimeout(t);
    unsubscribe();
    await lab?.dispose();
    await world.close();
  }
}

/** Fires every step at its time (steps apply in order, even when one takes a moment), then waits for durationMs. */
function playTimeline(
  scenario: Scenario,
  world: LabWorld,
  engine: MonitorEngine,
  log: EventLog,
  timers: Set<NodeJS.Timeout>,
  done: TimelineStep[],
): Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  const at = (ms: number, fn: () => void | Promise<void>): void => {
    if (ms > scenario.durationMs) return; // the run is over by then
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        // Timers may fire a fraction of a millisecond early by the log's clock: a step never happens before its time.
        if (log.elapsed() < ms) return at(ms, fn);
        chain = chain.then(fn).catch((error: unknown) => {
          process.stderr.write(`lab: a timeline step failed: ${errorText(error)}\n`);
        });
      },
      Math.max(1, ms - log.elapsed()),
    );
    timers.add(timer);
  };
  for (const step of scenario.timeline) {
    if (done.includes(step)) continue;
    at(step.at, async () => {
      log.record({ event: 'step', ...(step.set ? { set: step.set } : {}), ...(step.sleep ? { sleep: step.sleep } : {}) });
      if (step.sleep) engine.handleSuspend();
      if (step.set) await world.apply(step.set);
      // The OS tells the app when an interface comes or goes.
      if (step.set?.link) engine.handleNetworkChange();
    });
    if (step.sleep) {
      at(step.at + step.sleep.forMs, () => {
        log.record({ event: 'wake' });
        engine.handleWake();
      });
    }
  }
  return new Promise((resolve) => {
    at(scenario.durationMs, () => resolve());
  });
}

/**
 * A scenario's normal traffic, per minute: each service's lowest `reports` rate over the whole timeline (its rate at
 * `at: 0`, or 0, and every later one), then the highest of those. Not simply the starting rate: a scenario may start in
 * the middle of an outage (the app launched while people already report) and go quiet later.
 */
function quietRate(timeline: TimelineStep[]): number {
  // The timeline is in time order already (parseScenario sorts it).
  const lowest: Record<string, number> = {};
  for (const s of timeline.filter((step) => step.at === 0)) Object.assign(lowest, s.set?.reports);
  for (const service of SERVICES) lowest[service] ??= 0;
  for (const s of timeline.filter((step) => step.at > 0))
    for (const [service, rate] of Object.entries(s.set?.reports ?? {})) lowest[service] = Math.min(lowest[service] ?? rate, rate);
  // What the people really post: never more than the reporters' ceiling.
  return Math.min(POSTING_CEILING_PER_MINUTE, Math.max(0, ...SERVICES.map((service) => lowest[service] ?? 0)));
}
