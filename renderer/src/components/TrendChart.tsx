// The report chart over 24 hours or a week: hourly bars, the usual level as a line, outage windows shaded, time
// ticks, and the same in words.
import type { IncidentDto, TrendBucket } from '../../../contracts/aggregator-api.ts';
import { chartGeometry } from '../view/chart-geometry.ts';

const WIDTH = 300;
const HEIGHT = 56;
const AXIS_HEIGHT = 11;

interface Props {
  id: string;
  label: string;
  buckets: TrendBucket[];
  incidents: IncidentDto[];
  hours: number;
  now: number;
  baselineFromHistory: boolean;
}

/** Inline SVG chart with an accessible text summary. */
export function TrendChart({ id, label, buckets, incidents, hours, now, baselineFromHistory }: Props) {
  const g = chartGeometry(buckets, incidents, { width: WIDTH, height: HEIGHT, hours, now, baselineFromHistory });
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
        {g.ticks.map((t) => (
          <line key={t.x} className="chart-grid" x1={t.x} x2={t.x} y1="0" y2={HEIGHT} />
        ))}
        <line className="chart-axis" x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {g.shades.map((s, i) => (
          <rect key={`s${i}`} className="chart-outage" x={s.x} y="0" width={s.width} height={HEIGHT} />
        ))}
        {g.bars.map((b) => (
          <rect key={b.start} className="chart-bar" x={b.x} y={b.y} width={b.width} height={b.height} />
        ))}
        {g.baseline && <polyline className="chart-baseline" points={g.baseline} />}
      </svg>
      {/* Its own SVG, scaled evenly (not stretched like the bars), so the words keep their shape over the ticks. */}
      <svg className="chart-ticks" viewBox={`0 0 ${WIDTH} ${AXIS_HEIGHT}`} aria-hidden="true">
        {hours <= 48 && (
          <text x="0" y="9">
            {hours} h ago
          </text>
        )}
        {g.ticks.map((t) => (
          <text key={t.x} x={t.labelX} y="9" textAnchor={t.anchor}>
            {t.label}
          </text>
        ))}
        {hours <= 48 && (
          <text x={WIDTH} y="9" textAnchor="end">
            now
          </text>
        )}
      </svg>
      <figcaption className="chart-summary">{g.summary}</figcaption>
    </figure>
  );
}
