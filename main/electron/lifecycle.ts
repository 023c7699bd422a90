// App-level events beyond ready/quit: reopening from Finder or Spotlight, and shutdown or logoff.
import { app, powerMonitor } from 'electron';
import type { LogLine } from './logging.ts';

export interface LifecycleHooks {
  /** Opening the app again (macOS `activate`: Finder, Spotlight, the Dock while it runs). */
  reopen: () => void;
  /** The system shuts down (powerMonitor `shutdown`, Linux/macOS); Windows' `session-end` is a window event (popover-window.ts). */
  sessionEnding: () => void;
}

/** Installs the handlers; returns the function that removes the powerMonitor one. */
export function installLifecycle(hooks: LifecycleHooks, log: LogLine): () => void {
  app.on('activate', () => hooks.reopen());
  const onShutdown = () => {
    log('info', 'system shutdown');
    hooks.sessionEnding();
  };
  powerMonitor.on('shutdown', onShutdown);
  return () => powerMonitor.off('shutdown', onShutdown);
}
