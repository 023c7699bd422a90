import { defineConfig } from 'vitest/config';

// Two projects, so CI can run them as two processes side by side (`--project`); `vitest run` runs both.
// unit: every test file but the lab's scenario run, on two workers (forks defaults to CPUs − 1 = one on 2 cores).
// lab: tests/lab/lab.test.ts alone; it starts one child process per scenario, so it needs no worker of its own.
const shared = {
  environment: 'node' as const,
  testTimeout: 120_000, // a PGlite start alone takes seconds of CPU; on a loaded 2-core machine several can pass 30 s
  hookTimeout: 120_000,
  pool: 'forks' as const,
  // V8's baseline WebAssembly compiler only: tiering PGlite's engine up with TurboFan costs seconds of CPU per process,
  // more than these short-lived workers win back (measured: api + bounds tests 20 → 15 s of CPU, same wall or less).
  execArgv: ['--liftoff-only'],
};
const LAB = 'tests/lab/lab.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**', LAB],
          maxWorkers: 2,
        },
      },
      { test: { ...shared, name: 'lab', include: [LAB], maxWorkers: 1 } },
    ],
  },
});
