// One running monitor per user: a second launch just opens the existing popover.
import { app } from 'electron';

/** Takes the single-instance lock; returns false (and quits) when another instance already holds it. */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondLaunch());
  return true;
}
