// One-click "Report a problem", an optional pick of what's wrong, "Working for me", and the outcome in words.
import { useEffect, useReducer, useState } from 'react';
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import {
  PROBLEM_LABELS,
  SERVICE_NAMES,
  SERVICE_PROBLEMS,
  type ProblemKind,
  type ReportRequest,
  type ServiceId,
} from '../../../contracts/status.ts';
import { IDLE, reportFlow, reportView } from '../view/report-flow.ts';
import { errorMessage } from '../view/settings-form.ts';
import { ChevronIcon } from './Icons.tsx';

/** The one-click report names no particular problem; the aggregator needs one, and "other" is the honest default. */
const ONE_CLICK_PROBLEM: ProblemKind = 'other';

interface Props {
  api: MonitorApi;
  service: ServiceId;
  queuedReports: number;
  now: number;
  onSent(): void;
}

/** The report buttons of one service. */
export function ReportControls({ api, service, queuedReports, now, onSent }: Props) {
  const [flow, dispatch] = useReducer(reportFlow, IDLE);
  const [picking, setPicking] = useState(false);
  const view = reportView(flow, now);
  const name = SERVICE_NAMES[service];

  useEffect(() => {
    if (queuedReports === 0) dispatch({ type: 'delivered' });
  }, [queuedReports]);

  async function send(request: ReportRequest): Promise<void> {
    setPicking(false);
    dispatch({ type: 'send' });
    try {
      const outcome = await api.report(request);
      dispatch({ type: 'outcome', outcome });
      if (outcome.result === 'sent') onSent();
    } catch (err) {
      dispatch({ type: 'error', message: errorMessage(err) });
    }
  }

  const pickerId = `problems-${service}`;
  return (
    <div className="report" role="group" aria-label={`Report about ${name}`}>
      <div className="report-buttons">
        <span className="split">
          <button
            type="button"
            className="button split-main"
            disabled={view.disabled}
            onClick={() => void send({ service, kind: 'problem', problem: ONE_CLICK_PROBLEM })}
          >
            Report a problem
          </button>
          <button
            type="button"
            className="button split-more"
            disabled={view.disabled}
            aria-label="What's wrong?"
            title="Pick what's wrong"
            aria-expanded={picking}
            aria-controls={pickerId}
            onClick={() => setPicking((p) => !p)}
          >
            <ChevronIcon />
          </button>
        </span>
        <button type="button" className="button subtle" disabled={view.disabled} onClick={() => void send({ service, kind: 'working' })}>
          Working for me
        </button>
      </div>
      {picking && (
        <div className="problem-picker" id={pickerId} role="group" aria-label={`What's wrong with ${name}`}>
          {SERVICE_PROBLEMS[service].map((problem) => (
            <button type="button" key={problem} className="chip" onClick={() => void send({ service, kind: 'problem', problem })}>
              {PROBLEM_LABELS[problem]}
            </button>
          ))}
        </div>
      )}
      <p className={`report-note tone-text-${view.tone}`} role="status" data-testid={`report-note-${service}`}>
        {view.note}
      </p>
    </div>
  );
}
