// Why one poll of Apple's status feed produced nothing usable.

export type FeedErrorKind = 'malformed' | 'truncated' | 'unexpected-shape' | 'unknown-value' | 'http' | 'network' | 'timeout';

/** A typed failure of the status feed; `message` is a sentence fit for the popover. */
export class FeedError extends Error {
  readonly kind: FeedErrorKind;

  constructor(kind: FeedErrorKind, message: string) {
    super(message);
    this.name = 'FeedError';
    this.kind = kind;
  }
}
