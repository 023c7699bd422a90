// The one IPC contract between Electron main and the preload. Both sides derive their types from these maps,
// so renaming or retyping a channel breaks the build instead of the app. No runtime imports here.
import type { IncidentsResponse, TrendResponse } from './aggregator-api.ts';
import type { ConnectionTest, Fetched } from './monitor-api.ts';
import type { Settings, SettingsPatch } from './settings.ts';
import type { ShellStatus } from './shell-status.ts';
import type { ReportOutcome, ReportRequest, ServiceId, Snapshot } from './status.ts';

/** Request/response channels (renderer → main, `ipcRenderer.invoke` / `ipcMain.handle`): argument tuple → result. */
export interface IpcRequests {
  'monitor:get-snapshot': { args: []; result: Snapshot };
  'monitor:check-now': { args: []; result: Snapshot };
  'monitor:report': { args: [request: ReportRequest]; result: ReportOutcome };
  'monitor:get-trend': { args: [service: ServiceId, hours: number]; result: Fetched<TrendResponse> };
  'monitor:get-incidents': { args: [service: ServiceId, limit: number]; result: Fetched<IncidentsResponse> };
  'monitor:get-settings': { args: []; result: Settings };
  'monitor:set-settings': { args: [patch: SettingsPatch]; result: Settings };
  'monitor:test-aggregator': { args: [url: string]; result: ConnectionTest };
  'monitor:open-external': { args: [url: string]; result: void };
  'monitor:quit': { args: []; result: void };
  'monitor:get-shell-status': { args: []; result: ShellStatus };
  'monitor:hide': { args: []; result: void };
}

/** Events (main → renderer, `webContents.send` / `ipcRenderer.on`): channel → payload. */
export interface IpcEvents {
  'monitor:snapshot': Snapshot;
  'monitor:shell-status': ShellStatus;
}

export type IpcRequestChannel = keyof IpcRequests;
export type IpcEventChannel = keyof IpcEvents;
export type IpcArgs<C extends IpcRequestChannel> = IpcRequests[C]['args'];
export type IpcResult<C extends IpcRequestChannel> = IpcRequests[C]['result'];

/**
 * Every request channel, listed once so main can register (and tests can check) all of them.
 * `satisfies` makes a missing or misspelled channel a type error.
 */
export const IPC_REQUEST_CHANNELS = [
  'monitor:get-snapshot',
  'monitor:check-now',
  'monitor:report',
  'monitor:get-trend',
  'monitor:get-incidents',
  'monitor:get-settings',
  'monitor:set-settings',
  'monitor:test-aggregator',
  'monitor:open-external',
  'monitor:quit',
  'monitor:get-shell-status',
  'monitor:hide',
] as const satisfies readonly IpcRequestChannel[];

export const IPC_EVENT_CHANNELS = ['monitor:snapshot', 'monitor:shell-status'] as const satisfies readonly IpcEventChannel[];

type MissingChannel = Exclude<IpcRequestChannel, (typeof IPC_REQUEST_CHANNELS)[number]>;
/** Compile-time check that the list above names every channel of IpcRequests. */
export const IPC_CHANNEL_LIST_COMPLETE: MissingChannel extends never ? true : never = true;

/** What main sends back over the wire: the preload turns `ok: false` into a rejected promise with this message,
 *  so the renderer never parses Electron's "Error invoking remote method" wrapper. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: string };
