// The popover's own origin, app://popover/: a privileged custom scheme serving only the renderer folder.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { POPOVER_CONTENT_TYPES as CONTENT_TYPES, POPOVER_CSP } from '../../contracts/popover-page.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'popover';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the popover window loads. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

export type AppRequest = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** Maps an app:// URL to a file inside `rootDir`; anything outside it, or any other origin, is refused. */
export function resolveAppRequest(rawUrl: string, rootDir: string): AppRequest {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403, reason: 'foreign origin' };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  // Backslashes and NUL never name a bundled file; on Windows a backslash would be a separator.
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400, reason: 'bad path' };
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'not a renderer file type' };
  return { ok: true, file, contentType };
}

/** Response headers for a served file: the CSP only on documents, nosniff everywhere. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
  if (contentType.startsWith('text/html')) headers['content-security-policy'] = POPOVER_CSP;
  return headers;
}
