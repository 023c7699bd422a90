import { defineConfig } from 'vitest/config';

// Three projects, so CI can run them as processes side by side (`--project`); `vitest run` runs them all.
// unit: the Node tests, on two workers that each run many files in one process (no isolation): importing the
//   aggregator, the engine and their dependencies once per worker, not once per file, saves ≈ 30 s of CPU a run.
//   These files clean up what they start and change no global state.
// isolated: files that mock modules, stub globals or render React in jsdom, each in a fresh process as usual.
// lab: tests/lab/lab.test.ts alone; it starts one child process per scenario, so it needs no worker of its own.
const shared = {
  environment: 'node' as const,
  testTimeout: 120_000, // a PGlite start alone takes seconds of CPU; on a loaded 2-core machine several can pass 30 s
  hookTimeout: 120_000,
  pool: 'forks' as const,
  // V8's baseline WebAssembly compiler only: tiering PGlite's engine up with TurboFan costs seconds of CPU per process,
  // more than these short-lived workers win back (measured: api + bounds tests 20 → 15 s of CPU, same wall or less).
  execArgv: ['--liftoff-only'],
  // Both projects of the `npm test` lane share one pool of two workers.
  maxWorkers: 2,
};
const LAB = 'tests/lab/lab.test.ts';
const ISOLATED_DIRS = ['tests/renderer', 'tests/shell'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**', LAB, ...ISOLATED_DIRS.map((dir) => `${dir}/**`)],
          isolate: false,
          // aggregator/cli.ts bundled once for the run's aggregator processes (aggregatorCli() in cli-process.ts).
          globalSetup: ['tests/aggregator/cli-bundle-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'isolated',
          include: ISOLATED_DIRS.map((dir) => `${dir}/**/*.test.{ts,tsx}`),
        },
      },
      { test: { ...shared, name: 'lab', include: [LAB], maxWorkers: 1 } },
    ],
  },
});
