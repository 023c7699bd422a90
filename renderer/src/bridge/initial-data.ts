// The first snapshot and settings browser mode writes into the page (main/web/popover-page.ts), read once at start.
import { INITIAL_DATA_ELEMENT_ID, type InitialData } from '../../../contracts/popover-page.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The page's data block, or null when there is none (the desktop app, a page loaded by fetch) or it is not what the
 * server writes; the popover then asks the bridge as before. Removed once read, so it is used for one render only.
 */
export function takeInitialData(doc: Document = document): InitialData | null {
  const element = doc.getElementById(INITIAL_DATA_ELEMENT_ID);
  if (!element || element.getAttribute('type') !== 'application/json') return null;
  element.remove();
  try {
    const data: unknown = JSON.parse(element.textContent ?? '');
    if (!isObject(data) || !isObject(data.snapshot) || !isObject(data.settings)) return null;
    if (typeof data.snapshot.round !== 'number') return null;
    return data as unknown as InitialData;
  } catch {
    return null;
  }
}
