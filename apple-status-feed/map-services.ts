// Typed feed document + now → the official state of each service we care about.
import type { OfficialServiceStatus, OfficialState } from '../contracts/official-status.ts';
import { decodeEntities } from './html-entities.ts';
import type { FeedDocument, FeedEvent } from './parse-feed.ts';

/** Apple's names (lower case, entities decoded) → our stable ids. */
export const OFFICIAL_SERVICE_IDS: Readonly<Record<string, string>> = {
  imessage: 'imessage',
  facetime: 'facetime',
  'apple messages for business': 'messages-for-business',
  homekit: 'homekit',
  'homekit secure video': 'homekit-secure-video',
  'icloud account & sign in': 'icloud-account',
  'apple account': 'apple-account',
  'walkie-talkie': 'walkie-talkie',
  apns: 'apns',
  'apns sandbox': 'apns-sandbox',
};

export type EventPhase = 'upcoming' | 'ongoing' | 'ended';

/** Where an event stands at `now`: Apple's eventStatus when given, else the epochs. */
export function eventPhase(event: FeedEvent, now: number): EventPhase {
  switch (event.eventStatus) {
    case 'ongoing':
      return 'ongoing';
    case 'upcoming':
      return 'upcoming';
    case 'resolved':
    case 'completed':
      return 'ended';
    case null:
      break;
  }
  if (event.epochStartDate !== null && now < event.epochStartDate) return 'upcoming';
  if (event.epochEndDate !== null && now >= event.epochEndDate) return 'ended';
  return 'ongoing';
}

const SEVERITY: Record<OfficialState, number> = { ok: 0, maintenance: 1, issue: 2, outage: 3 };

function ongoingState(event: FeedEvent): OfficialState {
  if (event.statusType === 'Outage') return 'outage';
  if (event.statusType === 'Maintenance') return 'maintenance';
  return 'issue';
}

/** Stable id for an Apple service name, or null when we do not track it. */
export function officialServiceId(name: string): string | null {
  const key = decodeEntities(name).replace(/\s+/g, ' ').trim().toLowerCase();
  return Object.hasOwn(OFFICIAL_SERVICE_IDS, key) ? (OFFICIAL_SERVICE_IDS[key] ?? null) : null;
}

/** Maps one document to the services it lists, keyed by stable id; the worst ongoing event wins. */
export function mapServices(doc: FeedDocument, now: number): Record<string, OfficialServiceStatus> {
  const names = new Map<string, string>();
  const eventsById = new Map<string, FeedEvent>();
  const servicesByEvent = new Map<string, Set<string>>();
  // Every service name an event is listed under or names, tracked or not: "the other services in this incident".
  const namesByEvent = new Map<string, Set<string>>();
  const name = (messageId: string, service: string): void => {
    const set = namesByEvent.get(messageId) ?? new Set<string>();
    set.add(displayName(service));
    namesByEvent.set(messageId, set);
  };
  const attach = (messageId: string, id: string): void => {
    const set = servicesByEvent.get(messageId) ?? new Set<string>();
    set.add(id);
    servicesByEvent.set(messageId, set);
  };
  for (const service of doc.services) {
    const id = officialServiceId(service.serviceName);
    if (id !== null && !names.has(id)) names.set(id, displayName(service.serviceName));
    for (const event of service.events) {
      // The same event repeats under every service it affects: keep one copy.
      if (!eventsById.has(event.messageId)) eventsById.set(event.messageId, event);
      if (id !== null) attach(event.messageId, id);
      name(event.messageId, service.serviceName);
      for (const affected of event.affectedServices ?? []) {
        name(event.messageId, affected);
        const other = officialServiceId(affected);
        if (other === null) continue;
        attach(event.messageId, other);
        if (!names.has(other)) names.set(other, displayName(affected));
      }
    }
  }
  const perService = new Map<string, FeedEvent[]>();
  for (const [messageId, ids] of servicesByEvent) {
    const event = eventsById.get(messageId);
    if (!event) continue;
    for (const id of ids) {
      const list = perService.get(id);
      if (list) list.push(event);
      else perService.set(id, [event]);
    }
  }
  const out: Record<string, OfficialServiceStatus> = {};
  for (const [id, serviceName] of names) {
    const { status, ongoing } = statusOf(serviceName, perService.get(id) ?? [], now);
    const sharedWith = ongoing === null ? [] : [...(namesByEvent.get(ongoing) ?? [])];
    const others = sharedWith.filter((other) => officialServiceId(other) !== id && other.toLowerCase() !== serviceName.toLowerCase());
    out[id] = others.length > 0 ? { ...status, otherServices: others } : status;
  }
  return out;
}

/** The status, and the messageId of the ongoing event it comes from (to find who else Apple lists in it). */
function statusOf(name: string, events: FeedEvent[], now: number): { status: OfficialServiceStatus; ongoing: string | null } {
  let worst: FeedEvent | null = null;
  let latest: FeedEvent | null = null;
  for (const event of events) {
    if ((latest?.epochStartDate ?? -1) <= (event.epochStartDate ?? -1)) latest = event;
    if (eventPhase(event, now) !== 'ongoing') continue;
    if (worst === null || SEVERITY[ongoingState(event)] > SEVERITY[ongoingState(worst)]) worst = event;
  }
  if (worst !== null) {
    const status: OfficialServiceStatus = {
      name,
      state: ongoingState(worst),
      start: worst.epochStartDate,
      end: worst.epochEndDate,
      message: clean(worst.message),
      usersAffected: clean(worst.usersAffected),
    };
    return { status, ongoing: worst.messageId };
  }
  // Nothing ongoing: the service is fine, but the latest word (resolved, upcoming) stays visible.
  const status: OfficialServiceStatus = {
    name,
    state: 'ok',
    start: null,
    end: null,
    message: clean(latest?.message ?? null),
    usersAffected: clean(latest?.usersAffected ?? null),
  };
  return { status, ongoing: null };
}

function clean(text: string | null): string | null {
  return text === null ? null : decodeEntities(text).trim() || null;
}

function displayName(name: string): string {
  return decodeEntities(name).replace(/\s+/g, ' ').trim();
}
