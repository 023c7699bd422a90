// Apple's System Status, polled from the consumer and developer feeds; failures keep the previous state, marked stale.
import type { OfficialServiceStatus, OfficialSnapshot } from '../../../contracts/official-status.ts';
import type { OfficialStatusSource } from '../ports.ts';
import { createBackoff } from './backoff.ts';
import { fetchFeed } from './fetch-feed.ts';
import type { FeedValidators } from './fetch-feed.ts';
import { mapServices } from '../../../apple-status-feed/map-services.ts';
import type { FeedDocument } from '../../../apple-status-feed/parse-feed.ts';
import { errorText } from '../../../contracts/results.ts';

export const APPLE_CONSUMER_FEED_URL = 'https://www.apple.com/support/systemstatus/data/system_status_en_US.js';
export const APPLE_DEVELOPER_FEED_URL = 'https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js';

export interface OfficialStatusOptions {
  consumerUrl: string;
  developerUrl: string;
  /** Per request, headers and body included. Default 10 s. */
  timeoutMs?: number;
  now: () => number;
  /** Data older than this is shown as stale even without an error. Default 15 minutes. */
  staleAfterMs?: number;
  /** Backoff while unreachable: the poll interval doubles per failure, at most 2^maxDoublings times (default 5) and capMs (default 15 min). */
  backoff?: { maxDoublings?: number; capMs?: number };
}

interface FeedState {
  label: string;
  url: string;
  validators: FeedValidators;
  document: FeedDocument | null;
}

/** Creates the polled source of Apple's official status; poll() never rejects. */
export function createOfficialStatusSource(opts: OfficialStatusOptions): OfficialStatusSource {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleAfterMs = opts.staleAfterMs ?? 15 * 60_000;
  const feeds: FeedState[] = [
    { label: 'consumer', url: opts.consumerUrl, validators: { etag: null, lastModified: null }, document: null },
    { label: 'developer', url: opts.developerUrl, validators: { etag: null, lastModified: null }, document: null },
  ];
  const backoff = createBackoff(opts.backoff);
  let snapshot: OfficialSnapshot = { fetchedAt: null, stale: false, error: null, services: {} };
  let inFlight: Promise<OfficialSnapshot> | null = null;

  async function pollOnce(): Promise<OfficialSnapshot> {
    const results = await Promise.all(feeds.map((feed) => fetchFeed(feed.url, feed.validators, timeoutMs)));
    const errors: string[] = [];
    results.forEach((result, i) => {
      const feed = feeds[i];
      if (!feed) return;
      if (result.kind === 'document') {
        feed.document = result.document;
        feed.validators = result.validators;
      } else if (result.kind === 'not-modified' && feed.document === null) {
        errors.push(`The ${feed.label} status feed answered "not modified" to a first request.`);
      } else if (result.kind === 'error') {
        errors.push(result.error.message);
      }
    });
    const now = opts.now();
    const services: Record<string, OfficialServiceStatus> = {};
    // Consumer first: a developer-feed entry never overrides a consumer one.
    for (const feed of feeds) {
      if (!feed.document) continue;
      for (const [id, status] of Object.entries(mapServices(feed.document, now))) if (!Object.hasOwn(services, id)) services[id] = status;
    }
    if (errors.length === 0) {
      backoff.succeed();
      snapshot = { fetchedAt: now, stale: false, error: null, services };
    } else {
      backoff.fail();
      snapshot = { fetchedAt: snapshot.fetchedAt, stale: true, error: errors.join(' '), services };
    }
    return current();
  }

  function current(): OfficialSnapshot {
    const { fetchedAt } = snapshot;
    if (!snapshot.stale && fetchedAt !== null && opts.now() - fetchedAt > staleAfterMs) {
      const minutes = Math.round((opts.now() - fetchedAt) / 60_000);
      return { ...snapshot, stale: true, error: `Apple's status has not been refreshed for ${minutes} minutes.` };
    }
    return snapshot;
  }

  return {
    poll() {
      // Concurrent callers share one poll rather than doubling the requests.
      inFlight ??= pollOnce()
        .catch((err: unknown) => {
          backoff.fail();
          snapshot = {
            ...snapshot,
            stale: true,
            error: `Apple's status could not be read (${errorText(err)}).`,
          };
          return current();
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    current,
    nextPollDelay: (defaultMs) => backoff.delay(defaultMs),
  };
}
