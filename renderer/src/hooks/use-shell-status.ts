// The desktop shell's own status (notification delivery, updates, login item), kept current; null until loaded.
import { useEffect, useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { ShellStatus } from '../../../contracts/shell-status.ts';

export function useShellStatus(api: MonitorApi): ShellStatus | null {
  const [status, setStatus] = useState<ShellStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribeShellStatus((next) => live && setStatus(next));
    api.getShellStatus().then(
      (first) => live && setStatus((current) => current ?? first),
      // Only shell notices depend on this: without it the popover simply shows none.
      () => {},
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return status;
}
