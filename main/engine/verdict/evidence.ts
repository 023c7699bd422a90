// The evidence one service's verdict weighs (verdict/service.ts scores it, verdict/reason.ts puts it in words).
import type { CommunityServiceStatus, CommunitySnapshot, ProbeResult } from '../../../contracts/status.ts';
import type { OfficialServiceStatus } from '../../../contracts/official-status.ts';
import type { MessagesCounts } from '../../../contracts/messages.ts';

/** Points per piece of evidence; kept together so the reason can name what scored. */
export interface Evidence {
  pushDown: ProbeResult | null;
  onePortDown: ProbeResult | null;
  ids: ProbeResult | null;
  facetime: ProbeResult | null;
  official: OfficialServiceStatus | null;
  community: CommunityServiceStatus | null;
  referenceOk: boolean;
  probesCount: boolean;
  /** This Mac's failed iMessages or its messages going green, when they are evidence (iMessage only, while online). */
  messages: MessagesCounts | null;
  /** Who reports to the community server (words only: "networks" vs "this computer"). */
  reach: CommunitySnapshot['reach'] | null;
  crowdAlerts: boolean;
}

/** The crowd's outage is held up by the aggregator's recovery hold while people have stopped reporting. */
export function crowdWindingDown(c: CommunityServiceStatus): boolean {
  return c.status === 'outage' && c.current !== null && c.current !== 'outage';
}
