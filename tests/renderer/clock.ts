// Component tests read the time through Date: each test of a file sees NOW (timers stay real), then unmounts.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { NOW } from './fixtures.ts';

/** Freezes Date at NOW for each test of the file and unmounts after each. */
export function withClockAtNow(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
