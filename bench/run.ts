// `npm run bench [-- --only engine,aggregator,popover,lab] [--soak-ms N]`: runs every benchmark part, prints
// each result and writes it to bench/results/<part>.json. Benchmarks report; they never fail the build on a target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorText } from '../contracts/results.ts';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

type Part = { name: string; run: () => Promise<unknown> };

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const soakMs = Number(argValue('--soak-ms') ?? 300_000);
const parts: Part[] = [
  { name: 'probe-round', run: async () => (await import('./probe-round.ts')).benchProbeRound() },
  { name: 'engine-soak', run: async () => (await import('./engine-soak.ts')).benchEngineSoak(soakMs) },
  { name: 'app-idle', run: async () => (await import('./app-idle.ts')).benchAppIdle(Math.min(soakMs, 60_000)) },
  { name: 'aggregator-pglite', run: async () => (await import('./aggregator.ts')).benchAggregator({ backend: 'pglite' }) },
  { name: 'aggregator-postgres', run: async () => (await import('./aggregator.ts')).benchAggregator({ backend: 'postgres' }) },
  // wrk beside the ceiling (plain node:http) in the same run; BENCH_PREVIOUS_ROOT adds an older checkout.
  {
    name: 'aggregator-wrk',
    run: async () => (await import('./wrk-ceiling.ts')).benchWrkCeiling({ previousRoot: process.env.BENCH_PREVIOUS_ROOT }),
  },
  // The same load against servers that stop after each step of the report path: where the HTTP thread's time goes.
  { name: 'aggregator-stages', run: async () => (await import('./report-path-stages.ts')).benchReportPathStages() },
  // The storage worker's longest call while a flooded bucket's provider counts are folded, beside one-statement compaction.
  { name: 'provider-fold', run: async () => (await import('./provider-fold.ts')).benchProviderFold() },
  // Resident size after 100,000 and 600,000 keyed reports from distinct networks (needs wrk; ~10 minutes).
  { name: 'intake-memory', run: async () => (await import('./intake-memory.ts')).benchIntakeMemory() },
  // Bundle size and first render, beside the BENCH_PREVIOUS_ROOT checkout's popover in the same run.
  { name: 'popover', run: async () => (await import('./popover.ts')).benchPopover({ previousRoot: process.env.BENCH_PREVIOUS_ROOT }) },
  { name: 'lab', run: async () => (await import('./lab.ts')).benchLab() },
];

const only = argValue('--only')?.split(',');
const selected = only ? parts.filter((p) => only.some((o) => p.name.startsWith(o))) : parts;
if (only && selected.length === 0) {
  console.error(`bench: nothing matches --only ${only.join(',')}; parts: ${parts.map((p) => p.name).join(', ')}`);
  process.exit(2);
}

mkdirSync(resultsDir, { recursive: true });
let failed = 0;
for (const part of selected) {
  console.log(`\n== ${part.name} ==`);
  try {
    const result = await part.run();
    if (part.name !== 'lab') writeFileSync(join(resultsDir, `${part.name}.json`), JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    failed += 1;
    console.error(`${part.name} could not run: ${errorText(error)}`);
  }
}
process.exit(failed ? 1 : 0);
