// Entry point: pick the bridge (Electron preload or browser-mode HTTP) and render the popover.
import { createRoot } from 'react-dom/client';
import { pickBridge } from './bridge/index.ts';
import { App } from './components/App.tsx';
import { startInitialLoad } from './hooks/useMonitor.ts';
import './styles.css';

const rootElement = document.getElementById('root');
if (rootElement) {
  const root = createRoot(rootElement);
  try {
    const api = pickBridge();
    const initial = startInitialLoad(api);
    document.documentElement.dataset.mode = api.mode;
    root.render(<App api={api} initial={initial} />);
  } catch (error) {
    root.render(
      <p className="banner bad fatal" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </p>,
    );
  }
}
