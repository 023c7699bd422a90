// Test-only hooks, enabled by MONITOR_TEST_HOOKS=1: Playwright reads them with electronApp.evaluate() in main,
// since it cannot look at an OS tray or notification centre. Nothing here is reachable from the renderer.
import { readFileSync } from 'node:fs';
import type { Settings } from '../../contracts/settings.ts';
import type { AlertNotification, NetworkState, Snapshot } from '../../contracts/status.ts';
import type { DefaultEngineOptions } from '../engine/create-engine.ts';
import type { ProbeTargets } from '../engine/ports.ts';
import type { TrayState } from './tray.ts';

/** Shape of globalThis.__monitorTestHooks; tests/e2e/electron reads it. */
export interface MonitorTestHooks {
  tray(): TrayState;
  notifications(): AlertNotification[];
  notificationsSupported(): boolean;
  snapshot(): Snapshot;
  showPopover(): void;
  popoverVisible(): boolean;
  checkNow(): Promise<Snapshot>;
}

/** True when the environment asks for the hooks. */
export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MONITOR_TEST_HOOKS === '1';
}

/** Publishes the hooks on globalThis (main process only). */
export function installTestHooks(hooks: MonitorTestHooks): void {
  (globalThis as { __monitorTestHooks?: MonitorTestHooks }).__monitorTestHooks = hooks;
}

/** What an e2e test writes to the file named by MONITOR_LAB_CONFIG: where its loopback world is. */
export interface LabConfig {
  targets?: Partial<ProbeTargets>;
  officialUrls?: { consumerUrl: string; developerUrl: string };
  aggregatorUrl?: string;
  settingsOverride?: Partial<Settings>;
  /** A fixed machine network state, so a test box without a default route still counts as online. */
  network?: NetworkState;
}

/** Engine options from MONITOR_LAB_CONFIG, honoured only when the hooks are on; null otherwise. */
export function readLabConfig(env: NodeJS.ProcessEnv = process.env): Partial<DefaultEngineOptions> | null {
  const file = env.MONITOR_LAB_CONFIG;
  if (!testHooksEnabled(env) || !file) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object`);
  const { network, ...rest } = parsed as LabConfig;
  return network ? { ...rest, network: { read: async () => network } } : rest;
}
