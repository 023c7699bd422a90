// The `messages` world key (CONTRACT.md) and the lab's extensions to it (README.md), validated with JSON paths.
import type { Problems } from '../problems.ts';

export interface MessagesSet {
  /** Outgoing iMessages per compressed minute, delivered. */
  sent?: number;
  /** Outgoing iMessages per compressed minute, marked not delivered. */
  failed?: number;
  /** Distinct recipients the rows rotate over (default 3). */
  recipients?: number;
  /** Lab extensions: SMS sends, SMS failures, incoming messages (none of which may count). */
  smsSent?: number;
  smsFailed?: number;
  received?: number;
  /** Lab extension: `missing` deletes the database files; `present` recreates an empty one. */
  database?: 'present' | 'missing';
}

const RATE_KEYS = ['sent', 'failed', 'smsSent', 'smsFailed', 'received'] as const;

/** Validates a step's `messages` value. */
export function parseMessagesSet(p: Problems, path: string, value: unknown): MessagesSet {
  const obj = p.object(path, value, [...RATE_KEYS, 'recipients', 'database']);
  const set: MessagesSet = {};
  if (!obj) return set;
  for (const key of RATE_KEYS) {
    if (obj[key] === undefined) continue;
    const rate = obj[key];
    // Any rate is valid; the database writes at most MESSAGES_CEILING_PER_MINUTE rows of a kind (messages-db.ts).
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
      p.add(`${path}.${key}`, `must be a number of messages per minute, 0 or more, got ${JSON.stringify(rate)}`);
    } else set[key] = rate;
  }
  if (obj.recipients !== undefined) {
    const k = obj.recipients;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
      p.add(`${path}.recipients`, `must be a whole number of people, 1 or more, got ${JSON.stringify(k)}`);
    else set.recipients = k;
  }
  if (obj.database !== undefined) set.database = p.oneOf(`${path}.database`, obj.database, ['present', 'missing'] as const) ?? undefined;
  return set;
}
