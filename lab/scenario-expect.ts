// Validates a scenario's `expect` list into typed expectations (notify / never / max / local / state / neverState /
// notifyMatches / shows).
import type { LocalVerdictKind, ServiceId } from '../contracts/status.ts';
import type { Problems } from './problems.ts';
import { LOCAL_VERDICTS, NOTIFICATION_KINDS, SERVICES, SERVICE_STATES, describe } from './world-keys.ts';
import { errorText } from '../contracts/results.ts';

/** `service:value`, where service may be `*` for any service. */
export interface Pattern {
  service: ServiceId | '*';
  value: string;
}

export type Expectation =
  | { form: 'notify'; pattern: Pattern; after: number; before: number; text: string }
  | { form: 'never'; pattern: Pattern; text: string }
  | { form: 'max'; pattern: Pattern; count: number; text: string }
  | { form: 'local'; verdict: LocalVerdictKind; after: number; before: number; text: string }
  | { form: 'state'; pattern: Pattern; after: number; before: number; text: string }
  | { form: 'neverState'; pattern: Pattern; text: string }
  /** The first notification of that service and kind matches `regex` (title and body, case-insensitive). */
  | { form: 'notifyMatches'; pattern: Pattern; regex: RegExp; text: string }
  /** The popover's main view, rendered from a snapshot inside the window, contains `words` (case-insensitive). */
  | { form: 'shows'; words: string; after: number; before: number; text: string };

const FORMS = ['notify', 'never', 'max', 'local', 'state', 'neverState', 'notifyMatches', 'shows'] as const;
const KEYS_BY_FORM: Record<(typeof FORMS)[number], string[]> = {
  notify: ['notify', 'after', 'before'],
  never: ['never'],
  max: ['max', 'count'],
  local: ['local', 'after', 'before'],
  state: ['state', 'after', 'before'],
  neverState: ['neverState'],
  notifyMatches: ['notifyMatches', 'pattern'],
  shows: ['shows', 'after', 'before'],
};

/** Parses `$.expect`; problems are recorded with their paths. */
export function parseExpectations(p: Problems, value: unknown, durationMs: number): Expectation[] {
  if (!Array.isArray(value)) {
    p.add('$.expect', 'must be an array of expectations');
    return [];
  }
  const out: Expectation[] = [];
  value.forEach((raw, i) => {
    const path = `$.expect[${i}]`;
    const candidate = typeof raw === 'object' && raw !== null ? FORMS.filter((f) => f in raw) : [];
    if (candidate.length !== 1) {
      p.add(path, `needs exactly one of ${FORMS.join(', ')}, got ${candidate.length ? candidate.join(' and ') : describe(raw)}`);
      return;
    }
    const form = candidate[0]!;
    const obj = p.object(path, raw, KEYS_BY_FORM[form]);
    if (!obj) return;
    const text = JSON.stringify(raw);
    if (form === 'local') {
      const verdict = p.oneOf(`${path}.local`, obj.local, LOCAL_VERDICTS);
      const window = parseWindow(p, path, obj, durationMs);
      if (verdict && window) out.push({ form, verdict, ...window, text });
      return;
    }
    if (form === 'shows') {
      const words = p.text(`${path}.shows`, obj.shows);
      const window = parseWindow(p, path, obj, durationMs);
      if (words && window) out.push({ form, words: words.trim(), ...window, text });
      return;
    }
    const allowed = form === 'state' || form === 'neverState' ? SERVICE_STATES : NOTIFICATION_KINDS;
    const pattern = parsePattern(p, `${path}.${form}`, obj[form], allowed);
    if (form === 'notifyMatches') {
      const regex = parseRegex(p, `${path}.pattern`, obj.pattern);
      if (pattern && regex) out.push({ form, pattern, regex, text });
    } else if (form === 'never' || form === 'neverState') {
      if (pattern) out.push({ form, pattern, text });
    } else if (form === 'max') {
      const count = p.integer(`${path}.count`, obj.count, 0, 1_000_000);
      if (pattern && count !== null) out.push({ form, pattern, count, text });
    } else {
      const window = parseWindow(p, path, obj, durationMs);
      if (pattern && window) out.push({ form, pattern, ...window, text });
    }
  });
  return out;
}

function parsePattern(p: Problems, path: string, value: unknown, allowed: readonly string[]): Pattern | null {
  const match = typeof value === 'string' ? /^([^:]+):([^:]+)$/.exec(value) : null;
  if (!match) {
    p.add(path, `must be "service:${allowed[0]}" (service one of ${SERVICES.join(', ')}, *), got ${describe(value)}`);
    return null;
  }
  const [, service = '', word = ''] = match;
  let ok = true;
  if (service !== '*' && !(SERVICES as readonly string[]).includes(service)) {
    p.add(path, `unknown service "${service}" (expected one of ${SERVICES.join(', ')}, *)`);
    ok = false;
  }
  if (!allowed.includes(word)) {
    p.add(path, `unknown value "${word}" (expected one of ${allowed.join(', ')})`);
    ok = false;
  }
  return ok ? { service: service as ServiceId | '*', value: word } : null;
}

/** A JavaScript regular expression, matched case-insensitively. */
function parseRegex(p: Problems, path: string, value: unknown): RegExp | null {
  if (typeof value !== 'string' || value === '') {
    p.add(path, `must be a regular expression as a non-empty string, got ${describe(value)}`);
    return null;
  }
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    p.add(path, `not a valid regular expression (${errorText(error)})`);
    return null;
  }
}

/** `after`/`before`: optional, default to the whole run, 0 or more (a window past durationMs is valid), after ≤ before. */
function parseWindow(p: Problems, path: string, obj: Record<string, unknown>, durationMs: number) {
  const after = obj.after === undefined ? 0 : p.integer(`${path}.after`, obj.after, 0, Number.MAX_SAFE_INTEGER);
  const before = obj.before === undefined ? durationMs : p.integer(`${path}.before`, obj.before, 0, Number.MAX_SAFE_INTEGER);
  if (after === null || before === null) return null;
  if (after > before) {
    p.add(`${path}.before`, `${before} is before "after" (${after})`);
    return null;
  }
  return { after, before };
}
