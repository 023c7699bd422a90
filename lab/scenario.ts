// Loads and validates a lab scenario file (CONTRACT.md), naming the JSON path of every problem.
import { readFileSync } from 'node:fs';
import type { ServiceId } from '../contracts/status.ts';
import { Problems, ScenarioError } from './problems.ts';
import { parseMessagesSet } from './world/messages-key.ts';
import { parseOfficialSet } from './world/official-key.ts';
import { parseExpectations, type Expectation } from './scenario-expect.ts';
import type { WorldSet } from './world/world-set.ts';
import { DNS_MODES, ENDPOINT_KEYS, FEED_MODES, SERVICES, UP_DOWN, checkBehaviour, type Behaviour } from './world-keys.ts';
import { errorText } from '../contracts/results.ts';

export { ScenarioError } from './problems.ts';
export type { Expectation } from './scenario-expect.ts';

/** A timeline step. `sleep` is the lab's extension key (README.md): the machine sleeps for forMs, then wakes. */
export interface TimelineStep {
  at: number;
  set?: WorldSet;
  sleep?: { forMs: number };
}

export interface ScenarioSettings {
  probeIntervalMs?: number;
  officialPollMs?: number;
  communityPollMs?: number;
}

export interface Scenario {
  name: string;
  description: string;
  durationMs: number;
  settings: ScenarioSettings;
  /** In time order (steps at the same time keep the file's order). */
  timeline: TimelineStep[];
  expect: Expectation[];
}

const MAX_DURATION_MS = 3_600_000;

/** Reads and validates a scenario file; throws ScenarioError listing every problem. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [`$: cannot read the file (${errorText(error)})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, [`$: not valid JSON (${errorText(error)})`]);
  }
  return parseScenario(json, file);
}

/** Validates an already-parsed scenario document. */
export function parseScenario(json: unknown, file = '<scenario>'): Scenario {
  const p = new Problems();
  const root = p.object('$', json, ['name', 'description', 'durationMs', 'settings', 'timeline', 'expect']);
  if (!root) throw new ScenarioError(file, p.list);
  const name = p.text('$.name', root.name) ?? '';
  const description = root.description === undefined ? '' : (p.text('$.description', root.description) ?? '');
  const durationMs = p.integer('$.durationMs', root.durationMs, 1_000, MAX_DURATION_MS) ?? MAX_DURATION_MS;
  const settings = parseSettings(p, root.settings);
  const timeline = parseTimeline(p, root.timeline, durationMs);
  const expect = parseExpectations(p, root.expect, durationMs);
  if (p.list.length > 0) throw new ScenarioError(file, p.list);
  return { name, description, durationMs, settings, timeline, expect };
}

function parseSettings(p: Problems, value: unknown): ScenarioSettings {
  if (value === undefined) return {};
  const keys = ['probeIntervalMs', 'officialPollMs', 'communityPollMs'] as const;
  const obj = p.object('$.settings', value, keys);
  const out: ScenarioSettings = {};
  for (const key of keys) {
    if (obj?.[key] === undefined) continue;
    // An interval longer than the run is allowed: that task simply runs once, at the start.
    const ms = p.integer(`$.settings.${key}`, obj[key], 100, MAX_DURATION_MS);
    if (ms !== null) out[key] = ms;
  }
  return out;
}

function parseTimeline(p: Problems, value: unknown, durationMs: number): TimelineStep[] {
  if (!Array.isArray(value)) {
    p.add('$.timeline', 'must be an array of steps');
    return [];
  }
  const steps: TimelineStep[] = [];
  value.forEach((raw, i) => {
    const path = `$.timeline[${i}]`;
    const obj = p.object(path, raw, ['at', 'set', 'sleep']);
    if (!obj) return;
    // A step after durationMs is valid and never happens (the run is over by then).
    const at = p.integer(`${path}.at`, obj.at, 0, Number.MAX_SAFE_INTEGER);
    if (obj.set === undefined && obj.sleep === undefined) p.add(path, 'a step needs "set" (or the extension "sleep")');
    const step: TimelineStep = { at: at ?? 0 };
    if (obj.set !== undefined) step.set = parseSet(p, `${path}.set`, obj.set);
    if (obj.sleep !== undefined) {
      const sleep = p.object(`${path}.sleep`, obj.sleep, ['forMs']);
      const forMs = sleep ? p.integer(`${path}.sleep.forMs`, sleep.forMs, 1, durationMs) : null;
      step.sleep = { forMs: forMs ?? 1 };
    }
    steps.push(step);
  });
  // Played in time order; steps at the same time keep the file's order (the sort is stable).
  return steps.sort((a, b) => a.at - b.at);
}

function parseSet(p: Problems, path: string, value: unknown): WorldSet {
  const obj = p.object(path, value, [
    'link',
    'dns',
    'endpoints',
    'official',
    'officialFeed',
    'reports',
    'spam',
    'spamWorking',
    'aggregator',
    'messages',
  ]);
  const set: WorldSet = {};
  if (!obj) return set;
  if (Object.keys(obj).length === 0) p.add(path, 'changes nothing: name at least one world key');
  if (obj.link !== undefined) set.link = p.oneOf(`${path}.link`, obj.link, UP_DOWN) ?? undefined;
  if (obj.dns !== undefined) set.dns = p.oneOf(`${path}.dns`, obj.dns, DNS_MODES) ?? undefined;
  if (obj.messages !== undefined) set.messages = parseMessagesSet(p, `${path}.messages`, obj.messages);
  if (obj.aggregator !== undefined) set.aggregator = p.oneOf(`${path}.aggregator`, obj.aggregator, UP_DOWN) ?? undefined;
  if (obj.officialFeed !== undefined) set.officialFeed = p.oneOf(`${path}.officialFeed`, obj.officialFeed, FEED_MODES) ?? undefined;
  if (obj.endpoints !== undefined) {
    const endpoints = p.object(`${path}.endpoints`, obj.endpoints, ENDPOINT_KEYS) ?? {};
    set.endpoints = {};
    for (const key of ENDPOINT_KEYS) {
      if (endpoints[key] === undefined) continue;
      const problem = checkBehaviour(key, endpoints[key]);
      if (problem) p.add(`${path}.endpoints.${key}`, problem);
      else set.endpoints[key] = endpoints[key] as Behaviour;
    }
  }
  if (obj.official !== undefined) set.official = parseOfficialSet(p, `${path}.official`, obj.official);
  if (obj.reports !== undefined) set.reports = parseRates(p, `${path}.reports`, obj.reports);
  if (obj.spam !== undefined) set.spam = parseRates(p, `${path}.spam`, obj.spam);
  if (obj.spamWorking !== undefined) set.spamWorking = parseRates(p, `${path}.spamWorking`, obj.spamWorking);
  return set;
}

/** `{ service: reports per minute }` for `reports` and `spam`. */
function parseRates(p: Problems, path: string, value: unknown): Partial<Record<ServiceId, number>> {
  const rates = p.object(path, value, SERVICES) ?? {};
  const out: Partial<Record<ServiceId, number>> = {};
  for (const service of SERVICES) {
    const rate = rates[service];
    if (rate === undefined) continue;
    // Any rate is valid; the reporters post at most POSTING_CEILING_PER_MINUTE and the summary says so.
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
      p.add(`${path}.${service}`, `must be a number of reports per minute, 0 or more, got ${JSON.stringify(rate)}`);
    } else out[service] = rate;
  }
  return out;
}
