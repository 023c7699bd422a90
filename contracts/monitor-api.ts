// window.monitor: the only API the popover uses, derived from the popover API spec (popover-api.ts).
// Implemented by the Electron preload and by the browser-mode HTTP client.
import type { PopoverMethods, PopoverSubscriptions } from './popover-api.ts';

export type ShellMode = 'electron' | 'browser';

/** One promise-returning method per operation and one `subscribe…` per event, as popover-api.ts lists them. */
export interface MonitorApi extends PopoverMethods, PopoverSubscriptions {
  readonly mode: ShellMode;
}

declare global {
  interface Window {
    monitor?: MonitorApi;
  }
}
