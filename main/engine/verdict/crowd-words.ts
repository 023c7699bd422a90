// What the crowd saw, in words that say how much and from where: never one person's reports as "other people".
import type { CommunityReach, CommunityServiceStatus } from '../../../contracts/status.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "people on 87 networks across 31 providers report problems in the last 10 minutes", or a plain phrase when the server sends no figures. */
export function crowdClause(community: CommunityServiceStatus, reach: CommunityReach | null): string | null {
  if (community.status === 'operational') return null;
  const outage = community.status === 'outage';
  const windingDown = outage && community.current !== null && community.current !== 'outage';
  // Held up by the aggregator's recovery hold although the window reads quiet: nothing left to say.
  if (windingDown && community.current === 'operational') return null;
  if (reach === 'this-computer') {
    return outage
      ? 'your local community server counts an outage (only this computer reports to it)'
      : 'your local community server counts more problem reports than usual (only this computer reports to it)';
  }
  const { networksInWindow: networks, reportsInWindow: reports, windowMinutes: minutes } = community;
  if (networks === null || minutes === null) {
    if (windingDown) return 'more people than usual report problems, fewer than before';
    return outage ? 'many people report problems' : 'more people than usual report problems';
  }
  const window = `in the last ${plural(Math.max(1, Math.round(minutes)), 'minute')}`;
  // Networks and the providers they span: many networks on one provider are not many people's evidence.
  const providers = community.providersInWindow ?? null;
  const where =
    providers !== null && providers > 0
      ? `${plural(networks, 'network')} across ${plural(providers, 'provider')}`
      : plural(networks, 'network');
  const counted =
    reports !== null && reports > networks ? `${plural(reports, 'problem report')} from ${where}` : `people on ${where} report problems`;
  if (windingDown) return `fewer people are reporting problems now (${counted} ${window})`;
  return outage ? `${counted} ${window}` : `more reports than usual: ${counted} ${window}`;
}
