// Test-only hooks, enabled by MONITOR_TEST_HOOKS=1: Playwright reads them with electronApp.evaluate() in main,
// since it cannot look at an OS tray or notification centre. Nothing here is reachable from the renderer.
import { readFileSync } from 'node:fs';
import type { AlertNotification, Snapshot } from '../../contracts/status.ts';
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

/** Lab overrides for the engine (targets, feed URLs, aggregator), read from MONITOR_LAB_CONFIG only when hooks are on. */
export function readLabConfig<T extends object>(env: NodeJS.ProcessEnv = process.env): Partial<T> | null {
  const file = env.MONITOR_LAB_CONFIG;
  if (!testHooksEnabled(env) || !file) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object`);
  return parsed as Partial<T>;
}
