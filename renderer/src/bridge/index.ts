// Picks the bridge: the Electron preload's window.monitor when present, else the browser-mode HTTP bridge.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { createHttpBridge } from './http-bridge.ts';

export { BridgeUnavailableError } from './http-bridge.ts';

/** The MonitorApi for this page; throws BridgeUnavailableError when neither exists. */
export function pickBridge(win: Window = window): MonitorApi {
  return win.monitor ?? createHttpBridge(win.location.href);
}
