// Optional server-side mirror of Apple's System Status feed, so clients can rely on one source.
import type { ServiceId } from '../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../contracts/official-status.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';
import { mapServices } from '../../apple-status-feed/map-services.ts';
import { parseFeed } from '../../apple-status-feed/parse-feed.ts';

const NAMES: Record<ServiceId, string> = { imessage: 'iMessage', facetime: 'FaceTime' };

/** Parses the feed with the engine's parser (bare JSON or `name(...);`); throws on malformed input. */
export function parseOfficialFeed(text: string, now: number): Record<ServiceId, OfficialServiceStatus> {
  const all = mapServices(parseFeed(text), now);
  const out = {} as Record<ServiceId, OfficialServiceStatus>;
  for (const id of SERVICE_IDS)
    out[id] = all[id] ?? { name: NAMES[id], state: 'ok', start: null, end: null, message: null, usersAffected: null };
  return out;
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
