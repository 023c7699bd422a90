// Per service: the chart over 24 hours or a week and the last 90 days of incidents, with failures in words and space
// kept while loading.
import { INCIDENTS_DAYS_MAX } from '../../../contracts/aggregator-api.ts';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { SERVICE_NAMES, type ServiceId } from '../../../contracts/status.ts';
import { useHistory } from '../hooks/use-history.ts';
import { useTrendSpan } from '../hooks/use-trend-span.ts';
import { spanWords } from '../view/chart-geometry.ts';
import { IncidentHistory } from './IncidentHistory.tsx';
import { SpanTabs, spanTabId } from './SpanTabs.tsx';
import { TrendChart } from './TrendChart.tsx';

interface Props {
  api: MonitorApi;
  service: ServiceId;
  now: number;
  /** Changes when this service's community numbers change. */
  version: string;
  force: number;
  /** From the snapshot's community status: whether the chart may call the baseline "usual". */
  baselineFromHistory: boolean;
}

/** Chart + incident history of one service. */
export function HistoryPanel({ api, service, now, version, force, baselineFromHistory }: Props) {
  const [hours, setHours] = useTrendSpan(service);
  const { trend, incidents, summary } = useHistory(api, service, hours, version, force);
  const name = SERVICE_NAMES[service];
  const incidentList = incidents?.ok ? incidents.data : [];
  const id = `history-${service}`;
  const shown = trend?.hours === hours ? trend.result : null;
  return (
    <section className="panel history" aria-labelledby={id} data-testid={id}>
      <div className="history-head">
        <h2 id={id} className="section-title">
          {name} — last {spanWords(hours)}
        </h2>
        <SpanTabs id={id} label={`${name} chart span`} hours={hours} onChange={setHours} />
      </div>
      <div id={`${id}-span`} role="tabpanel" aria-labelledby={spanTabId(id, hours)}>
        {shown === null ? (
          <div className="chart-skeleton" aria-label="Loading the report chart" role="img" />
        ) : shown.ok ? (
          <TrendChart
            id={service}
            label={`${name} reports per hour`}
            buckets={shown.data.buckets}
            incidents={incidentList}
            hours={hours}
            now={now}
            baselineFromHistory={baselineFromHistory}
          />
        ) : (
          <p className="chart-failed">Report chart unavailable: {shown.error}</p>
        )}
      </div>
      <h3 className="subsection-title">Last {INCIDENTS_DAYS_MAX} days</h3>
      {incidents === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <IncidentHistory api={api} service={service} incidents={incidents} summary={summary} now={now} />
      )}
    </section>
  );
}
