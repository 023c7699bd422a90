// Who may talk to browser mode: the browser that opened the one-time launch address, and only from the popover's page.
// The launch address carries a token that works once: its first load sets an HttpOnly, SameSite=Strict session cookie
// and moves to the clean address; after that the address (in history, sync, `ps`) opens nothing. API requests must
// also come from the popover's own origin (Sec-Fetch-Site / Origin), so no other page the user visits can drive it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LAUNCH_PREFIX = '/launch/';
// Launch tokens nobody used expire, so an address printed long ago opens nothing either.
const LAUNCH_TTL_MS = 10 * 60_000;

/** Same-length digests, so comparing secrets of any length is constant-time. */
const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** True when `candidate` equals one of `secrets`, comparing each in constant time. */
function matchesAny(candidate: string, secrets: Iterable<Buffer>): Buffer | null {
  const probe = digest(candidate);
  let found: Buffer | null = null;
  for (const secret of secrets) if (timingSafeEqual(probe, secret) && !found) found = secret;
  return found;
}

export interface SessionGate {
  /** A fresh one-time launch path (`/launch/<token>`). */
  newLaunchPath(): string;
  /** Redeems a launch token once; the Set-Cookie header value for the new session, or null when unknown/used/expired. */
  redeem(token: string): string | null;
  /** The request carries a live session cookie. */
  hasSession(req: IncomingMessage): boolean;
}

/**
 * The server's port (known once it listens) names the cookie: browsers keep cookies per host, not per port, so two
 * browser-mode instances on 127.0.0.1 (two data folders) would otherwise overwrite each other's session.
 */
export function createSessionGate(port: () => number, now: () => number = Date.now): SessionGate {
  const cookieName = (): string => `monitor_session_${port()}`;
  const launchTokens = new Map<Buffer, number>(); // digest → expiry
  const sessions = new Set<Buffer>();

  return {
    newLaunchPath() {
      const token = randomBytes(32).toString('base64url');
      launchTokens.set(digest(token), now() + LAUNCH_TTL_MS);
      return `${LAUNCH_PREFIX}${token}`;
    },
    redeem(token) {
      const key = matchesAny(token, launchTokens.keys());
      if (!key) return null;
      const expiry = launchTokens.get(key) ?? 0;
      launchTokens.delete(key); // used once, whatever happens next
      if (now() > expiry) return null;
      const session = randomBytes(32).toString('base64url');
      sessions.add(digest(session));
      return `${cookieName()}=${session}; Path=/; HttpOnly; SameSite=Strict`;
    },
    hasSession(req) {
      const value = readCookie(req.headers.cookie, cookieName());
      return value !== null && matchesAny(value, sessions) !== null;
    },
  };
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The request comes from a page of `origin` itself: browsers send `Sec-Fetch-Site: same-origin` on its fetches and
 * EventSources; without that header (older browsers) the `Origin` must be ours. Anything else — another site, another
 * port on 127.0.0.1, a request that says nothing — is refused.
 */
export function fromOwnOrigin(req: IncomingMessage, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  const from = req.headers.origin;
  if (from !== undefined && from !== origin) return false;
  if (site !== undefined) return site === 'same-origin';
  return from === origin;
}
