// The popover's page with the engine's current snapshot and settings written into it, so its first render needs no
// request: the data arrives with the HTML instead of one round-trip after the script has run.
import type { IncomingMessage } from 'node:http';
import { INITIAL_DATA_ELEMENT_ID, type InitialData } from '../../contracts/popover-page.ts';

/**
 * The data only goes into a top-level page load (`Sec-Fetch-Dest: document`): such a page lands in our own origin, which
 * may read the same data from the API anyway. A fetch from another page on 127.0.0.1 (same site, so the SameSite cookie
 * goes along) says `empty` and gets the bare page; frames are refused by X-Frame-Options and frame-ancestors.
 */
export function wantsInitialData(req: IncomingMessage): boolean {
  return req.headers['sec-fetch-dest'] === 'document';
}

/**
 * JSON that cannot end its script element or open a comment: `<` is written as \u003c, which JSON.parse reads back the
 * same. U+2028/2029 are escaped too, so the text stays valid wherever it is pasted.
 */
export function dataBlockJson(data: InitialData): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `html` with the data block added just before `</body>` (or at the end when the page has none). */
export function withInitialData(html: string, data: InitialData): string {
  const block = `<script type="application/json" id="${INITIAL_DATA_ELEMENT_ID}">${dataBlockJson(data)}</script>`;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + block : html.slice(0, at) + block + html.slice(at);
}
