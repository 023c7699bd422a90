// 24-hour trend and recent incidents for one service, refetched when its community numbers move.
import { useEffect, useRef, useState } from 'react';
import type { IncidentsResponse, TrendResponse } from '../../../contracts/aggregator-api.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Fetched } from '../../../contracts/results.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { errorText } from '../../../contracts/results.ts';

export interface History {
  trend: Fetched<TrendResponse> | null;
  incidents: Fetched<IncidentsResponse> | null;
}

/** During a busy outage the numbers move constantly: fetch at most this often (the last change is never dropped). */
const MIN_GAP_MS = 10_000;

/** Fetches on mount and whenever `version` changes (throttled), at once when `force` changes. */
export function useHistory(api: MonitorApi, service: ServiceId, version: string, force: number): History {
  const [history, setHistory] = useState<History>({ trend: null, incidents: null });
  const lastAt = useRef(0);
  const lastForce = useRef(force);

  useEffect(() => {
    let live = true;
    const load = (): void => {
      lastAt.current = Date.now();
      Promise.all([api.getTrend(service, 24), api.getIncidents(service, 5)]).then(
        ([trend, incidents]) => live && setHistory({ trend, incidents }),
        (err: unknown) => {
          const failed = { ok: false as const, error: errorText(err) };
          if (live) setHistory({ trend: failed, incidents: failed });
        },
      );
    };
    const forced = lastForce.current !== force;
    lastForce.current = force;
    const wait = forced ? 0 : Math.max(0, lastAt.current + MIN_GAP_MS - Date.now());
    const timer = setTimeout(load, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, service, version, force]);

  return history;
}
