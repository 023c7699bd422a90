// Which redirects a request may follow: only within its own origin (scheme, host and port), so a server can't send the
// client — or its POST body with the clientId — anywhere else, and never from https down to http.

export interface RedirectStep {
  url: string;
  method: string;
  /** The body to send again (only a 307/308 keeps it); undefined for none. */
  body: string | undefined;
}

/**
 * The next request for a 3xx answer, or a sentence saying why it is not followed. A 303 (and a 301/302 answering a
 * POST, as browsers do) becomes a GET without a body; 307/308 repeat the method and body, which is safe only because
 * the target is the same origin.
 */
export function nextRedirect(from: URL, location: string, status: number, method: string, body: string | undefined): RedirectStep | string {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return `the server redirected to an invalid address`;
  }
  if (from.protocol === 'https:' && target.protocol !== 'https:')
    return `the server redirected from https to ${target.protocol.replace(':', '')}`;
  if (target.origin !== from.origin) return `the server redirected to another origin (${target.origin})`;
  const keepsMethod = status === 307 || status === 308 || ((status === 301 || status === 302) && method !== 'POST');
  return keepsMethod ? { url: target.href, method, body } : { url: target.href, method: 'GET', body: undefined };
}
