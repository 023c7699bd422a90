// Which community server the app talks to, and honestly who reports there.
import type { CommunityReach } from '../../../contracts/status.ts';

/**
 * The build's default community server. `npm run dist` replaces `process.env.COMMUNITY_URL` with a literal at build
 * time (so a distributor ships builds that share one crowd); in development it is read from the environment.
 */
export function builtInCommunityUrl(): string {
  return (process.env.COMMUNITY_URL ?? '').trim();
}

/** The address in force: a run override (AGGREGATOR_URL, --aggregator), else the setting, else the build's default. */
export function effectiveAggregatorUrl(stored: string, override?: string): string {
  return (override ?? '').trim() || stored.trim() || builtInCommunityUrl();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/**
 * Who reports to the server at `url`. A loopback server is one only this computer reaches (the one `npm start`
 * starts); `declared` overrides for a loopback stand-in of a shared crowd (the lab's synthetic people).
 */
export function communityReach(url: string, declared?: CommunityReach): CommunityReach {
  if (url.trim() === '') return 'none';
  if (declared) return declared;
  try {
    return LOOPBACK.test(new URL(url).hostname) ? 'this-computer' : 'shared';
  } catch {
    return 'shared';
  }
}
