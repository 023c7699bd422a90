// Per service: the 24-hour chart and the recent incidents, with failures in words and space kept while loading.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { SERVICE_NAMES, type ServiceId } from '../../../contracts/status.ts';
import { useHistory } from '../hooks/use-history.ts';
import { formatClock, formatDuration } from '../view/time.ts';
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

const SOURCE_WORDS = { reports: 'community reports', official: "Apple's status page" } as const;

/** Chart + incidents of one service. */
export function HistoryPanel({ api, service, now, version, force, baselineFromHistory }: Props) {
  const { trend, incidents } = useHistory(api, service, version, force);
  const name = SERVICE_NAMES[service];
  const incidentList = incidents?.ok ? incidents.data : [];
  return (
    <section className="panel history" aria-labelledby={`history-${service}`} data-testid={`history-${service}`}>
      <h2 id={`history-${service}`} className="section-title">
        {name} — last 24 hours
      </h2>
      {trend === null ? (
        <div className="chart-skeleton" aria-label="Loading the report chart" role="img" />
      ) : trend.ok ? (
        <TrendChart
          id={service}
          label={`${name} reports per hour`}
          buckets={trend.data.buckets}
          incidents={incidentList}
          now={now}
          baselineFromHistory={baselineFromHistory}
        />
      ) : (
        <p className="chart-failed">Report chart unavailable: {trend.error}</p>
      )}
      <h3 className="subsection-title">Recent incidents</h3>
      {incidents === null ? (
        <p className="muted">Loading…</p>
      ) : !incidents.ok ? (
        <p className="muted">Incidents unavailable: {incidents.error}</p>
      ) : incidents.data.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <ol className="incidents">
          {incidents.data.map((inc) => {
            const start = Date.parse(inc.start);
            const end = inc.end === null ? null : Date.parse(inc.end);
            return (
              <li key={inc.id} className={end === null ? 'incident ongoing' : 'incident'}>
                <span className="incident-time">
                  {formatClock(start, now)} – {end === null ? 'ongoing' : formatClock(end, now)}
                </span>{' '}
                <span className="incident-duration">({formatDuration((end ?? now) - start)})</span>
                <span className="incident-source"> · from {SOURCE_WORDS[inc.source]}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
