import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 120_000, // a PGlite start alone takes seconds of CPU; on a loaded 2-core machine several can pass 30 s
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
