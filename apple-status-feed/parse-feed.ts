// Apple System Status document: text → typed document, or a FeedError. Reads only the fields it knows.
import { FeedError } from './feed-error.ts';
import { errorText } from '../contracts/results.ts';

export const STATUS_TYPES = ['Outage', 'Issue', 'Performance', 'Maintenance'] as const;
export type FeedStatusType = (typeof STATUS_TYPES)[number];
export const EVENT_STATUSES = ['ongoing', 'resolved', 'upcoming', 'completed'] as const;
export type FeedEventStatus = (typeof EVENT_STATUSES)[number];

export interface FeedEvent {
  messageId: string;
  statusType: FeedStatusType;
  /** null when Apple left it out: decide from the epochs. */
  eventStatus: FeedEventStatus | null;
  epochStartDate: number | null;
  epochEndDate: number | null;
  usersAffected: string | null;
  message: string | null;
  affectedServices: string[] | null;
}

export interface FeedService {
  serviceName: string;
  events: FeedEvent[];
}

export interface FeedDocument {
  drpost: boolean;
  services: FeedService[];
}

/** Larger than any real feed by two orders of magnitude. */
export const MAX_FEED_BYTES = 2_000_000;
const MAX_SERVICES = 2_000;
const MAX_EVENTS = 2_000;
const MAX_TEXT = 10_000;

/** Parses the feed text (bare JSON or wrapped in `name(...);`); throws FeedError on anything unusable. */
export function parseFeed(text: string): FeedDocument {
  if (typeof text !== 'string') throw new FeedError('malformed', 'The status feed was not text.');
  if (text.length > MAX_FEED_BYTES) throw new FeedError('malformed', 'The status feed is far larger than expected.');
  const json = unwrap(text.replace(/^\uFEFF/, '').trim());
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    const msg = errorText(err);
    if (looksTruncated(msg, json.length)) throw new FeedError('truncated', 'The status feed was cut off before its end.');
    throw new FeedError('malformed', 'The status feed is not valid JSON.');
  }
  return readDocument(raw);
}

/** Strips an optional JSONP wrapper `identifier( … );`. */
function unwrap(text: string): string {
  if (text === '') throw new FeedError('truncated', 'The status feed was empty.');
  const head = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\(/.exec(text);
  if (!head) return text;
  let end = text.length;
  if (text.endsWith(';')) end -= 1;
  const body = text.slice(head[0].length, end).trimEnd();
  if (!body.endsWith(')')) throw new FeedError('truncated', 'The status feed was cut off before its end.');
  return body.slice(0, -1);
}

function looksTruncated(message: string, length: number): boolean {
  if (/Unexpected end|Unterminated/i.test(message)) return true;
  const pos = /position (\d+)/.exec(message);
  return pos !== null && Number(pos[1]) >= length;
}

function readDocument(raw: unknown): FeedDocument {
  if (!isRecord(raw)) throw shape('the document is not an object');
  const services = raw['services'];
  if (!Array.isArray(services)) throw shape('"services" is missing or not a list');
  if (services.length > MAX_SERVICES) throw shape('it lists far too many services');
  return { drpost: raw['drpost'] === true, services: services.map((s, i) => readService(s, i)) };
}

function readService(raw: unknown, index: number): FeedService {
  if (!isRecord(raw)) throw shape(`service #${index + 1} is not an object`);
  const name = raw['serviceName'];
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_TEXT) throw shape(`service #${index + 1} has no name`);
  const events = raw['events'] ?? [];
  if (!Array.isArray(events)) throw shape(`the events of ${name} are not a list`);
  if (events.length > MAX_EVENTS) throw shape(`${name} lists far too many events`);
  return { serviceName: name, events: events.map((e) => readEvent(e, name)) };
}

function readEvent(raw: unknown, service: string): FeedEvent {
  if (!isRecord(raw)) throw shape(`an event of ${service} is not an object`);
  const id = raw['messageId'];
  const messageId =
    typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : typeof id === 'number' && Number.isFinite(id) ? String(id) : null;
  if (messageId === null) throw shape(`an event of ${service} has no messageId`);
  const statusType = pick(STATUS_TYPES, raw['statusType'], 'statusType', service);
  if (statusType === null) throw shape(`event ${messageId} has no statusType`);
  const eventStatus = pick(EVENT_STATUSES, raw['eventStatus'], 'eventStatus', service);
  const epochStartDate = epoch(raw['epochStartDate'], 'epochStartDate', messageId);
  const epochEndDate = epoch(raw['epochEndDate'], 'epochEndDate', messageId);
  if (eventStatus === null && epochStartDate === null) throw shape(`event ${messageId} has neither a status nor a start date`);
  return {
    messageId,
    statusType,
    eventStatus,
    epochStartDate,
    epochEndDate,
    usersAffected: text(raw['usersAffected']),
    message: text(raw['message']),
    affectedServices: names(raw['affectedServices']),
  };
}

/** Matches a known value case-insensitively; null when absent; FeedError for anything unknown. */
function pick<T extends string>(allowed: readonly T[], value: unknown, field: string, service: string): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw shape(`${field} of an event of ${service} is not text`);
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new FeedError('unknown-value', `The status feed uses an unknown ${field} "${value.slice(0, 40)}" for ${service}.`);
  return found;
}

function epoch(value: unknown, field: string, id: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value.trim()) ? Number(value) : NaN;
  // Anything outside 1970..2200 is not a real date.
  if (!Number.isFinite(n) || n < 0 || n > 7_258_118_400_000) throw shape(`${field} of event ${id} is not a valid time`);
  return n;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : null;
}

function names(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((v): v is string => typeof v === 'string' && v.length <= 200).slice(0, 200);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shape(what: string): FeedError {
  return new FeedError('unexpected-shape', `The status feed has an unexpected shape: ${what}.`);
}
