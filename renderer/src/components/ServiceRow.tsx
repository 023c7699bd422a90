// One service: status colour + word, since when, why, the bell, report buttons and the evidence on demand.
import { useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Settings } from '../../../contracts/settings.ts';
import { SERVICE_NAMES, type ServiceId, type Snapshot } from '../../../contracts/status.ts';
import { onlyThisComputer } from '../view/crowd-words.ts';
import { SERVICE_LOOK } from '../view/status-words.ts';
import { formatSince } from '../view/time.ts';
import { AppleIncident } from './AppleIncident.tsx';
import { Badge } from './Badge.tsx';
import { CrowdSummary } from './CrowdSummary.tsx';
import { Evidence } from './Evidence.tsx';
import { BellIcon, ChevronIcon } from './Icons.tsx';
import { ReportControls } from './ReportControls.tsx';
import { SmsTip } from './SmsTip.tsx';

interface Props {
  api: MonitorApi;
  service: ServiceId;
  snapshot: Snapshot;
  settings: Settings | null;
  now: number;
  onToggleBell(service: ServiceId, on: boolean): void;
  onReportSent(service: ServiceId): void;
}

/** A row of the services list. */
export function ServiceRow({ api, service, snapshot, settings, now, onToggleBell, onReportSent }: Props) {
  const [open, setOpen] = useState(false);
  const verdict = snapshot.services[service];
  const look = SERVICE_LOOK[verdict.state];
  const name = SERVICE_NAMES[service];
  const bellOn = settings ? settings.notifyWhenBack[service] : snapshot.watching.includes(service);
  const evidenceId = `evidence-${service}`;
  const down = verdict.state === 'outage' || verdict.state === 'degraded';
  // Shares and countries of this computer's own reports would only echo it back.
  const crowd = down && settings?.communityReports !== false && !onlyThisComputer(snapshot) ? verdict.evidence.community : null;
  return (
    <li className={`service tone-edge-${look.tone}`} data-testid={`service-${service}`} data-state={verdict.state}>
      <div className="service-head">
        <Badge look={look} />
        <h2 className="service-name">{name}</h2>
        <span className={`state-word tone-text-${look.tone}`}>{look.word}</span>
        <button
          type="button"
          className={bellOn ? 'icon-button bell on' : 'icon-button bell'}
          aria-pressed={bellOn}
          aria-label={`Notify me when ${name} is back`}
          title={bellOn ? `You'll be notified when ${name} is back` : `Notify me when ${name} is back`}
          onClick={() => onToggleBell(service, !bellOn)}
        >
          <BellIcon on={bellOn} />
        </button>
      </div>
      <p className="since">{formatSince(verdict.since, now) || '\u00a0'}</p>
      <p className="reason">{verdict.reason}</p>
      {crowd && <CrowdSummary service={service} community={crowd} />}
      {settings?.officialFeed !== false && (
        <AppleIncident official={verdict.evidence.official ?? snapshot.official.services[service] ?? null} verdict={verdict} />
      )}
      {service === 'imessage' && down && <SmsTip platform={snapshot.platform} macSentSms={(snapshot.messages?.counts?.smsSent ?? 0) > 0} />}
      <ReportControls api={api} service={service} queuedReports={snapshot.queuedReports} now={now} onSent={() => onReportSent(service)} />
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={evidenceId} onClick={() => setOpen((o) => !o)}>
        <ChevronIcon /> {open ? 'Hide details' : 'Show details'}
      </button>
      {open && <Evidence verdict={verdict} snapshot={snapshot} settings={settings} now={now} id={evidenceId} />}
    </li>
  );
}
