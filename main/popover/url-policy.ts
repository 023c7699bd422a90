// Which URLs leave the app for the user's browser, and which pages our windows may show.
import { fileURLToPath } from 'node:url';
import { FULL_DISK_ACCESS_URL } from '../../contracts/messages.ts';

/** Apple's own status pages: the only fixed destinations a link may open. */
export const APPLE_STATUS_PAGES = ['https://www.apple.com/support/systemstatus/', 'https://developer.apple.com/system-status/'] as const;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Where links may go: Apple's status pages and the site of the aggregator in use (its origin). */
export function externalAllowList(aggregatorUrl: string | null): string[] {
  const list: string[] = [...APPLE_STATUS_PAGES];
  const aggregator = aggregatorUrl ? parse(aggregatorUrl) : null;
  if (aggregator && (aggregator.protocol === 'https:' || aggregator.protocol === 'http:') && !aggregator.username && !aggregator.password) {
    list.push(`${aggregator.origin}/`);
  }
  return list;
}

/** Only http(s) URLs without credentials open externally: no file:, javascript:, custom protocol handlers. */
export function externalUrlAllowed(raw: string): boolean {
  const url = parse(raw);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false;
  return !url.username && !url.password && url.hostname.length > 0;
}

/** System Settings panes the app may open, matched exactly: Full Disk Access, for reading Messages counts (macOS). */
export const SYSTEM_SETTINGS_LINKS: readonly string[] = [FULL_DISK_ACCESS_URL];

/** The desktop shell's rule: an http(s) URL without credentials that lies under one of the allowed prefixes. */
export function externalUrlOnAllowList(raw: string, allowList: readonly string[]): boolean {
  if (SYSTEM_SETTINGS_LINKS.includes(raw)) return true;
  if (!externalUrlAllowed(raw)) return false;
  const url = new URL(raw);
  // Compared on the parsed form, so "https://www.apple.com.evil.example/" or "@" tricks cannot match a prefix.
  const normalised = url.href;
  return allowList.some((prefix) => {
    const allowed = parse(prefix);
    return allowed !== null && url.origin === allowed.origin && normalised.startsWith(allowed.href);
  });
}

/** Our windows only ever show the bundled popover page; every navigation elsewhere is denied. */
export function isOwnPage(raw: string, ownPageUrl: string): boolean {
  const target = parse(raw);
  const own = parse(ownPageUrl);
  if (!target || !own || target.protocol !== own.protocol) return false;
  if (own.protocol === 'file:') {
    // Percent-encoding differs by install path ("Application Support", non-ASCII user names): compare real paths.
    try {
      return target.host === own.host && fileURLToPath(target) === fileURLToPath(own);
    } catch {
      return false;
    }
  }
  // Custom schemes have an opaque origin ("null" for every one of them): compare scheme, host and path.
  return target.host === own.host && target.pathname === own.pathname;
}
