// A recording stand-in for the `electron` module, for running the real main bundle under Node: the Electron binary
// cannot exist on this machine. Only what main/electron/** (plus electron-store) touches is here.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: '' };
  constructor(readonly id: number) {
    super();
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  /** Fires a navigation event the way Electron does; returns whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export interface FakeElectronOptions {
  /** app.isPackaged; false (a development run) unless a test says otherwise. */
  isPackaged?: boolean;
  /** Values app.commandLine.getSwitchValue() returns. */
  switches?: Record<string, string>;
}

export function createFakeElectron(userData: string, opts: FakeElectronOptions = {}) {
  const appEvents = new EventEmitter();
  const paths: Record<string, string> = { userData, logs: join(userData, 'logs'), temp: join(userData, 'tmp') };
  const state = {
    quitted: false,
    exitCode: null as number | null,
    loginItem: false,
    openedExternally: [] as string[],
    nextId: 1,
    errorBoxes: [] as { title: string; body: string }[],
    privilegedSchemes: [] as unknown[],
  };
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const fire = (name: string, ...args: unknown[]) => {
    let prevented = false;
    appEvents.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  const app = {
    isPackaged: opts.isPackaged ?? false,
    commandLine: { getSwitchValue: (name: string) => opts.switches?.[name] ?? '' },
    on: (name: string, fn: Handler) => (appEvents.on(name, fn), app),
    whenReady: () => ready,
    requestSingleInstanceLock: () => true,
    quit: () => {
      if (fire('before-quit')) return;
      if (!fire('will-quit')) state.quitted = true;
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
    setPath: (name: string, value: string) => void (paths[name] = value),
    getPath: (name: string) => paths[name] ?? join(userData, name),
    setAppLogsPath: (value: string) => void (paths.logs = value),
    setAppUserModelId: () => {},
    setActivationPolicy: () => {},
    getLoginItemSettings: () => ({ openAtLogin: state.loginItem }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (state.loginItem = s.openAtLogin),
    getName: () => 'iMessage Status',
    getVersion: () => '0.1.0',
  };

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = [];
    readonly webContents = new FakeWebContents(state.nextId++);
    visible = false;
    destroyed = false;
    position: [number, number] | null = null;
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    workspaceFlags: unknown[] = [];
    async loadURL(url: string) {
      this.webContents.mainFrame.url = url;
    }
    isVisible = () => this.visible;
    show = () => void (this.visible = true);
    hide = () => void (this.visible = false);
    minimize = () => void (this.visible = false);
    focus = () => {};
    setPosition = (x: number, y: number) => void (this.position = [x, y]);
    setVisibleOnAllWorkspaces = (...args: unknown[]) => void this.workspaceFlags.push(args);
    isDestroyed = () => this.destroyed;
    destroy = () => void (this.destroyed = true);
  }

  class Tray extends EventEmitter {
    static instances: Tray[] = [];
    image: { path: string; template: boolean };
    tooltip = '';
    title = '';
    contextMenus: unknown[] = [];
    destroyed = false;
    constructor(image: { path: string; template: boolean }) {
      super();
      this.image = image;
      Tray.instances.push(this);
    }
    setImage = (image: { path: string; template: boolean }) => void (this.image = image);
    setTitle = (title: string) => void (this.title = title);
    setToolTip = (text: string) => void (this.tooltip = text);
    setContextMenu = (menu: unknown) => void this.contextMenus.push(menu);
    popUpContextMenu = () => {};
    getBounds = () => ({ x: 0, y: 0, width: 0, height: 0 });
    isDestroyed = () => this.destroyed;
    destroy = () => void (this.destroyed = true);
  }

  class Notification extends EventEmitter {
    static instances: Notification[] = [];
    static isSupported = () => true;
    shown = false;
    closed = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      Notification.instances.push(this);
    }
    /** What the OS does with show(): confirm it, refuse it (macOS with an unsigned app), or drop it silently. */
    static behaviour: 'show' | 'fail' | 'silent' = 'show';
    show = () => {
      this.shown = true;
      if (Notification.behaviour === 'show') queueMicrotask(() => this.emit('show', {}));
      if (Notification.behaviour === 'fail')
        queueMicrotask(() => this.emit('failed', {}, 'Notifications are not allowed for this application'));
    };
    close = () => void (this.closed = true);
  }

  const permission = { request: null as Handler | null, check: null as Handler | null };
  const webRequest = { beforeRequest: null as Handler | null, headersReceived: null as Handler | null };
  const ipcHandlers = new Map<string, Handler>();
  const ipcListeners = new Map<string, Handler>();
  const powerMonitor = new EventEmitter();

  const electron = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: {
      createFromPath: (path: string) => {
        const image = { path, template: false, setTemplateImage: (v: boolean) => void (image.template = v) };
        return image;
      },
    },
    powerMonitor,
    screen: {
      getCursorScreenPoint: () => ({ x: 1800, y: 10 }),
      getAllDisplays: () => [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 32, width: 1920, height: 1048 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => void (permission.request = fn),
        setPermissionCheckHandler: (fn: Handler) => void (permission.check = fn),
        webRequest: {
          onBeforeRequest: (fn: Handler) => void (webRequest.beforeRequest = fn),
          onHeadersReceived: (fn: Handler) => void (webRequest.headersReceived = fn),
        },
      },
    },
    shell: { openExternal: async (url: string) => void state.openedExternally.push(url) },
    dialog: { showErrorBox: (title: string, body: string) => void state.errorBoxes.push({ title, body }) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => void protocolHandlers.set(scheme, fn),
      unhandle: (scheme: string) => void protocolHandlers.delete(scheme),
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, fn);
      },
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
      on: (channel: string, fn: Handler) => void ipcListeners.set(channel, fn),
    },
  };

  return {
    electron,
    state,
    markReady,
    appEvents,
    BrowserWindow,
    Tray,
    Notification,
    permission,
    webRequest,
    ipcHandlers,
    ipcListeners,
    powerMonitor,
    protocolHandlers,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
