// What one timeline step may change in the world (CONTRACT.md's `set`): the scenario loader parses it, the world applies it.
import type { ServiceId } from '../../contracts/status.ts';
import type { Behaviour, EndpointKey } from '../world-keys.ts';
import type { MessagesSet } from './messages-key.ts';
import type { OfficialSet } from './official-key.ts';

/** One timeline step's world changes; only the keys named change. */
export interface WorldSet {
  link?: 'up' | 'down';
  dns?: 'ok' | 'fail';
  endpoints?: Partial<Record<EndpointKey, Behaviour>>;
  /** imessage, facetime or any other Apple service name → state (world/official-key.ts). */
  official?: OfficialSet;
  officialFeed?: 'ok' | 'down' | 'garbage';
  reports?: Partial<Record<ServiceId, number>>;
  /** Problem reports per minute from one attacker network, a made-up clientId on each. */
  spam?: Partial<Record<ServiceId, number>>;
  /** The lab's extension (README.md): "working for me" reports per minute from one attacker network. */
  spamWorking?: Partial<Record<ServiceId, number>>;
  aggregator?: 'up' | 'down';
  /** Outgoing iMessages per minute that this Mac's Messages database records (world/messages-key.ts). */
  messages?: MessagesSet;
}
