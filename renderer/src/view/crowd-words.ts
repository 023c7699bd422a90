// How big the crowd behind the community numbers really is, in words that claim no more than the server knows.
import type { CommunityServiceStatus, Snapshot } from '../../../contracts/status.ts';

/** The server heard at most one network in 24 h (or is this computer's own): its reports are ours, whatever its address. */
export function onlyThisComputer(snapshot: Pick<Snapshot, 'community'>): boolean {
  if (snapshot.community.reach === 'this-computer') return true;
  const heard = Object.values(snapshot.community.services).map((c) => c?.networksLast24h);
  return heard.length > 0 && heard.every((n) => typeof n === 'number' && n <= 1);
}

/** "312 problem reports in the last hour (usually about 60 networks an hour)"; "(no history yet)" before the server has its own. */
export function crowdSentence(c: Pick<CommunityServiceStatus, 'reportsLastHour' | 'baselinePerHour' | 'baselineFromHistory'>): string {
  const reports = `${c.reportsLastHour} problem report${c.reportsLastHour === 1 ? '' : 's'} in the last hour`;
  if (c.baselineFromHistory === true) return `${reports} (usually about ${Math.round(c.baselinePerHour)} networks an hour)`;
  // A cold-start default (or an older server that doesn't say) is not anyone's "usual".
  return `${reports} (no history yet)`;
}
