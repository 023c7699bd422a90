// The incidents, newest first: when each began, how long it lasted, who saw it (the crowd or Apple) and the lead.
import type { IncidentPages } from '../hooks/use-older-incidents.ts';
import { durationWords, leadWords } from '../view/incident-words.ts';
import { formatClock } from '../view/time.ts';

interface Props {
  pages: IncidentPages;
  now: number;
}

/** The rows, then "Show older" while the server may hold more. */
export function IncidentList({ pages, now }: Props) {
  const { rows, more, loading, error, showOlder } = pages;
  return (
    <>
      <ol className="incidents" aria-label="Incidents, newest first">
        {rows.map((inc) => {
          const start = Date.parse(inc.start);
          const end = inc.end === null ? null : Date.parse(inc.end);
          const lead = leadWords(inc);
          return (
            <li key={inc.id} className={end === null ? 'incident ongoing' : 'incident'}>
              <span className="incident-time">{formatClock(start, now)}</span>
              <span className="incident-duration">
                {' · '}
                {durationWords(start, end, now)}
                {inc.peak && ` · ${inc.peak}`}{' '}
              </span>
              <span className="incident-source">{inc.source === 'reports' ? 'crowd' : 'Apple'}</span>
              {lead && <span className={lead.ahead ? 'incident-lead ahead' : 'incident-lead'}> {lead.words}</span>}
            </li>
          );
        })}
      </ol>
      {error && <p className="muted">Older incidents unavailable: {error}</p>}
      {more && (
        <button type="button" className="button subtle show-older" aria-disabled={loading} onClick={showOlder}>
          {loading ? 'Loading older incidents…' : 'Show older'}
        </button>
      )}
    </>
  );
}
