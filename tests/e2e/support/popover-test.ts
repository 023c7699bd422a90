// The popover e2e fixture: a fresh loopback world per test, the page opened on it, console and CSP problems collected.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { chromiumMissing } from '../../../scripts/chromium.ts';
import { startPopoverWorld, type PopoverWorld } from './popover-world.ts';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

interface Fixtures {
  /** Skips (with the reason) when Debian's Chromium is not installed; runs before the browser launches. */
  chromiumPresent: void;
  world: PopoverWorld;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export const test = base.extend<Fixtures>({
  chromiumPresent: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const missing = chromiumMissing();
      testInfo.skip(missing !== null, missing ?? '');
      await use();
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    const world = await startPopoverWorld();
    try {
      await use(world);
    } finally {
      await world.close();
    }
  },
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(problems);
  },
});

/** Saves the page in light and dark to test-results/screenshots/<name>-light|dark.png. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The whole scrolling content as one tall light image, to check layout below the fold. */
export async function screenshotScrolled(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const height = await page.locator('main').evaluate((el) => el.scrollHeight + 120);
  await page.setViewportSize({ width: 360, height: Math.min(height, 3000) });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-full.png`) });
  await page.setViewportSize({ width: 360, height: 480 });
}

/** Clicks Check now until `done` holds (each click runs a probe round at once), at most `rounds` times. */
export async function checkUntil(page: Page, done: () => Promise<boolean>, rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    if (await done()) return;
    const button = page.getByRole('button', { name: 'Check now' });
    await expect(button).toBeEnabled();
    await button.click();
  }
}

export { expect };
