// Escape hides the popover (like a native one) unless something inside it, such as Settings, takes Escape first.
import { useEffect } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';

export function useEscapeToHide(api: MonitorApi, escapeTakenElsewhere: boolean): void {
  useEffect(() => {
    if (escapeTakenElsewhere) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) void api.hide().catch(() => {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, escapeTakenElsewhere]);
}
