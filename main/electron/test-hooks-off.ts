// Release builds bundle this instead of test-hooks.ts (scripts/build-electron.ts): no hooks, no lab config, nothing
// an environment variable could switch on. Same exports, so main.ts compiles against either.
import type { DefaultEngineOptions } from '../launch/create-engine.ts';
import type { LogLine } from './logging.ts';
import type { MonitorTestHooks } from './test-hooks.ts';

export type { LabConfig, MonitorTestHooks } from './test-hooks.ts';

export function testHooksEnabled(log?: LogLine, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MONITOR_TEST_HOOKS || env.MONITOR_LAB_CONFIG)
    log?.('warn', 'ignored MONITOR_TEST_HOOKS / MONITOR_LAB_CONFIG: not part of release builds');
  return false;
}

export function installTestHooks(_hooks: MonitorTestHooks): void {}

export function failingStartupStep(): string | null {
  return null;
}

export function readLabConfig(): Partial<DefaultEngineOptions> | null {
  return null;
}
