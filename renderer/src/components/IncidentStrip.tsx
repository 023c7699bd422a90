// The last days at a glance: one mark per incident on a timeline, red where it reached outage.
import type { IncidentDto } from '../../../contracts/aggregator-api.ts';

const WIDTH = 300;
const HEIGHT = 12;
const DAY = 86_400_000;

interface Props {
  incidents: IncidentDto[];
  days: number;
  now: number;
}

/** A strip from `days` ago to now; each incident as wide as it lasted, at least a visible sliver. */
export function IncidentStrip({ incidents, days, now }: Props) {
  const from = now - days * DAY;
  const x = (t: number): number => Math.max(0, ((t - from) / (days * DAY)) * WIDTH);
  return (
    <figure>
      <svg
        className="strip"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Timeline of the last ${days} days: ${incidents.length} ${incidents.length === 1 ? 'incident' : 'incidents'}, the newest at the right`}
      >
        {incidents.map((i) => {
          const start = x(Date.parse(i.start));
          const width = Math.max(1.5, x(i.end === null ? now : Date.parse(i.end)) - start);
          // Incidents from servers that don't say how bad they got were outage windows.
          const tone = i.peak === 'degraded' ? 'strip-mark' : 'strip-mark outage';
          return <rect key={i.id} className={tone} x={start} y="0" width={width} height={HEIGHT} />;
        })}
      </svg>
      <div className="chart-axis-labels" aria-hidden="true">
        <span>{days} days ago</span>
        <span>now</span>
      </div>
    </figure>
  );
}
