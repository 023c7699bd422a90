// Test-only hooks: Playwright reads them with electronApp.evaluate() in main, since it cannot look at an OS tray or
// notification centre. Release builds replace this module with test-hooks-off.ts (scripts/build-electron.ts), and a
// packaged app refuses them (main/shell/test-hook-policy.ts). Nothing here is reachable from the renderer.
import { app } from 'electron';
import { readFileSync } from 'node:fs';
import type { Settings } from '../../contracts/settings.ts';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import type { AlertNotification, NetworkState, Snapshot } from '../../contracts/status.ts';
import type { DefaultEngineOptions } from '../launch/create-engine.ts';
import type { ProbeTargets } from '../engine/ports.ts';
import type { Surface } from '../shell/shell-surface.ts';
import { testHooksDecision } from '../shell/test-hook-policy.ts';
import { BUILD_FLAVOUR } from './build-flags.ts';
import type { LogLine } from './logging.ts';
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
  shellStatus(): ShellStatus;
  surface(): Surface;
}

/** True when the environment asks for the hooks and this build and install allow them; logs a refusal. */
export function testHooksEnabled(log?: LogLine, env: NodeJS.ProcessEnv = process.env): boolean {
  const decision = testHooksDecision({ env, isPackaged: app.isPackaged, flavour: BUILD_FLAVOUR });
  if (!decision.allowed && decision.reason) log?.('warn', `ignored MONITOR_TEST_HOOKS / MONITOR_LAB_CONFIG: ${decision.reason}`);
  return decision.allowed;
}

/** Publishes the hooks on globalThis (main process only). */
export function installTestHooks(hooks: MonitorTestHooks): void {
  (globalThis as { __monitorTestHooks?: MonitorTestHooks }).__monitorTestHooks = hooks;
}

/** The startup step named by MONITOR_TEST_FAIL_STARTUP throws, so the e2e can watch a fatal start (hooks on only). */
export function failingStartupStep(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.MONITOR_TEST_FAIL_STARTUP || null;
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

/** Engine options from MONITOR_LAB_CONFIG; call only when testHooksEnabled() said yes. */
export function readLabConfig(env: NodeJS.ProcessEnv = process.env): Partial<DefaultEngineOptions> | null {
  const file = env.MONITOR_LAB_CONFIG;
  if (!file) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object`);
  const { network, ...rest } = parsed as LabConfig;
  return network ? { ...rest, network: { read: async () => network } } : rest;
}
