// 24-hour trend and recent incidents for one service, refreshed when the community data changes.
import { useEffect, useRef, useState } from 'react';
import type { IncidentsResponse, TrendResponse } from '../../../contracts/aggregator-api.ts';
import type { Fetched, MonitorApi } from '../../../contracts/monitor-api.ts';
import type { ServiceId } from '../../../contracts/status.ts';

export interface History {
  trend: Fetched<TrendResponse> | null;
  incidents: Fetched<IncidentsResponse> | null;
}

const MIN_REFRESH_MS = 30_000;

/** Fetches on mount and when `version` changes (at most every 30 s), and at once when `force` changes. */
export function useHistory(api: MonitorApi, service: ServiceId, version: number | null, force: number): History {
  const [history, setHistory] = useState<History>({ trend: null, incidents: null });
  const last = useRef<{ at: number; force: number } | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const now = Date.now();
    const prev = last.current;
    if (prev && prev.force === force && now - prev.at < MIN_REFRESH_MS) return;
    last.current = { at: now, force };
    Promise.all([api.getTrend(service, 24), api.getIncidents(service, 5)]).then(
      ([trend, incidents]) => mounted.current && setHistory({ trend, incidents }),
      (err: unknown) => {
        const failed = { ok: false as const, error: err instanceof Error ? err.message : String(err) };
        if (mounted.current) setHistory({ trend: failed, incidents: failed });
      },
    );
  }, [api, service, version, force]);

  return history;
}
