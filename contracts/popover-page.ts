// How the built popover is served, by the desktop app's app:// scheme and by browser mode alike.
import type { Settings } from './settings.ts';
import type { Snapshot } from './status.ts';

/** Same policy as renderer/index.html's meta tag, sent as a header with the popover's pages. */
export const POPOVER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** Content types of the files the popover build contains. */
export const POPOVER_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Browser mode writes the engine's current snapshot and settings into the page it serves, as a JSON data block with
 * this id (`<script type="application/json">`: never executed, so the CSP allows it), and the popover renders from it
 * without waiting for a request.
 */
export const INITIAL_DATA_ELEMENT_ID = 'monitor-initial-data';

/** What that data block holds. */
export interface InitialData {
  snapshot: Snapshot;
  settings: Settings;
}
