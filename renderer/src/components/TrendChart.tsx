// The 24-hour report chart: hourly bars, the usual level as a line, outage windows shaded, and the same in words.
import type { IncidentDto, TrendBucket } from '../../../contracts/aggregator-api.ts';
import { chartGeometry } from '../view/chart-geometry.ts';

const WIDTH = 300;
const HEIGHT = 56;

interface Props {
  id: string;
  label: string;
  buckets: TrendBucket[];
  incidents: IncidentDto[];
  now: number;
  baselineFromHistory: boolean;
}

/** Inline SVG chart with an accessible text summary. */
export function TrendChart({ id, label, buckets, incidents, now, baselineFromHistory }: Props) {
  const g = chartGeometry(buckets, incidents, { width: WIDTH, height: HEIGHT, hours: 24, now, baselineFromHistory });
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid={`chart-${id}`}
      >
        <title id={`${id}-title`}>{label}</title>
        <desc id={`${id}-desc`}>{g.summary}</desc>
        <line className="chart-axis" x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {g.shades.map((s, i) => (
          <rect key={`s${i}`} className="chart-outage" x={s.x} y="0" width={s.width} height={HEIGHT} />
        ))}
        {g.bars.map((b) => (
          <rect key={b.start} className="chart-bar" x={b.x} y={b.y} width={b.width} height={b.height} />
        ))}
        {g.baseline && <polyline className="chart-baseline" points={g.baseline} />}
      </svg>
      <div className="chart-axis-labels" aria-hidden="true">
        <span>24 h ago</span>
        <span>now</span>
      </div>
      <figcaption className="chart-summary">{g.summary}</figcaption>
    </figure>
  );
}
