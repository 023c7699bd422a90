// Optional server-side mirror of Apple's System Status feed, so clients can rely on one source.
import type { OfficialServiceStatus, OfficialState, ServiceId } from '../contracts/status.ts';

const NAMES: Record<ServiceId, string> = { imessage: 'iMessage', facetime: 'FaceTime' };

interface FeedEvent {
  statusType?: unknown;
  eventStatus?: unknown;
  epochStartDate?: unknown;
  epochEndDate?: unknown;
  message?: unknown;
  usersAffected?: unknown;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** Parses the feed (bare JSON or `name(...);`) into our services' official status; throws on malformed input. */
export function parseOfficialFeed(text: string, now: number): Record<ServiceId, OfficialServiceStatus> {
  const unwrapped = text.trim().replace(/^[A-Za-z_$][\w$]*\(([\s\S]*)\);?$/, '$1');
  const doc = JSON.parse(unwrapped) as { services?: unknown };
  if (!Array.isArray(doc.services)) throw new Error('feed has no services array');
  const out = {} as Record<ServiceId, OfficialServiceStatus>;
  for (const [id, name] of Object.entries(NAMES) as [ServiceId, string][]) {
    const entry = (doc.services as { serviceName?: unknown; events?: unknown }[]).find(
      (s) => typeof s.serviceName === 'string' && decode(s.serviceName) === name,
    );
    const events = Array.isArray(entry?.events) ? (entry.events as FeedEvent[]) : [];
    const active = events.find((e) => isActive(e, now));
    out[id] = active
      ? {
          name,
          state: stateOf(active.statusType),
          start: typeof active.epochStartDate === 'number' ? active.epochStartDate : null,
          end: typeof active.epochEndDate === 'number' ? active.epochEndDate : null,
          message: typeof active.message === 'string' ? active.message : null,
          usersAffected: typeof active.usersAffected === 'string' ? active.usersAffected : null,
        }
      : { name, state: 'ok', start: null, end: null, message: null, usersAffected: null };
  }
  return out;
}

function isActive(e: FeedEvent, now: number): boolean {
  if (e.eventStatus === 'ongoing') return true;
  if (typeof e.eventStatus === 'string') return false;
  const start = typeof e.epochStartDate === 'number' ? e.epochStartDate : Infinity;
  const end = typeof e.epochEndDate === 'number' ? e.epochEndDate : null;
  return start <= now && (end === null || end > now);
}

function stateOf(type: unknown): OfficialState {
  if (type === 'Outage') return 'outage';
  if (type === 'Maintenance') return 'maintenance';
  return 'issue';
}

/** Polls the feed every pollMs; keeps the last good answer when a poll fails. */
export function startOfficialMirror(opts: {
  consumerUrl: string;
  pollMs: number;
  now: () => number;
  onUpdate: (status: Record<ServiceId, OfficialServiceStatus>) => void;
  log: (line: string) => void;
}): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const res = await fetch(opts.consumerUrl, { signal: AbortSignal.timeout(Math.min(10_000, Math.max(500, opts.pollMs))) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      opts.onUpdate(parseOfficialFeed(await res.text(), opts.now()));
    } catch (error) {
      opts.log(`official feed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void poll(), opts.pollMs);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
