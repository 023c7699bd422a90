// The whole fake world on 127.0.0.1, and how a scenario's `set` changes it. The world starts healthy.
import type { ServiceId } from '../../contracts/status.ts';
import type { ProbeTargets } from '../../main/engine/ports.ts';
import { settableNetworkState, type SettableNetworkState } from '../../main/engine/probes/network-state.ts';
import type { EndpointBehaviour } from '../net/endpoint-server.ts';
import type { WorldSet } from './world-set.ts';
import { ENDPOINT_SERVERS, endpointServers, type Behaviour, type EndpointServer } from '../world-keys.ts';
import { AppleFeed } from './apple-feed.ts';
import { startAppleEndpoints, type AppleEndpoints } from './apple-endpoints.ts';
import { Community, type CommunityOptions } from './community.ts';
import { FeedServer } from './feed-server.ts';
import { LabMessagesDb } from './messages-db.ts';

/** Everything the runner hands the engine to point it at the world. */
export interface WorldWiring {
  targets: ProbeTargets;
  network: SettableNetworkState;
  officialFeedUrls: { consumer: string; developer: string };
  aggregatorUrl: string;
  /** The lab's Messages database (it exists once a step sets `messages`). */
  messagesDbPath: string;
}

export class LabWorld {
  private link: 'up' | 'down' = 'up';
  private dnsMode: 'ok' | 'fail' = 'ok';
  private feedMode: 'ok' | 'down' | 'garbage' = 'ok';
  private readonly behaviours = Object.fromEntries(ENDPOINT_SERVERS.map((s) => [s, 'up'])) as Record<EndpointServer, Behaviour>;
  readonly network = settableNetworkState({ linkUp: true, hasGateway: true, type: 'wifi', vpn: false, iface: 'en0', ssid: 'Lab Wi-Fi' });

  private constructor(
    private readonly endpoints: AppleEndpoints,
    private readonly feed: AppleFeed,
    private readonly feedServer: FeedServer,
    readonly community: Community,
    private readonly messages: LabMessagesDb,
  ) {}

  /** Starts every server; on failure closes what had started. */
  static async start(community: CommunityOptions, messagesMinuteMs = 1_000): Promise<LabWorld> {
    const feed = new AppleFeed();
    // Started side by side (the aggregator's storage is the slow part); whatever started is closed on failure.
    const [endpoints, feedServer, agg] = await Promise.allSettled([
      startAppleEndpoints(),
      FeedServer.start(feed),
      Community.start(community),
    ]);
    if (endpoints.status === 'fulfilled' && feedServer.status === 'fulfilled' && agg.status === 'fulfilled') {
      return new LabWorld(endpoints.value, feed, feedServer.value, agg.value, new LabMessagesDb(messagesMinuteMs));
    }
    await Promise.allSettled([endpoints, feedServer, agg].flatMap((r) => (r.status === 'fulfilled' ? [r.value.close()] : [])));
    const failure = [endpoints, feedServer, agg].find((r) => r.status === 'rejected');
    throw failure?.status === 'rejected' ? failure.reason : new Error('the lab world could not start');
  }

  get wiring(): WorldWiring {
    return {
      targets: this.endpoints.targets,
      network: this.network,
      officialFeedUrls: { consumer: this.feedServer.consumerUrl, developer: this.feedServer.developerUrl },
      aggregatorUrl: this.community.url,
      messagesDbPath: this.messages.path,
    };
  }

  /** Applies one timeline step; only the keys named change. Resolves once every server matches. */
  async apply(set: WorldSet): Promise<void> {
    if (set.link) this.link = set.link;
    if (set.dns) this.dnsMode = set.dns;
    if (set.officialFeed) this.feedMode = set.officialFeed;
    for (const [key, behaviour] of Object.entries(set.endpoints ?? {})) {
      for (const server of endpointServers(key as Parameters<typeof endpointServers>[0])) this.behaviours[server] = behaviour;
    }
    if (set.official) this.feed.apply(set.official);
    for (const [service, rate] of Object.entries(set.reports ?? {})) this.community.reporters.setRate(service as ServiceId, rate);
    for (const [service, rate] of Object.entries(set.spam ?? {})) this.community.reporters.setSpamRate(service as ServiceId, rate);
    for (const [service, rate] of Object.entries(set.spamWorking ?? {}))
      this.community.reporters.setSpamRate(service as ServiceId, rate, 'working');
    if (set.aggregator) await this.community.setUp(set.aggregator === 'up');
    if (set.messages) await this.messages.apply(set.messages);
    await this.sync();
  }

  // With the link down nothing answers the engine: endpoints refuse, DNS stays silent, feed and aggregator refuse.
  private async sync(): Promise<void> {
    const online = this.link === 'up';
    this.network.set(
      online
        ? { linkUp: true, hasGateway: true, type: 'wifi', iface: 'en0', ssid: 'Lab Wi-Fi' }
        : { linkUp: false, hasGateway: false, type: 'none', iface: undefined, ssid: undefined },
    );
    this.endpoints.dns.setMode(!online ? 'drop' : this.dnsMode === 'fail' ? 'servfail' : 'ok');
    this.feedServer.setGarbage(this.feedMode === 'garbage');
    await Promise.all([
      ...ENDPOINT_SERVERS.map((server) => {
        const wanted: EndpointBehaviour = online ? this.behaviours[server] : 'refuse';
        const endpoint = this.endpoints.servers[server];
        return endpoint.behaviour() === wanted ? undefined : endpoint.setBehaviour(wanted);
      }),
      this.feedServer.setReachable(online && this.feedMode !== 'down'),
      this.community.setReachableFromEngine(online),
    ]);
  }

  /** Stops every server and timer. */
  async close(): Promise<void> {
    await Promise.allSettled([this.messages.close(), this.community.close(), this.feedServer.close(), this.endpoints.close()]);
  }
}
