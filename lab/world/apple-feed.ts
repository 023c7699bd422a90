// Apple's System Status documents in their real format (see tests/fixtures/apple-status/README.md), built from
// what a scenario says Apple admits: consumer feed as bare JSON, developer feed wrapped in jsonCallback(...).
import type { OfficialState, ServiceId } from '../../contracts/status.ts';

interface FeedEvent {
  usersAffected: string;
  epochStartDate: number;
  epochEndDate: number | null;
  messageId: string;
  statusType: 'Outage' | 'Issue' | 'Maintenance';
  datePosted: string;
  startDate: string;
  endDate: string | null;
  affectedServices: null;
  eventStatus: 'ongoing' | 'resolved' | 'completed';
  message: string;
}

const SERVICE_NAMES: Record<ServiceId, string> = { imessage: 'iMessage', facetime: 'FaceTime' };
const OTHER_CONSUMER = [
  'App Store',
  'Apple Account',
  'Apple Messages for Business',
  'HomeKit',
  'HomeKit Secure Video',
  'iCloud Account &amp; Sign In',
  'iCloud Mail',
  'Walkie-Talkie',
];
const DEVELOPER = ['APNS', 'APNS Sandbox', 'App Store Connect', 'CloudKit Database', 'Sign in with Apple'];

const STATUS_TYPE = { outage: 'Outage', issue: 'Issue', maintenance: 'Maintenance' } as const;
const MESSAGES: Record<ServiceId, Record<Exclude<OfficialState, 'ok'>, string>> = {
  imessage: {
    outage: 'Users may be unable to send or receive messages.',
    issue: 'Some users may be experiencing slower than normal performance with iMessage.',
    maintenance: 'Due to scheduled maintenance, iMessage will be temporarily unavailable.',
  },
  facetime: {
    outage: 'Users may be unable to make or receive FaceTime calls.',
    issue: 'Some users may be unable to start or join FaceTime calls.',
    maintenance: 'Due to scheduled maintenance, FaceTime will be temporarily unavailable.',
  },
};

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
  private readonly events: Record<ServiceId, FeedEvent[]> = { imessage: [], facetime: [] };
  private nextMessageId = 1_000_000_000 + Math.floor(Math.random() * 1_000_000);

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies a scenario's `official` value: opens an ongoing event, or resolves the open one. */
  set(service: ServiceId, state: OfficialState): void {
    const open = this.events[service].find((e) => e.eventStatus === 'ongoing');
    if (open && state !== 'ok' && open.statusType === STATUS_TYPE[state]) return;
    const at = this.now();
    if (open) {
      open.epochEndDate = at;
      open.endDate = pacificText(at);
      open.eventStatus = open.statusType === 'Maintenance' ? 'completed' : 'resolved';
      open.usersAffected = 'Some users were affected';
    }
    if (state === 'ok') return;
    this.events[service].push({
      usersAffected: 'Some users are affected',
      epochStartDate: at,
      epochEndDate: null,
      messageId: String(this.nextMessageId++),
      statusType: STATUS_TYPE[state],
      datePosted: pacificText(at),
      startDate: pacificText(at),
      endDate: null,
      affectedServices: null,
      eventStatus: 'ongoing',
      message: MESSAGES[service][state],
    });
  }

  /** The consumer feed: bare JSON, as system_status_en_US.js serves it today. */
  consumer(): string {
    const services = [
      ...OTHER_CONSUMER.map((serviceName) => ({ redirectUrl: null, serviceName, events: [] as FeedEvent[] })),
      ...(Object.keys(SERVICE_NAMES) as ServiceId[]).map((id) => ({
        redirectUrl: null,
        serviceName: SERVICE_NAMES[id],
        events: this.events[id],
      })),
    ].sort((a, b) => a.serviceName.localeCompare(b.serviceName));
    return JSON.stringify({ drpost: false, drMessage: null, services });
  }

  /** The developer feed, wrapped as jsonCallback(...); (push appears there as APNS). */
  developer(): string {
    const services = DEVELOPER.map((serviceName) => ({ redirectUrl: null, serviceName, events: [] }));
    return `jsonCallback(${JSON.stringify({ drpost: false, drMessage: null, services })});`;
  }
}
