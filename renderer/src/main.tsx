// Entry point: pick the bridge (Electron preload or browser-mode HTTP) and render the popover.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { pickBridge } from './bridge/index.ts';
import { takeInitialData } from './bridge/initial-data.ts';
import { App } from './components/App.tsx';
import { initialLoadFrom, startInitialLoad } from './hooks/use-monitor.ts';
import './styles.css';
import { errorText } from '../../contracts/results.ts';

// For the benchmark: when the bundle has been evaluated (the first-data mark is set in App).
performance.mark('popover:script-ready');

const rootElement = document.getElementById('root');
if (rootElement) {
  const root = createRoot(rootElement);
  try {
    const api = pickBridge();
    document.documentElement.dataset.mode = api.mode;
    // Browser mode's page carries the first data: render it in this task, before the browser paints an empty page.
    // Otherwise ask the bridge, then render.
    const embedded = takeInitialData();
    if (embedded) flushSync(() => root.render(<App api={api} initial={initialLoadFrom(embedded)} />));
    else void startInitialLoad(api).then((initial) => root.render(<App api={api} initial={initial} />));
  } catch (error) {
    root.render(
      <p className="banner bad fatal" role="alert">
        {errorText(error)}
      </p>,
    );
  }
}
