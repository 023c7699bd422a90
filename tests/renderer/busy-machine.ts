// Component tests run beside PGlite and Chromium on two cores: what a user never waits for can take seconds there.
import { configure } from '@testing-library/react';
import { beforeAll } from 'vitest';

/**
 * Before the file's first test, loads the chunk of settings and history panels (renderer/src/components/LazyPanels.tsx):
 * its first import transforms it in this worker, which on a loaded CI machine outlasted the one second a `findBy`
 * waited, and failed a run. The app asks for the same module, so later renders find it loaded. `findBy` and `waitFor`
 * also wait up to 5 s: an element that never comes still fails the test, only later.
 */
export function withRoomForABusyMachine(): void {
  configure({ asyncUtilTimeout: 5_000 });
  beforeAll(async () => {
    await import('../../renderer/src/components/deferred-panels.ts');
  }, 60_000);
}
