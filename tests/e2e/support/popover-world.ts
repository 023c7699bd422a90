// A whole loopback world for the popover e2e: fake Apple endpoints + DNS, Apple's feed, the real aggregator,
// the real engine (createDefaultEngine) and the browser-mode bridge serving the built popover.
import { request as httpRequest } from 'node:http';
import { personAddress } from '../../../lab/world/reporters.ts';
import { copyAggregatorTemplate } from '../../../lab/world/aggregator-template.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { ReportBody, TrendResponse } from '../../../contracts/aggregator-api.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../contracts/settings.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { createDefaultEngine } from '../../../main/launch/create-engine.ts';
import type { MonitorEngine } from '../../../main/engine/ports.ts';
import { jsonFileSettingsStore } from '../../../main/engine/settings/json-file-store.ts';
import { startWebBridge, type WebBridge } from '../../../main/web/web-bridge.ts';
import { startAppleWorld, type AppleWorld, type WorldEndpoint } from '../../../lab/net/apple-world.ts';
import type { EndpointBehaviour } from '../../../lab/net/endpoint-server.ts';
import { spawnAggregator, type AggregatorProcess } from './aggregator-process.ts';
import { networkSwitch, type NetworkSwitch } from './network-switch.ts';
import { startOfficialFeed, type OfficialFeedServer } from './official-feed.ts';

export const STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'renderer');

export interface PopoverWorld {
  /** The popover's address with its secret. */
  url: string;
  dataDir: string;
  engine: MonitorEngine;
  apple: AppleWorld;
  feed: OfficialFeedServer;
  network: NetworkSwitch;
  aggregatorUrl(): string;
  /** Links the popover asked to open. */
  opened: string[];
  setEndpoints(behaviours: Partial<Record<WorldEndpoint, EndpointBehaviour>>): Promise<void>;
  /** Stops the aggregator (the machine can't reach it) / starts it again on the same port with the same storage. */
  stopAggregator(): Promise<void>;
  startAggregator(): Promise<void>;
  /** Posts `count` problem reports from distinct synthetic users straight to the aggregator. */
  postReports(service: ServiceId, count: number): Promise<void>;
  trend(service: ServiceId): Promise<TrendResponse>;
  close(): Promise<void>;
}

/** Intervals short enough for a test, long enough for 2 cores. */
const FAST: Partial<Settings> = { probeIntervalMs: 2_000, officialPollMs: 2_000, communityPollMs: 1_000 };

/** Starts everything on 127.0.0.1 (ports chosen by the OS); close() stops it all and removes the temp folder. */
export async function startPopoverWorld(): Promise<PopoverWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'imsm-popover-e2e-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  };
  try {
    const apple = await startAppleWorld();
    cleanups.push(() => apple.close());
    const feed = await startOfficialFeed();
    cleanups.push(() => feed.close());
    const aggDir = join(dataDir, 'aggregator');
    copyAggregatorTemplate(aggDir); // made in global setup: no initdb per test
    let aggregator: AggregatorProcess | null = await spawnAggregator(aggDir);
    const aggPort = aggregator.port;
    const aggregatorUrl = aggregator.url;
    cleanups.push(async () => {
      await aggregator?.close();
      aggregator = null;
    });

    const settingsPath = join(dataDir, 'settings.json');
    const settingsStore = jsonFileSettingsStore(settingsPath);
    settingsStore.save({ ...DEFAULT_SETTINGS, ...FAST, aggregatorUrl });
    const network = networkSwitch();
    const engine = createDefaultEngine({
      dataDir,
      settingsStore,
      targets: apple.targets,
      network,
      officialUrls: { consumerUrl: feed.consumerUrl, developerUrl: feed.developerUrl },
      // The aggregator is on loopback, but the synthetic people reporting to it are on networks of their own.
      communityReach: 'shared',
    });
    engine.start();
    cleanups.push(() => engine.stop());
    const opened: string[] = [];
    const bridge: WebBridge = await startWebBridge({ engine, staticDir: STATIC_DIR, openExternal: (u) => void opened.push(u) });
    cleanups.push(() => bridge.close());

    return {
      // A fresh one-time launch address each time it is read (each opens once, in one browser context).
      get url() {
        return bridge.launchUrl();
      },
      dataDir,
      engine,
      apple,
      feed,
      network,
      opened,
      aggregatorUrl: () => aggregatorUrl,
      async setEndpoints(behaviours) {
        for (const [endpoint, behaviour] of Object.entries(behaviours)) await apple.set(endpoint as WorldEndpoint, behaviour);
      },
      async stopAggregator() {
        await aggregator?.close();
        aggregator = null;
      },
      async startAggregator() {
        aggregator ??= await spawnAggregator(aggDir, aggPort);
      },
      async postReports(service, count) {
        // Each synthetic person on a network of their own: the aggregator counts networks, not made-up ids.
        for (let i = 0; i < count; i += 1) {
          const body: ReportBody = { service, kind: 'problem', problem: 'not-delivered', clientId: randomUUID() };
          const status = await postFromAddress(`${aggregatorUrl}/v1/reports`, personAddress(i), JSON.stringify(body));
          if (status !== 202) throw new Error(`aggregator answered ${status} to a synthetic report`);
        }
      },
      async trend(service) {
        const res = await fetch(`${aggregatorUrl}/v1/services/${service}/trend?hours=24`);
        return (await res.json()) as TrendResponse;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** POSTs JSON from a given loopback source address; resolves with the status code. */
function postFromAddress(url: string, localAddress: string, text: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
