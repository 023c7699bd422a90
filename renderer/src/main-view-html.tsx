// The popover's main view as HTML, from one snapshot, without a browser: what the lab's `shows` expectation reads.
// Not part of the popover bundle (main.tsx does not import it). Effects never run on the server, so the API is inert.
import { renderToString } from 'react-dom/server';
import type { MonitorApi } from '../../contracts/monitor-api.ts';
import type { Settings } from '../../contracts/settings.ts';
import type { Snapshot } from '../../contracts/status.ts';
import { App } from './components/App.tsx';

/** A MonitorApi that never answers: rendering to a string only reads the snapshot and settings handed over. */
const INERT_API = new Proxy(
  { mode: 'browser' },
  { get: (target, key) => (key === 'mode' ? target.mode : () => new Promise(() => {})) },
) as MonitorApi;

/** Renders the popover (settings closed) as it first paints with this snapshot and these settings. */
export function mainViewHtml(snapshot: Snapshot, settings: Settings): string {
  const initial = {
    snapshot: Promise.resolve(snapshot),
    settings: Promise.resolve(settings),
    readySnapshot: snapshot,
    readySettings: settings,
  };
  return renderToString(<App api={INERT_API} initial={initial} />);
}
