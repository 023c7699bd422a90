// Apple's System Status feed as the engine, the aggregator's mirror and the popover see it. Imports nothing of ours.

/** Apple's official status of one service, from the System Status feed. */
export type OfficialState = 'ok' | 'issue' | 'outage' | 'maintenance';

export interface OfficialServiceStatus {
  /** Apple's service name as shown on the status page ("iCloud Account & Sign In", "APNS"). */
  name: string;
  state: OfficialState;
  /** Start of the current event (epoch ms), null when ok. */
  start: number | null;
  end: number | null;
  message: string | null;
  usersAffected: string | null;
  /** The other services Apple lists in the same ongoing event ("HomeKit", "iCloud Account & Sign In"); absent or empty when none. */
  otherServices?: string[];
}

export interface OfficialSnapshot {
  /** When the data was last fetched successfully (epoch ms), null if never. */
  fetchedAt: number | null;
  /** The last poll failed or is too old: what is shown is the previous state. */
  stale: boolean;
  /** Why the last poll failed, in words. */
  error: string | null;
  /** Keyed by a stable id: imessage, facetime, messages-for-business, homekit, icloud-account, apns, ... */
  services: Record<string, OfficialServiceStatus>;
}
