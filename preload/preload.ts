// The one bridge into the popover: window.monitor with one named method per operation of the popover API spec and one
// subscription per event, nothing else (no generic send).
import { contextBridge } from 'electron';
import type { MonitorApi } from '../contracts/monitor-api.ts';
import { popoverMethods, popoverSubscriptions } from '../contracts/popover-api.ts';
import { invoke, subscribe } from './ipc-client.ts';

const monitor = {
  mode: 'electron',
  ...popoverMethods(invoke),
  ...popoverSubscriptions(subscribe),
} satisfies MonitorApi;

contextBridge.exposeInMainWorld('monitor', monitor);
