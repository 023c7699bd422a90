// Outages that began and ended while alerts were held (quiet hours, snooze): no alert was sent, so they are summed
// up here instead of being lost.
import { SERVICE_NAMES, type HeldOutage } from '../../../contracts/status.ts';
import { formatClock, formatDuration } from '../view/time.ts';

export function HeldOutages({ outages, now }: { outages: HeldOutage[]; now: number }) {
  return (
    <section className="panel" aria-label="While alerts were off" data-testid="held-outages">
      <h2 className="section-title">While alerts were off</h2>
      <ul className="incidents">
        {outages.map((o) => (
          <li key={`${o.service}-${o.from}`} className="incident">
            {SERVICE_NAMES[o.service]} was down {formatClock(o.from, now)} – {formatClock(o.to, now)} ({formatDuration(o.to - o.from)}); no
            alert was sent.
          </li>
        ))}
      </ul>
    </section>
  );
}
