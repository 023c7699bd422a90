// Playwright: the popover in Debian's Chromium against browser mode (popover), and the Electron shell (electron).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/support/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  projects: [
    {
      name: 'popover',
      testDir: 'tests/e2e/popover',
      // Own folder: another project's run must not wipe this one's traces.
      outputDir: 'test-results/playwright-popover',
      use: {
        viewport: { width: 360, height: 480 },
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testDir: 'tests/e2e/electron', outputDir: 'test-results/playwright-electron' },
  ],
});
