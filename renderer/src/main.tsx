// Entry: pick the bridge (Electron preload or browser-mode HTTP), ask for the first snapshot and settings, and only then
// load React and the components (mount.tsx, a chunk index.html preloads): the requests travel while that script is
// compiled and run, instead of after it.
import { pickBridge } from './bridge/index.ts';
import { startInitialLoad } from './hooks/use-monitor.ts';
import './styles.css';
import { errorText } from '../../contracts/results.ts';

/** The one failure shown without React: the page was opened where no bridge exists. */
function showFatal(element: HTMLElement, error: unknown): void {
  const p = document.createElement('p');
  p.className = 'banner bad fatal';
  p.setAttribute('role', 'alert');
  p.textContent = errorText(error);
  element.replaceChildren(p);
}

const rootElement = document.getElementById('root');
if (rootElement) {
  try {
    const api = pickBridge();
    document.documentElement.dataset.mode = api.mode;
    const initial = startInitialLoad(api);
    import('./mount.tsx').then(
      ({ mount }) => {
        // For the benchmark: the popover's script has been evaluated (the first-data mark is set in App).
        performance.mark('popover:script-ready');
        mount(rootElement, api, initial);
      },
      (error: unknown) => showFatal(rootElement, error),
    );
  } catch (error) {
    showFatal(rootElement, error);
  }
}
