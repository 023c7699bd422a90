// What an operation that can fail answers: a value or a reason in words. A leaf: it imports nothing of ours, so the
// engine, the shells and the popover all take these without pulling in the window declaration (monitor-api.ts).

/** A result or a reason in words: the popover never gets an exception it has to guess about. */
export type Fetched<T> = { ok: true; data: T } | { ok: false; error: string };

/** The answer of "Test connection" for an aggregator address. */
export interface ConnectionTest {
  ok: boolean;
  message: string;
}

/** The message of anything thrown, for a log line or a user-facing error. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
