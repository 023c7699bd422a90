// Apple's System Status documents in their real format (see tests/fixtures/apple-status/README.md), built from
// what a scenario says Apple admits: consumer feed as bare JSON, developer feed wrapped in jsonCallback(...).
// Services that change to the same state in one step share one event, listed under each, as Apple posts one incident.
import type { OfficialState } from '../../contracts/official-status.ts';
import { CONSUMER_LISTED, DEVELOPER_LISTED, appleService, type AppleService, type FeedKind } from './apple-services.ts';

interface FeedEvent {
  usersAffected: string;
  epochStartDate: number;
  epochEndDate: number | null;
  messageId: string;
  statusType: 'Outage' | 'Issue' | 'Maintenance';
  datePosted: string;
  startDate: string;
  endDate: string | null;
  /** null for a one-service event; the names of every service in a shared one (as Apple's multi-service events do). */
  affectedServices: string[] | null;
  eventStatus: 'ongoing' | 'resolved' | 'completed';
  message: string;
}

type ProblemState = Exclude<OfficialState, 'ok'>;

const STATUS_TYPE = { outage: 'Outage', issue: 'Issue', maintenance: 'Maintenance' } as const;
const MESSAGES: Record<string, Record<ProblemState, string>> = {
  iMessage: {
    outage: 'Users may be unable to send or receive messages.',
    issue: 'Some users may be experiencing slower than normal performance with iMessage.',
    maintenance: 'Due to scheduled maintenance, iMessage will be temporarily unavailable.',
  },
  FaceTime: {
    outage: 'Users may be unable to make or receive FaceTime calls.',
    issue: 'Some users may be unable to start or join FaceTime calls.',
    maintenance: 'Due to scheduled maintenance, FaceTime will be temporarily unavailable.',
  },
};
const GENERIC: Record<ProblemState, string> = {
  outage: 'Users may be unable to use this service.',
  issue: 'Some users may be experiencing a problem with this service.',
  maintenance: 'Due to scheduled maintenance, this service will be temporarily unavailable.',
};
const SHARED_MESSAGE = 'Users may be experiencing a problem with the services listed above.';

const pacific = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  month: '2-digit',
  day: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** "06/10/2025 08:42 PDT", as Apple's feed writes dates. */
function pacificText(epochMs: number): string {
  const parts = Object.fromEntries(pacific.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return `${parts.month}/${parts.day}/${parts.year} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** What Apple's status page says, as events that open and resolve over time. */
export class AppleFeed {
  /** Every service listed, by its listed name; services a scenario names are added as they come. */
  private readonly services = new Map<string, AppleService>();
  /** Each service's events, oldest first; a shared event is the same object under each of its services. */
  private readonly listings = new Map<string, FeedEvent[]>();
  /** Each service's ongoing event. */
  private readonly open = new Map<string, FeedEvent>();
  private nextMessageId = 1_000_000_000 + Math.floor(Math.random() * 1_000_000);

  constructor(private readonly now: () => number = Date.now) {
    for (const listed of CONSUMER_LISTED) this.services.set(listed, appleService(listed));
    for (const listed of DEVELOPER_LISTED) this.services.set(listed, appleService(listed));
  }

  /** Applies one service's `official` value (a scenario key or Apple's name). */
  set(service: string, state: OfficialState): void {
    this.apply({ [service]: state });
  }

  /**
   * Applies a step's `official` object: services that change leave their ongoing event; those that change to the same
   * non-ok state together open one shared event. A service already in that state keeps its event.
   */
  apply(changes: Record<string, OfficialState>): void {
    const at = this.now();
    const opening = new Map<ProblemState, AppleService[]>();
    for (const [key, state] of Object.entries(changes)) {
      const service = appleService(key);
      this.services.set(service.listed, service);
      const open = this.open.get(service.listed);
      if (open && state !== 'ok' && open.statusType === STATUS_TYPE[state]) continue;
      if (open) this.leave(service, open, at);
      if (state !== 'ok') opening.set(state, [...(opening.get(state) ?? []), service]);
    }
    for (const [state, members] of opening) this.openEvent(state, members, at);
  }

  /** The consumer feed: bare JSON, as system_status_en_US.js serves it today. */
  consumer(): string {
    return JSON.stringify({ drpost: false, drMessage: null, services: this.document('consumer') });
  }

  /** The developer feed, wrapped as jsonCallback(...); (push appears there as APNS). */
  developer(): string {
    return `jsonCallback(${JSON.stringify({ drpost: false, drMessage: null, services: this.document('developer') })});`;
  }

  private document(feed: FeedKind) {
    return [...this.services.values()]
      .filter((s) => s.feed === feed)
      .map((s) => ({ redirectUrl: null, serviceName: s.listed, events: this.listings.get(s.listed) ?? [] }))
      .sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  }

  private openEvent(state: ProblemState, members: AppleService[], at: number): void {
    const shared = members.length > 1;
    const event: FeedEvent = {
      usersAffected: 'Some users are affected',
      epochStartDate: at,
      epochEndDate: null,
      messageId: String(this.nextMessageId++),
      statusType: STATUS_TYPE[state],
      datePosted: pacificText(at),
      startDate: pacificText(at),
      endDate: null,
      affectedServices: shared ? members.map((s) => s.name) : null,
      eventStatus: 'ongoing',
      message: shared ? SHARED_MESSAGE : (MESSAGES[members[0]?.name ?? '']?.[state] ?? GENERIC[state]),
    };
    for (const service of members) {
      this.listings.set(service.listed, [...(this.listings.get(service.listed) ?? []), event]);
      this.open.set(service.listed, event);
    }
  }

  /**
   * A service leaves its ongoing event. The last one out resolves it. While others remain, Apple updates the shared
   * incident: it stops listing this service, which keeps a resolved entry of its own (a new messageId, because readers
   * dedupe on it and one id must not be both ongoing and resolved).
   */
  private leave(service: AppleService, event: FeedEvent, at: number): void {
    this.open.delete(service.listed);
    const others = [...this.open.entries()].filter(([, e]) => e === event).map(([listed]) => this.services.get(listed));
    if (others.length === 0) return resolve(event, at);
    const list = this.listings.get(service.listed) ?? [];
    const ended: FeedEvent = { ...event, messageId: String(this.nextMessageId++), affectedServices: null };
    resolve(ended, at);
    this.listings.set(service.listed, [...list.filter((e) => e !== event), ended]);
    event.affectedServices = others.map((s) => s?.name ?? '');
  }
}

function resolve(event: FeedEvent, at: number): void {
  event.epochEndDate = at;
  event.endDate = pacificText(at);
  event.eventStatus = event.statusType === 'Maintenance' ? 'completed' : 'resolved';
  event.usersAffected = 'Some users were affected';
}
