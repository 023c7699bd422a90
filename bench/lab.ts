// Lab benchmark: every scenario against the real engine; how fast an outage is announced (onset → first down
// notification, in probe intervals and ms) and how often the monitor cries wolf. Prints a table, writes bench/results/lab.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabEvent } from '../lab/events.ts';
import { runScenario, type RunResult } from '../lab/runner.ts';
import { loadScenario, type Scenario } from '../lab/scenario.ts';

const here = dirname(fileURLToPath(import.meta.url));
const scenarioDir = join(here, '..', 'lab', 'scenarios');
const APPLE_ENDPOINTS = ['apns', 'apns5223', 'apns443', 'ids', 'facetime'];
const HARMLESS = /^(up|slow-\d+)$/;

export interface LabRow {
  scenario: string;
  /** The scenario expects a down notification. */
  downExpected: boolean;
  /** First step that breaks something Apple-side (an Apple endpoint failing, or Apple's feed admitting a problem), ms. */
  onsetMs: number | null;
  firstDownMs: number | null;
  onsetToDownMs: number | null;
  onsetToDownIntervals: number | null;
  downs: number;
  recovereds: number;
  /** Down notifications the scenario says must not happen. */
  falseAlerts: number;
  passed: boolean;
  wallMs: number;
}

/** The first timeline step that breaks something on Apple's side, or null. */
export function onsetOf(scenario: Scenario): number | null {
  const step = scenario.timeline.find(
    ({ set }) =>
      Object.entries(set?.endpoints ?? {}).some(([k, b]) => APPLE_ENDPOINTS.includes(k) && !HARMLESS.test(b)) ||
      Object.values(set?.official ?? {}).some((s) => s !== 'ok'),
  );
  return step?.at ?? null;
}

/** Turns one run into a benchmark row. */
export function rowOf(result: RunResult): LabRow {
  const { scenario, events } = result;
  const interval = scenario.settings.probeIntervalMs ?? 1_000;
  const notes = events.filter((e): e is Extract<LabEvent, { event: 'notification' }> => e.event === 'notification');
  const downs = notes.filter((n) => n.kind === 'down');
  const forbidden = (service: string) =>
    scenario.expect.some(
      (x) =>
        (x.form === 'never' || (x.form === 'max' && x.count === 0)) &&
        x.pattern.value === 'down' &&
        (x.pattern.service === '*' || x.pattern.service === service),
    );
  const onsetMs = onsetOf(scenario);
  const firstDown = downs.find((n) => onsetMs === null || n.t >= onsetMs) ?? downs[0];
  const delay = firstDown && onsetMs !== null ? firstDown.t - onsetMs : null;
  return {
    scenario: scenario.name,
    downExpected: scenario.expect.some((x) => x.form === 'notify' && x.pattern.value === 'down'),
    onsetMs,
    firstDownMs: firstDown?.t ?? null,
    onsetToDownMs: delay,
    onsetToDownIntervals: delay === null ? null : Math.round((delay / interval) * 10) / 10,
    downs: downs.length,
    recovereds: notes.filter((n) => n.kind === 'recovered').length,
    falseAlerts: downs.filter((n) => forbidden(n.service)).length,
    passed: result.passed,
    wallMs: result.wallMs,
  };
}

function table(rows: LabRow[]): string {
  const cols: [string, (r: LabRow) => string][] = [
    ['scenario', (r) => r.scenario],
    ['onset ms', (r) => String(r.onsetMs ?? '–')],
    ['→ down ms', (r) => String(r.onsetToDownMs ?? '–')],
    ['intervals', (r) => String(r.onsetToDownIntervals ?? '–')],
    ['down', (r) => String(r.downs)],
    ['recovered', (r) => String(r.recovereds)],
    ['false', (r) => String(r.falseAlerts)],
    ['pass', (r) => (r.passed ? 'yes' : 'NO')],
  ];
  const widths = cols.map(([h, f]) => Math.max(h.length, ...rows.map((r) => f(r).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(cols.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map(([, f]) => f(r))))].join(
    '\n',
  );
}

/** Runs every scenario (four at a time), prints the table and writes bench/results/lab.json. */
export async function benchLab(concurrency = 4): Promise<LabRow[]> {
  const files = readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const queue = files.map((f) => loadScenario(join(scenarioDir, f))).sort((a, b) => b.durationMs - a.durationMs);
  const rows: LabRow[] = [];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) rows.push(rowOf(await runScenario(s)));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  rows.sort((a, b) => a.scenario.localeCompare(b.scenario));
  console.log(table(rows));
  const delays = rows.flatMap((r) => (r.downExpected && r.onsetToDownIntervals !== null ? [r.onsetToDownIntervals] : []));
  const totals = {
    scenarios: rows.length,
    passed: rows.filter((r) => r.passed).length,
    falseAlerts: rows.reduce((n, r) => n + r.falseAlerts, 0),
    onsetToDownIntervals: { max: Math.max(...delays), median: [...delays].sort((a, b) => a - b)[Math.floor(delays.length / 2)] ?? null },
  };
  console.log(
    `\n${totals.passed}/${totals.scenarios} scenarios pass; false alerts: ${totals.falseAlerts}; onset → down: median ${totals.onsetToDownIntervals.median} intervals, max ${totals.onsetToDownIntervals.max}`,
  );
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'lab.json'), JSON.stringify({ at: new Date().toISOString(), totals, rows }, null, 2) + '\n');
  return rows;
}
