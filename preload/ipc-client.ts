// The only place the renderer side touches ipcRenderer: typed invoke and subscribe derived from contracts/ipc.ts.
import { ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { IpcArgs, IpcEnvelope, IpcEventChannel, IpcEvents, IpcRequestChannel, IpcResult } from '../contracts/ipc.ts';

/** Calls a request channel; rejects with main's message (not Electron's wrapper text) when main refuses. */
export async function invoke<C extends IpcRequestChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  const envelope = (await ipcRenderer.invoke(channel, ...args)) as IpcEnvelope<IpcResult<C>>;
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

/** Listens to an event channel without exposing the raw IPC event; returns the unsubscribe function. */
export function subscribe<C extends IpcEventChannel>(channel: C, listener: (payload: IpcEvents[C]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: IpcEvents[C]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}
