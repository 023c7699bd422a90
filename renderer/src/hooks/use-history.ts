// One service's history: the trend over the chosen span, its latest incidents and their summary over the last days,
// refetched when its community numbers move.
import { useEffect, useRef, useState } from 'react';
import {
  INCIDENTS_LIMIT_MAX,
  type IncidentSummaryResponse,
  type IncidentsResponse,
  type TrendResponse,
} from '../../../contracts/aggregator-api.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Fetched } from '../../../contracts/results.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { errorText } from '../../../contracts/results.ts';

export interface History {
  /** With the span it was fetched for: the other span's chart is not this one's. */
  trend: { hours: number; result: Fetched<TrendResponse> } | null;
  /** The latest incidents (as many as one answer holds): the timeline, the chart's shading and the list's first page. */
  incidents: Fetched<IncidentsResponse> | null;
  summary: Fetched<IncidentSummaryResponse> | null;
}

/** During a busy outage the numbers move constantly: fetch at most this often (the last change is never dropped). */
const MIN_GAP_MS = 10_000;

/** A failed call as a Fetched failure, for bridges that reject instead. */
export function settle<T>(answer: Promise<Fetched<T>>): Promise<Fetched<T>> {
  return answer.catch((err: unknown) => ({ ok: false as const, error: errorText(err) }));
}

/**
 * Calls `load` on mount and at once whenever `urgent` changes (a new span, the user's own report); when only `version`
 * changes, no sooner than MIN_GAP_MS after the last call. Answers to superseded calls are dropped.
 */
function useFetched<T>(load: () => Promise<T>, urgent: string, version: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef(load);
  const lastAt = useRef(0);
  const lastUrgent = useRef(urgent);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    let live = true;
    const now = lastUrgent.current !== urgent;
    lastUrgent.current = urgent;
    const timer = setTimeout(
      () => {
        lastAt.current = Date.now();
        void latest.current().then((v) => live && setValue(() => v));
      },
      now ? 0 : Math.max(0, lastAt.current + MIN_GAP_MS - Date.now()),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [urgent, version]);
  return value;
}

/** Trend, incidents and summary of one service; `force` changing refetches at once. */
export function useHistory(api: MonitorApi, service: ServiceId, hours: number, version: string, force: number): History {
  const trend = useFetched(
    () => settle(api.getTrend(service, hours)).then((result) => ({ hours, result })),
    `${service} ${hours} ${force}`,
    version,
  );
  const incidents = useFetched(() => settle(api.getIncidents(service, INCIDENTS_LIMIT_MAX, null)), `${service} ${force}`, version);
  const summary = useFetched(() => settle(api.getIncidentSummary(service)), `${service} ${force}`, version);
  return { trend, incidents, summary };
}
