// The one bridge into the popover: window.monitor with named methods, nothing else (no generic send).
import { contextBridge } from 'electron';
import type { MonitorApi } from '../contracts/monitor-api.ts';
import { invoke, subscribe } from './ipc-client.ts';

const monitor = {
  mode: 'electron',
  getSnapshot: () => invoke('monitor:get-snapshot'),
  subscribe: (listener) => subscribe('monitor:snapshot', listener),
  checkNow: () => invoke('monitor:check-now'),
  report: (request) => invoke('monitor:report', request),
  getTrend: (service, hours) => invoke('monitor:get-trend', service, hours),
  getIncidents: (service, limit) => invoke('monitor:get-incidents', service, limit),
  getSettings: () => invoke('monitor:get-settings'),
  setSettings: (patch) => invoke('monitor:set-settings', patch),
  testAggregator: (url) => invoke('monitor:test-aggregator', url),
  openExternal: (url) => invoke('monitor:open-external', url),
  quit: () => invoke('monitor:quit'),
  getShellStatus: () => invoke('monitor:get-shell-status'),
  subscribeShellStatus: (listener) => subscribe('monitor:shell-status', listener),
  hide: () => invoke('monitor:hide'),
} satisfies MonitorApi;

contextBridge.exposeInMainWorld('monitor', monitor);
