import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IpcEnvelope } from '../../contracts/ipc.ts';
import type { MonitorApi } from '../../contracts/monitor-api.ts';
import { EVENT_NAMES, OPERATION_NAMES } from '../../contracts/popover-api.ts';

// The preload is bundled exactly as scripts/build-electron.ts does and run in a bare VM context with a recording
// stand-in for the `electron` module (the only thing a sandboxed preload can require; the real one needs the binary).
let code = '';
beforeAll(async () => {
  const out = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'preload', 'preload.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
    logLevel: 'silent',
  });
  code = out.outputFiles[0]?.text ?? '';
});

type Listener = (event: unknown, payload: unknown) => void;

function loadPreload(answer: (channel: string, args: unknown[]) => IpcEnvelope<unknown>) {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return answer(channel, args);
      },
      on: (channel: string, fn: Listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn)),
      removeListener: (channel: string, fn: Listener) => listeners.get(channel)?.delete(fn),
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return electron;
    },
  });
  const emit = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: 'raw ipc event' }, payload);
  };
  return { exposed, invoked, listeners, required, emit };
}

// What the spec lists is what the preload must expose, no more (a new operation needs no change here).
const API_METHODS: string[] = [...OPERATION_NAMES, ...EVENT_NAMES];

describe('preload bridge', () => {
  it('exposes only window.monitor, with exactly the MonitorApi members', () => {
    const { exposed, required } = loadPreload(() => ({ ok: true, value: null }));
    expect([...exposed.keys()]).toEqual(['monitor']);
    const api = exposed.get('monitor') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['mode', ...API_METHODS].sort());
    expect(api.mode).toBe('electron');
    expect(required.every((r) => r === 'electron')).toBe(true);
  });

  it("sends each call on its contract channel and returns main's value", async () => {
    const { exposed, invoked } = loadPreload((channel, args) => ({ ok: true, value: { channel, args } }));
    const api = exposed.get('monitor') as MonitorApi;
    await expect(api.getTrend('facetime', 24)).resolves.toEqual({ channel: 'monitor:get-trend', args: ['facetime', 24] });
    await api.report({ service: 'imessage', kind: 'problem', problem: 'other' });
    await api.setSettings({ launchAtLogin: true });
    expect(invoked.map((i) => i.channel)).toEqual(['monitor:get-trend', 'monitor:report', 'monitor:set-settings']);
  });

  it("rejects with main's own message when main refuses", async () => {
    const { exposed } = loadPreload(() => ({
      ok: false,
      error: 'Invalid arguments for monitor:set-settings: 0.probeIntervalMs: too small',
    }));
    const api = exposed.get('monitor') as MonitorApi;
    await expect(api.setSettings({ probeIntervalMs: 1 })).rejects.toThrow('0.probeIntervalMs: too small');
  });

  it('subscribe hands over the snapshot only, and the returned function unsubscribes', () => {
    const { exposed, emit, listeners } = loadPreload(() => ({ ok: true, value: null }));
    const api = exposed.get('monitor') as MonitorApi;
    const seen: unknown[][] = [];
    const unsubscribe = api.subscribe((...args: unknown[]) => seen.push(args));
    emit('monitor:snapshot', { round: 3 });
    unsubscribe();
    emit('monitor:snapshot', { round: 4 });
    expect(seen).toEqual([[{ round: 3 }]]);
    expect(listeners.get('monitor:snapshot')?.size).toBe(0);
  });
});
