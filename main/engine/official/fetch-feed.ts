// One conditional GET of a status feed: new document, "not modified", or a FeedError.
import { FeedError } from '../../../apple-status-feed/feed-error.ts';
import { fetchText } from '../net/fetch-text.ts';
import { MAX_FEED_BYTES, parseFeed } from '../../../apple-status-feed/parse-feed.ts';
import type { FeedDocument } from '../../../apple-status-feed/parse-feed.ts';

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedFetch =
  { kind: 'document'; document: FeedDocument; validators: FeedValidators } | { kind: 'not-modified' } | { kind: 'error'; error: FeedError };

/** Fetches and parses one feed, sending If-None-Match / If-Modified-Since from the last answer; never rejects. */
export async function fetchFeed(url: string, validators: FeedValidators, timeoutMs: number): Promise<FeedFetch> {
  const headers: Record<string, string> = { accept: 'application/json, text/javascript, */*' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const res = await fetchText(url, { headers, timeoutMs, maxBytes: MAX_FEED_BYTES });
  if (!res.ok) {
    if (res.kind === 'too-large')
      return { kind: 'error', error: new FeedError('malformed', 'The status feed is far larger than expected.') };
    const kind = res.kind === 'truncated' ? 'truncated' : res.kind;
    return { kind: 'error', error: new FeedError(kind, `Apple's status feed could not be read: ${res.message}.`) };
  }
  if (res.status === 304) return { kind: 'not-modified' };
  if (res.status < 200 || res.status > 299)
    return { kind: 'error', error: new FeedError('http', `Apple's status feed answered HTTP ${res.status}.`) };
  try {
    const document = parseFeed(res.text);
    return { kind: 'document', document, validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') } };
  } catch (err) {
    return { kind: 'error', error: err instanceof FeedError ? err : new FeedError('malformed', 'The status feed could not be read.') };
  }
}
