// The IPC contract between Electron main and the preload, derived from the popover API spec (popover-api.ts):
// one request channel per operation (`monitor:<operation in kebab-case>`), one event channel per push. No runtime imports.
import {
  OPERATION_NAMES,
  ipcChannel,
  type EventName,
  type EventPayload,
  type IpcChannel,
  type IpcEventChannelOf,
  type OperationArgs,
  type OperationName,
  type OperationResult,
} from './popover-api.ts';

/** Request/response channels (renderer → main, `ipcRenderer.invoke` / `ipcMain.handle`): argument tuple → result. */
export type IpcRequests = { [K in OperationName as IpcChannel<K>]: { args: OperationArgs<K>; result: OperationResult<K> } };

/** Events (main → renderer, `webContents.send` / `ipcRenderer.on`): channel → payload. */
export type IpcEvents = { [E in EventName as IpcEventChannelOf<E>]: EventPayload<E> };

export type IpcRequestChannel = keyof IpcRequests;
export type IpcEventChannel = keyof IpcEvents;
export type IpcArgs<C extends IpcRequestChannel> = IpcRequests[C]['args'];
export type IpcResult<C extends IpcRequestChannel> = IpcRequests[C]['result'];

/** Every request channel, so main can register (and tests can check) all of them. */
export const IPC_REQUEST_CHANNELS: readonly IpcRequestChannel[] = OPERATION_NAMES.map(ipcChannel);

/** What main sends back over the wire: the preload turns `ok: false` into a rejected promise with this message,
 *  so the renderer never parses Electron's "Error invoking remote method" wrapper. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: string };
