// Sleep, wake and network changes, forwarded to the engine so it pauses and re-checks at the right moments.
import { powerMonitor } from 'electron';
import { networkInterfaces } from 'node:os';
import type { MonitorEngine } from '../engine/ports.ts';
import { watchNetworkInterfaces } from '../shell/network-watch.ts';
import type { LogLine } from './logging.ts';

/** How often the interface table is compared, ms; Electron has no network-change event of its own. */
export const NETWORK_POLL_MS = 5_000;

/** Starts forwarding; returns the stop function. */
export function forwardPowerEvents(
  engine: Pick<MonitorEngine, 'handleSuspend' | 'handleWake' | 'handleNetworkChange'>,
  log: LogLine,
): () => void {
  const onSuspend = () => {
    log('info', 'system suspend: pausing checks');
    engine.handleSuspend();
  };
  const onResume = () => {
    log('info', 'system resume: re-checking');
    engine.handleWake();
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  const stopWatching = watchNetworkInterfaces({
    read: networkInterfaces,
    onChange: () => {
      log('info', 'network interfaces changed: re-checking');
      engine.handleNetworkChange();
    },
    intervalMs: NETWORK_POLL_MS,
    setInterval: (fn, ms) => {
      const handle = setInterval(fn, ms);
      handle.unref();
      return handle;
    },
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    stopWatching();
  };
}
