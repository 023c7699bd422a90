// The last 90 days of one service: how often in words, the timeline strip, and the paged list of incidents.
import { INCIDENTS_DAYS_MAX, type IncidentSummaryResponse, type IncidentsResponse } from '../../../contracts/aggregator-api.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Fetched } from '../../../contracts/results.ts';
import type { ServiceId } from '../../../contracts/status.ts';
import { useOlderIncidents } from '../hooks/use-older-incidents.ts';
import { howOftenWords, medianLeadWords } from '../view/incident-words.ts';
import { IncidentList } from './IncidentList.tsx';
import { IncidentStrip } from './IncidentStrip.tsx';

interface Props {
  api: MonitorApi;
  service: ServiceId;
  incidents: Fetched<IncidentsResponse>;
  summary: Fetched<IncidentSummaryResponse> | null;
  now: number;
}

/** Words, picture, list; a failed summary says so and leaves the list. */
export function IncidentHistory({ api, service, incidents, summary, now }: Props) {
  const pages = useOlderIncidents(api, service, incidents.ok ? incidents.data : []);
  if (!incidents.ok) return <p className="muted">Incidents unavailable: {incidents.error}</p>;
  const median = summary?.ok ? medianLeadWords(summary.data) : null;
  return (
    <>
      {summary && (
        <p className="history-often" data-testid={`how-often-${service}`}>
          {summary.ok ? howOftenWords(summary.data) : `Summary unavailable: ${summary.error}`}
          {median && <span className="muted"> {median}</span>}
        </p>
      )}
      <IncidentStrip incidents={pages.all} days={summary?.ok ? summary.data.days : INCIDENTS_DAYS_MAX} now={now} />
      {pages.rows.length === 0 ? <p className="muted">None recorded.</p> : <IncidentList pages={pages} now={now} />}
    </>
  );
}
