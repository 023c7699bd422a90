// Which URLs leave the app for the user's browser, and which pages our windows may show.

/** Only http(s) URLs without credentials open externally: no file:, javascript:, custom protocol handlers. */
export function externalUrlAllowed(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

/** Our windows only ever show the bundled popover page; every navigation elsewhere is denied. */
export function isOwnPage(raw: string, popoverFileUrl: string): boolean {
  try {
    const target = new URL(raw);
    const own = new URL(popoverFileUrl);
    return target.protocol === own.protocol && target.host === own.host && target.pathname === own.pathname;
  } catch {
    return false;
  }
}
