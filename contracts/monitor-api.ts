// window.monitor: the only API the popover uses. Implemented by the Electron preload and by the browser-mode bridge.
import type { IncidentsResponse, TrendResponse } from './aggregator-api.ts';
import type { Settings, SettingsPatch } from './settings.ts';
import type { ShellStatus } from './shell-status.ts';
import type { ReportOutcome, ReportRequest, ServiceId, Snapshot } from './status.ts';

export type ShellMode = 'electron' | 'browser';

export interface ConnectionTest {
  ok: boolean;
  message: string;
}

/** A result or a reason in words: the popover never gets an exception it has to guess about. */
export type Fetched<T> = { ok: true; data: T } | { ok: false; error: string };

export interface MonitorApi {
  readonly mode: ShellMode;
  getSnapshot(): Promise<Snapshot>;
  /** Calls back with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  checkNow(): Promise<Snapshot>;
  report(request: ReportRequest): Promise<ReportOutcome>;
  getTrend(service: ServiceId, hours: number): Promise<Fetched<TrendResponse>>;
  getIncidents(service: ServiceId, limit: number): Promise<Fetched<IncidentsResponse>>;
  getSettings(): Promise<Settings>;
  /** Validates and stores; resolves to the settings now in force, rejects with a message on invalid input. */
  setSettings(patch: SettingsPatch): Promise<Settings>;
  testAggregator(url: string): Promise<ConnectionTest>;
  /** Opens a link in the user's browser: the desktop app allows only Apple's status pages and the aggregator's site. */
  openExternal(url: string): Promise<void>;
  quit(): Promise<void>;
  /** What the desktop shell reports (notification delivery, updates, login item); SHELL_STATUS_NOT_AVAILABLE in a browser. */
  getShellStatus(): Promise<ShellStatus>;
  /** Calls back whenever the shell status changes; returns the unsubscribe function (never calls back in a browser). */
  subscribeShellStatus(listener: (status: ShellStatus) => void): () => void;
  /** Hides the popover (Escape, the Hide button); a browser tab cannot hide itself, so it does nothing there. */
  hide(): Promise<void>;
}

declare global {
  interface Window {
    monitor?: MonitorApi;
  }
}
