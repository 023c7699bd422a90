// The real engine (startMonitor, unchanged code) pointed at the lab's world: only targets, resolver, trust
// store, network-state source, feed URLs, aggregator URL and intervals differ from the desktop app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../contracts/settings.ts';
import type { MonitorEngine, SettingsStore } from '../main/engine/ports.ts';
import { startMonitor } from '../main/launch/start-monitor.ts';
import type { ScenarioSettings } from './scenario.ts';
import type { WorldWiring } from './world/world.ts';

export interface LabEngine {
  engine: MonitorEngine;
  /** Stops the engine and removes its temporary data folder. */
  dispose(): Promise<void>;
}

/** Settings kept in memory: a lab run never touches the user's files. */
function memorySettings(initial: Settings): SettingsStore {
  let stored = structuredClone(initial);
  return {
    load: () => structuredClone(stored),
    save: (settings) => {
      stored = structuredClone(settings);
    },
  };
}

/** Creates the engine for one run; nothing runs until engine.start(). */
export function createLabEngine(wiring: WorldWiring, intervals: Required<ScenarioSettings>): LabEngine {
  const dataDir = mkdtempSync(join(tmpdir(), 'imsm-lab-engine-'));
  const settings: Settings = { ...DEFAULT_SETTINGS, ...intervals, aggregatorUrl: wiring.aggregatorUrl };
  const { engine } = startMonitor({
    dataDir,
    settingsStore: memorySettings(settings),
    targets: wiring.targets,
    network: wiring.network,
    officialUrls: { consumerUrl: wiring.officialFeedUrls.consumer, developerUrl: wiring.officialFeedUrls.developer },
    aggregatorUrl: wiring.aggregatorUrl,
    // The Messages source reads the lab's chat.db (a cheap "missing" until a step sets `messages`).
    messagesDbPath: wiring.messagesDbPath,
    // The aggregator is on loopback, but the synthetic people reporting to it are on networks of their own.
    communityReach: 'shared',
    start: false, // the runner starts it when the world is ready
  });
  return {
    engine,
    dispose: async () => {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
