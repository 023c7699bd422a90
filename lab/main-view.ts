// The popover's main view as text, rendered with the project's own React components (react-dom/server, no browser)
// from an engine snapshot, for the `shows` expectation. The renderer is loaded with its own tsconfig (JSX settings).
import { tsImport } from 'tsx/esm/api';
import { decodeEntities } from '../apple-status-feed/html-entities.ts';
import type { Settings } from '../contracts/settings.ts';
import type { Snapshot } from '../contracts/status.ts';

/** The renderer's one entry for the lab (renderer/src/main-view-html.tsx). */
interface MainViewEntry {
  mainViewHtml(snapshot: Snapshot, settings: Settings): string;
}

export type MainViewText = (snapshot: Snapshot, settings: Settings) => string;

const ENTRY = '../renderer/src/main-view-html.tsx';
const RENDERER_TSCONFIG = new URL('../renderer/tsconfig.json', import.meta.url).pathname;

/** Loads the renderer once (a second or so: React and every component); returns snapshot → visible text. */
export async function loadMainView(): Promise<MainViewText> {
  // Imported by the path the renderer's tsconfig compiles (react-jsx), not through the Node project's tsconfig.
  const entry = (await tsImport(ENTRY, { parentURL: import.meta.url, tsconfig: RENDERER_TSCONFIG })) as MainViewEntry;
  return (snapshot, settings) => visibleText(entry.mainViewHtml(snapshot, settings));
}

/** Tags stripped (React's `<!-- -->` between text pieces joins them), entities decoded, white space collapsed. */
export function visibleText(html: string): string {
  const text = html.replace(/<!--.*?-->/g, '').replace(/<[^>]*>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Whether the view's text contains the words, case and white space aside. */
export function viewContains(text: string, words: string): boolean {
  return text.toLowerCase().includes(words.replace(/\s+/g, ' ').trim().toLowerCase());
}
