// Collects what is wrong with a scenario file, each problem tied to its JSON path ($.timeline[2].set.link).
import { describe } from './world-keys.ts';

/** A scenario file that cannot run: every problem, each with its JSON path. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

export class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }

  /** The value as a plain object whose keys are all allowed, or null (problem recorded). */
  object(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, `must be an object, got ${describe(value)}`);
      return null;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.add(`${path}.${key}`, `unknown key (allowed: ${allowed.join(', ')})`);
    }
    return record;
  }

  /** A whole number in [min, max], or null (problem recorded). */
  integer(path: string, value: unknown, min: number, max: number): number | null {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, `must be a whole number of ms, got ${describe(value)}`);
      return null;
    }
    if (value < min || value > max) {
      this.add(path, `${value} is outside ${min}–${max}`);
      return null;
    }
    return value;
  }

  /** One of the allowed words, or null (problem recorded). */
  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | null {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(path, `unknown value ${describe(value)} (expected one of ${allowed.join(', ')})`);
    return null;
  }

  /** A non-empty string, or null (problem recorded). */
  text(path: string, value: unknown): string | null {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.add(path, `must be a non-empty string, got ${describe(value)}`);
    return null;
  }
}
