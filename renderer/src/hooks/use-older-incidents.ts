// "Show older": ten more rows, from what the latest answer already holds, else from the next page, fetched with
// `before` = the last incident's start and appended.
import { useState } from 'react';
import type { IncidentDto } from '../../../contracts/aggregator-api.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { PAGE, knownIncidents, serverHasOlder } from '../view/incident-pages.ts';
import { settle } from './use-history.ts';

export interface IncidentPages {
  /** Every incident known (the timeline draws them all). */
  all: IncidentDto[];
  /** The ones the list shows. */
  rows: IncidentDto[];
  more: boolean;
  loading: boolean;
  error: string | null;
  showOlder: () => void;
}

/** The list over `latest` (the newest incidents, refreshed elsewhere) and the pages below it. */
export function useOlderIncidents(api: MonitorApi, service: ServiceId, latest: IncidentDto[]): IncidentPages {
  const [shown, setShown] = useState(PAGE);
  // `full`: the last page came back whole, so there may be more.
  const [older, setOlder] = useState<{ items: IncidentDto[]; full: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const all = knownIncidents(latest, older?.items ?? []);
  const onServer = serverHasOlder(latest, older?.full ?? null);
  const last = all.at(-1);

  function showOlder(): void {
    if (loading) return;
    if (all.length >= shown + PAGE || !onServer || !last) return setShown(shown + PAGE);
    setLoading(true);
    setError(null);
    void settle(api.getIncidents(service, PAGE, last.start)).then((page) => {
      setLoading(false);
      if (!page.ok) return setError(page.error);
      setOlder((o) => ({ items: [...(o?.items ?? []), ...page.data], full: page.data.length === PAGE }));
      setShown((n) => n + PAGE);
    });
  }
  return { all, rows: all.slice(0, shown), more: all.length > shown || onServer, loading, error, showOlder };
}
