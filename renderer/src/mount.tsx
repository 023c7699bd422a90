// The popover's React tree (React DOM and every component of the first screen): main.tsx loads this chunk while the
// first snapshot and settings requests are on their way.
import { createRoot } from 'react-dom/client';
import type { MonitorApi } from '../../contracts/monitor-api.ts';
import { App } from './components/App.tsx';
import type { InitialLoad } from './hooks/use-monitor.ts';

/** Renders the popover into `element` once the first data is in (or its short wait is over). */
export function mount(element: HTMLElement, api: MonitorApi, initial: Promise<InitialLoad>): void {
  const root = createRoot(element);
  void initial.then((load) => root.render(<App api={api} initial={load} />));
}
