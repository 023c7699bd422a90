// The only place main touches ipcMain: typed handlers derived from contracts/ipc.ts, each checking the sender and the payload.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { IpcArgs, IpcEnvelope, IpcRequestChannel, IpcResult } from '../../contracts/ipc.ts';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { ShellStatus } from '../../contracts/shell-status.ts';
import type { MonitorEngine } from '../engine/ports.ts';
import { isTrustedSender } from '../shell/ipc-trust.ts';
import { parseIpcArgs } from '../shell/ipc-schemas.ts';
import type { LogLine } from './logging.ts';

type Handler<C extends IpcRequestChannel> = (...args: IpcArgs<C>) => Promise<IpcResult<C>> | IpcResult<C>;
export type IpcHandlerMap = { [C in IpcRequestChannel]: Handler<C> };

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

function handle<C extends IpcRequestChannel>(channel: C, fn: Handler<C>, guard: IpcGuard): void {
  ipcMain.handle(channel, async (event, ...raw: unknown[]): Promise<IpcEnvelope<IpcResult<C>>> => {
    if (!trusted(event, guard)) {
      guard.log('warn', `ipc: ignored ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return { ok: false, error: 'Not allowed.' };
    }
    try {
      const args = parseIpcArgs(channel, raw);
      return { ok: true, value: await fn(...args) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      guard.log('warn', `ipc: ${channel} failed: ${message}`);
      return { ok: false, error: message };
    }
  });
}

/** Registers every channel of the contract; returns the function that removes them again. */
export function registerIpcHandlers(handlers: IpcHandlerMap, guard: IpcGuard): () => void {
  for (const channel of IPC_REQUEST_CHANNELS) handle(channel, handlers[channel] as Handler<typeof channel>, guard);
  return () => {
    for (const channel of IPC_REQUEST_CHANNELS) ipcMain.removeHandler(channel);
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

/** The popover's requests, answered by the engine and the shell. */
export function monitorHandlers(engine: MonitorEngine, shell: ShellActions): IpcHandlerMap {
  return {
    'monitor:get-snapshot': () => engine.snapshot(),
    'monitor:check-now': () => engine.checkNow(),
    'monitor:report': (request) => engine.report(request),
    'monitor:get-trend': (service, hours) => engine.trend(service, hours),
    'monitor:get-incidents': (service, limit) => engine.incidents(service, limit),
    'monitor:get-settings': () => engine.settings(),
    'monitor:set-settings': (patch) => {
      const settings = engine.updateSettings(patch);
      shell.settingsChanged(settings);
      return settings;
    },
    'monitor:test-aggregator': (url) => engine.testAggregator(url),
    'monitor:open-external': async (url) => {
      if (!(await shell.openLink(url))) throw new Error('Only Apple\'s status pages and the aggregator\'s site open from here.');
    },
    'monitor:quit': () => shell.quit(),
    'monitor:get-shell-status': () => shell.shellStatus(),
    'monitor:hide': () => shell.hide(),
  };
}
