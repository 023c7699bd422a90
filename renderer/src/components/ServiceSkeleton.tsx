// Placeholder with a service row's shape, so nothing jumps when the first snapshot arrives.
import { SERVICE_NAMES, type ServiceId } from '../../../contracts/status.ts';

/** Grey row with the service name while waiting for data. */
export function ServiceSkeleton({ service }: { service: ServiceId }) {
  return (
    <li className="service skeleton" aria-label={`${SERVICE_NAMES[service]}: waiting for the first check`}>
      <div className="service-head">
        <span className="badge tone-muted" aria-hidden="true">
          …
        </span>
        <h2 className="service-name">{SERVICE_NAMES[service]}</h2>
        <span className="state-word tone-text-muted">Checking…</span>
      </div>
      <p className="since">{'\u00a0'}</p>
      <p className="reason skeleton-line" aria-hidden="true" />
      <div className="report-skeleton" aria-hidden="true" />
    </li>
  );
}
