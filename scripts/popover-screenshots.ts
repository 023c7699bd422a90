// README screenshots: the real built popover (dist/renderer) in Debian's Chromium, fed fixture snapshots through a
// stubbed window.monitor, in light and dark. Run `npm run build:renderer`, then `npx tsx scripts/popover-screenshots.ts`.
// Writes docs/screenshots/<state>-<light|dark>.png at 360×480, the popover's own size.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { INCIDENTS_DAYS_MAX, type IncidentSummaryResponse, type IncidentsResponse } from '../contracts/aggregator-api.ts';
import { EVENT_NAMES, OPERATION_NAMES } from '../contracts/popover-api.ts';
import type { Fetched } from '../contracts/results.ts';
import { SHELL_STATUS_NOT_AVAILABLE } from '../contracts/shell-status.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from './chromium.ts';
import { historyStates, type HistoryState } from './popover-history-states.ts';
import { NOW, popoverStates } from './popover-screenshot-states.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC_DIR = join(ROOT, 'dist', 'renderer');
const OUT_DIR = join(ROOT, 'docs', 'screenshots');
// A made-up origin answered from the built files: no server, and the page's CSP ('self') holds as shipped.
const ORIGIN = 'http://popover.invalid';

/**
 * window.monitor for one state, as page script text (a function passed to Playwright would carry the TypeScript
 * runner's helpers with it). Every operation the popover API lists is present; one the state doesn't answer never settles.
 */
function monitorStub(state: HistoryState): string {
  const answers = {
    getSnapshot: state.snapshot,
    checkNow: state.snapshot,
    sendQueuedReports: state.snapshot,
    getSettings: state.settings,
    setSettings: state.settings,
    getShellStatus: SHELL_STATUS_NOT_AVAILABLE,
  };
  const data = JSON.stringify({
    answers,
    trend: state.trend,
    weekTrend: state.weekTrend ?? state.trend,
    incidents: state.incidents,
    summary: state.summary ?? summaries(state),
    operations: OPERATION_NAMES,
    events: EVENT_NAMES,
  });
  return `(() => {
    const d = ${data};
    const answer = (v) => (v === undefined ? new Promise(() => {}) : Promise.resolve(structuredClone(v)));
    const api = { mode: 'electron' };
    for (const name of d.operations) api[name] = () => answer(d.answers[name]);
    for (const name of d.events) api[name] = () => () => {};
    api.getTrend = (service, hours) => answer((hours > 24 ? d.weekTrend : d.trend)[service]);
    api.getIncidents = (service, limit, before) => answer(before === null ? d.incidents[service] : { ok: true, data: [] });
    api.getIncidentSummary = (service) => answer(d.summary[service]);
    window.monitor = api;
  })();`;
}

/** A state's 90-day summary when it gives none: its incidents counted as outages, none confirmed by Apple. */
function summaries(state: HistoryState): HistoryState['summary'] {
  const one = (incidents: Fetched<IncidentsResponse>): Fetched<IncidentSummaryResponse> =>
    incidents.ok
      ? {
          ok: true,
          data: {
            days: INCIDENTS_DAYS_MAX,
            incidents: incidents.data.length,
            outages: incidents.data.length,
            confirmed: 0,
            medianLeadMs: null,
          },
        }
      : incidents;
  return { imessage: one(state.incidents.imessage), facetime: one(state.incidents.facetime) };
}

async function shoot(page: Page, state: HistoryState): Promise<string[]> {
  await page.addInitScript({ content: monitorStub(state) });
  await page.clock.setFixedTime(NOW);
  await page.goto(`${ORIGIN}/index.html`);
  await page.getByTestId('service-imessage').waitFor();
  const history = page.getByTestId('history-imessage');
  if (state.tab) await history.getByRole('tab', { name: state.tab }).click();
  await history.locator('figure, .chart-failed').first().waitFor();
  if (state.scrollTo) {
    await history.locator('.history-often').waitFor();
    await page.locator(state.scrollTo).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }
  const written: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const path = join(OUT_DIR, `${state.name}-${scheme}.png`);
    await page.screenshot({ path, animations: 'disabled' });
    written.push(path);
  }
  return written;
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error(`No built popover in ${STATIC_DIR}: run npm run build:renderer first.`);
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const state of [...popoverStates(), ...historyStates()]) {
      // The fixtures' clock times are local to this process: the page reads them in the same zone.
      const context = await browser.newContext({
        viewport: { width: 360, height: 480 },
        deviceScaleFactor: 1,
        locale: 'en-US',
        timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      await context.route(`${ORIGIN}/**`, (route) => {
        const file = resolve(STATIC_DIR, `.${new URL(route.request().url()).pathname}`);
        if (!file.startsWith(STATIC_DIR + sep) || !existsSync(file)) return route.fulfill({ status: 404 });
        return route.fulfill({ path: file });
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      for (const path of await shoot(page, state)) console.log(`wrote ${path}`);
      if (problems.length > 0) throw new Error(`${state.name}: the page reported ${problems.join('; ')}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
