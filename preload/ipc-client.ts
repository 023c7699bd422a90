// The only place the renderer side touches ipcRenderer: invoke and subscribe by operation and event name of the
// popover API spec (contracts/popover-api.ts), which also names the channels.
import { ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { IpcEnvelope } from '../contracts/ipc.ts';
import {
  ipcChannel,
  ipcEventChannel,
  type EventName,
  type EventPayload,
  type OperationArgs,
  type OperationName,
  type OperationResult,
} from '../contracts/popover-api.ts';

/** Calls an operation on its channel; rejects with main's message (not Electron's wrapper text) when main refuses. */
export async function invoke<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<OperationResult<K>> {
  const envelope = (await ipcRenderer.invoke(ipcChannel(op), ...args)) as IpcEnvelope<OperationResult<K>>;
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

/** Listens to an event's channel without exposing the raw IPC event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const channel = ipcEventChannel(event);
  const wrapped = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}
