// A plain-http community server on the open internet: reports (with the install's clientId) travel unencrypted and
// anyone on the path can read or alter the status. Loopback and private ranges (your own machine or LAN) are fine.

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./];
const LOCAL_NAMES = /^(localhost|[^.]+\.local|[^.]+\.localhost|[^.]+)$/i;

/** A warning sentence for a saved or typed address, or null when it is https, local, private or not a URL. */
export function aggregatorUrlWarning(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLocalHost(host)) return null;
  return `This address uses http:// on the internet: reports and status travel unencrypted and can be read or changed on the way. Use https:// unless ${host} is on your own network.`;
}

function isLocalHost(host: string): boolean {
  if (host.includes(':')) {
    // IPv6: loopback, unique local fc00::/7, link-local fe80::/10, or an IPv4-mapped private address.
    if (host === '::1') return true;
    if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped ? PRIVATE_V4.some((r) => r.test(mapped[1] as string)) : false;
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return PRIVATE_V4.some((r) => r.test(host));
  // A single-label name (e.g. "nas") or .local / .localhost resolves only on your own network.
  return LOCAL_NAMES.test(host);
}
