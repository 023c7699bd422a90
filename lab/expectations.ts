// Checks a scenario's expectations against the recorded events; every result says why.
import type { LabEvent } from './events.ts';
import type { Expectation, Pattern } from './scenario-expect.ts';

export interface ExpectationResult {
  /** The expectation as written in the scenario. */
  expectation: string;
  passed: boolean;
  /** Why it holds or fails, in words with times. */
  reason: string;
}

type NotificationEvent = Extract<LabEvent, { event: 'notification' }>;
type StateEvent = Extract<LabEvent, { event: 'state' }>;
type ShowsEvent = Extract<LabEvent, { event: 'shows' }>;

const matches = (pattern: Pattern, service: string, value: string): boolean =>
  (pattern.service === '*' || pattern.service === service) && pattern.value === value;

const label = (pattern: Pattern): string => `${pattern.service}:${pattern.value}`;

const window = (after: number, before: number): string => `${after}–${before} ms`;

/** Evaluates every expectation against the events of one run. */
export function checkExpectations(expectations: Expectation[], events: LabEvent[]): ExpectationResult[] {
  const notifications = events.filter((e): e is NotificationEvent => e.event === 'notification');
  const states = events.filter((e): e is StateEvent => e.event === 'state');
  const locals = events.filter((e) => e.event === 'local');
  const views = events.filter((e): e is ShowsEvent => e.event === 'shows');
  return expectations.map((exp) => {
    switch (exp.form) {
      case 'notify': {
        const first = notifications.find((n) => matches(exp.pattern, n.service, n.kind));
        if (!first) return fail(exp.text, `no ${label(exp.pattern)} notification at all (expected in ${window(exp.after, exp.before)})`);
        const inside = first.t >= exp.after && first.t <= exp.before;
        const what = `first ${first.service}:${first.kind} at ${first.t} ms`;
        return inside
          ? pass(exp.text, `${what}, inside ${window(exp.after, exp.before)}`)
          : fail(exp.text, `${what}, outside ${window(exp.after, exp.before)}`);
      }
      case 'never': {
        const hits = notifications.filter((n) => matches(exp.pattern, n.service, n.kind));
        if (hits.length === 0) return pass(exp.text, `no ${label(exp.pattern)} notification`);
        return fail(exp.text, `${hits.length} ${label(exp.pattern)} notification(s): ${hits.map(describeNotification).join('; ')}`);
      }
      case 'max': {
        const hits = notifications.filter((n) => matches(exp.pattern, n.service, n.kind));
        const times = hits.map((n) => `${n.t} ms`).join(', ');
        const what = `${hits.length} ${label(exp.pattern)} notification(s)${times ? ` (at ${times})` : ''}`;
        return hits.length <= exp.count
          ? pass(exp.text, `${what}, at most ${exp.count}`)
          : fail(exp.text, `${what}, more than ${exp.count}`);
      }
      case 'local': {
        const first = locals.find((e) => e.event === 'local' && e.to === exp.verdict);
        if (!first) return fail(exp.text, `local verdict never became ${exp.verdict} (seen: ${localPath(locals)})`);
        const inside = first.t >= exp.after && first.t <= exp.before;
        const what = `local verdict first became ${exp.verdict} at ${first.t} ms`;
        return inside
          ? pass(exp.text, `${what}, inside ${window(exp.after, exp.before)}`)
          : fail(exp.text, `${what}, outside ${window(exp.after, exp.before)}`);
      }
      case 'neverState': {
        const hits = states.filter((s) => matches(exp.pattern, s.service, s.to));
        if (hits.length === 0) return pass(exp.text, `no service became ${label(exp.pattern)} (seen: ${statePath(states)})`);
        return fail(exp.text, `${hits.map((s) => `${s.service} became ${s.to} at ${s.t} ms`).join('; ')}`);
      }
      case 'state': {
        const first = states.find((s) => matches(exp.pattern, s.service, s.to));
        if (!first) return fail(exp.text, `no service became ${label(exp.pattern)} (seen: ${statePath(states)})`);
        const inside = first.t >= exp.after && first.t <= exp.before;
        const what = `${first.service} first became ${first.to} at ${first.t} ms`;
        return inside
          ? pass(exp.text, `${what}, inside ${window(exp.after, exp.before)}`)
          : fail(exp.text, `${what}, outside ${window(exp.after, exp.before)}`);
      }
      case 'notifyMatches': {
        const first = notifications.find((n) => matches(exp.pattern, n.service, n.kind));
        if (!first) return fail(exp.text, `no ${label(exp.pattern)} notification at all`);
        const words = `"${first.title}" / "${first.body}"`;
        return exp.regex.test(`${first.title} ${first.body}`)
          ? pass(exp.text, `first ${label(exp.pattern)} at ${first.t} ms matches ${exp.regex}: ${words}`)
          : fail(exp.text, `first ${label(exp.pattern)} at ${first.t} ms does not match ${exp.regex}: ${words}`);
      }
      case 'shows': {
        const seen = views.find((v) => v.words === exp.words && v.after === exp.after && v.before === exp.before);
        const inside = window(exp.after, exp.before);
        if (!seen) return fail(exp.text, `the main view was never rendered inside ${inside}`);
        if (seen.found) return pass(exp.text, `the main view showed "${exp.words}" at ${seen.at} ms, inside ${inside}`);
        if (seen.renders === 0) return fail(exp.text, `no snapshot inside ${inside} to render`);
        return fail(exp.text, `"${exp.words}" not in the main view in ${seen.renders} render(s) inside ${inside}; last: ${seen.lastView}`);
      }
    }
  });
}

const pass = (expectation: string, reason: string): ExpectationResult => ({ expectation, passed: true, reason });
const fail = (expectation: string, reason: string): ExpectationResult => ({ expectation, passed: false, reason });

function describeNotification(n: NotificationEvent): string {
  return `${n.t} ms "${n.title}"`;
}

function localPath(events: LabEvent[]): string {
  const steps = events.flatMap((e) => (e.event === 'local' ? [`${e.to}@${e.t}`] : []));
  return steps.length ? steps.join(' → ') : 'no local change';
}

function statePath(events: StateEvent[]): string {
  return events.length ? events.map((e) => `${e.service}:${e.to}@${e.t}`).join(', ') : 'no state change';
}
