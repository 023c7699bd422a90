// Which renderer requests may load at all, and which responses get the popover's CSP header.
import { POPOVER_CSP } from '../../contracts/popover-page.ts';
import { APP_ORIGIN, APP_SCHEME } from './app-scheme.ts';

/** Schemes the renderer may load: its own app:// files, inline data images, DevTools in development. No file:. */
const LOCAL_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:']);

/** The scheme of a URL, or null when it does not parse (never throws: a throw would leave the request hanging). */
export function schemeOf(raw: string): string | null {
  try {
    return new URL(raw).protocol;
  } catch {
    return null;
  }
}

/** onBeforeRequest's decision: true cancels. Unparseable URLs are cancelled too. */
export function cancelRendererRequest(raw: string): boolean {
  const scheme = schemeOf(raw);
  return scheme === null || !LOCAL_SCHEMES.has(scheme);
}

export interface ResponseFacts {
  url: string;
  /** Electron's webRequest resourceType: 'mainFrame', 'subFrame', 'script', … */
  resourceType: string;
}

/** The CSP header goes on the app's own top-level documents only: not on DevTools, not on anything else. */
export function shouldStampCsp(details: ResponseFacts, ownOrigin: string = APP_ORIGIN): boolean {
  if (details.resourceType !== 'mainFrame') return false;
  try {
    const url = new URL(details.url);
    // Custom schemes have an opaque origin ("null") in WHATWG URL; compare scheme and host instead.
    return `${url.protocol}//${url.host}` === ownOrigin;
  } catch {
    return false;
  }
}

/** Response headers with the CSP added (replacing any the response had, under any letter case). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...kept, 'Content-Security-Policy': [POPOVER_CSP] };
}
