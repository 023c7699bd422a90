// The chart's span (24 hours or a week) per service, kept outside React so it survives the history panel being
// unmounted (Settings opened and closed) for as long as the popover's page lives.
import { useState } from 'react';
import type { ServiceId } from '../../../contracts/status.ts';

const chosen: Partial<Record<ServiceId, number>> = {};

/** [hours, choose]: 24 until the user picks another span for this service. */
export function useTrendSpan(service: ServiceId): [number, (hours: number) => void] {
  const [hours, setHours] = useState(chosen[service] ?? 24);
  return [
    hours,
    (next) => {
      chosen[service] = next;
      setHours(next);
    },
  ];
}
