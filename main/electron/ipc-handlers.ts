// The only place main touches ipcMain: one handler per operation of the popover API spec, each checking the sender and
// validating the arguments against the operation's schema before answering `{ ok, value }` or `{ ok: false, error }`.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import {
  ipcChannel,
  OPERATION_NAMES,
  type OperationName,
  type OperationResult,
  type PopoverHandlers,
  type ShellOperationName,
} from '../../contracts/popover-api.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { isTrustedSender } from '../shell/ipc-trust.ts';
import { parseIpcArgs } from '../shell/ipc-schemas.ts';
import { engineHandlers } from '../popover/popover-handlers.ts';
import type { LogLine } from './logging.ts';
import { errorText } from '../../contracts/results.ts';

export type IpcHandlerMap = PopoverHandlers;

export interface IpcGuard {
  /** webContents id of the popover, null when it does not exist. */
  popoverId: () => number | null;
  /** The popover's page, app://popover/index.html. */
  popoverFileUrl: string;
  log: LogLine;
}

function trusted(event: IpcMainInvokeEvent, guard: IpcGuard): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    senderId: event.sender.id,
    popoverId: guard.popoverId(),
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    popoverFileUrl: guard.popoverFileUrl,
  });
}

function handle<K extends OperationName>(op: K, fn: PopoverHandlers[K], guard: IpcGuard): void {
  const channel = ipcChannel(op);
  ipcMain.handle(channel, async (event, ...raw: unknown[]): Promise<IpcEnvelope<OperationResult<K>>> => {
    if (!trusted(event, guard)) {
      guard.log('warn', `ipc: ignored ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return { ok: false, error: 'Not allowed.' };
    }
    try {
      const args = parseIpcArgs(channel, raw) as unknown[];
      return { ok: true, value: await (fn as (...a: unknown[]) => OperationResult<K>)(...args) };
    } catch (error) {
      const message = errorText(error);
      guard.log('warn', `ipc: ${channel} failed: ${message}`);
      return { ok: false, error: message };
    }
  });
}

/** Registers every operation of the spec; returns the function that removes them again. */
export function registerIpcHandlers(handlers: IpcHandlerMap, guard: IpcGuard): () => void {
  for (const op of OPERATION_NAMES) handle(op, handlers[op], guard);
  return () => {
    for (const op of OPERATION_NAMES) ipcMain.removeHandler(ipcChannel(op));
  };
}

export interface ShellActions {
  /** Opens an allow-listed link in the browser; false when the URL was refused. */
  openLink: (url: string) => Promise<boolean>;
  quit: () => void;
  settingsChanged: (settings: Settings) => void;
  shellStatus: () => ShellStatus;
  hide: () => void;
}

/** The popover's requests: the engine answers its operations, the desktop shell the rest. */
export function monitorHandlers(engine: MonitorEngine, shell: ShellActions): IpcHandlerMap {
  const shellHandlers: Pick<PopoverHandlers, ShellOperationName> = {
    openExternal: async (url) => {
      if (!(await shell.openLink(url))) throw new Error("Only Apple's status pages and the aggregator's site open from here.");
    },
    quit: () => shell.quit(),
    getShellStatus: () => shell.shellStatus(),
    hide: () => shell.hide(),
  };
  return {
    ...engineHandlers(engine),
    ...shellHandlers,
    // The desktop also applies what a settings change means to it (launch at login).
    setSettings: (patch) => {
      const settings = engine.updateSettings(patch);
      shell.settingsChanged(settings);
      return settings;
    },
  };
}
