// Component tests read the time through Date: each test of a file sees NOW (timers stay real), then unmounts.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { withRoomForABusyMachine } from './busy-machine.ts';
import { NOW } from './fixtures.ts';

/** Freezes Date at NOW for each test of the file and unmounts after each; with room for a busy machine (busy-machine.ts). */
export function withClockAtNow(): void {
  withRoomForABusyMachine();
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
