// While a service has problems: what people report and where they are, from the community server's counts.
import type { CommunityServiceStatus, ServiceId } from '../../../contracts/status.ts';
import { whereWords } from '../view/country-words.ts';
import { percentWords, problemShares } from '../view/problem-shares.ts';

/** Two short lines under the reason; nothing when the server gave neither problems nor countries. */
export function CrowdSummary({ service, community }: { service: ServiceId; community: CommunityServiceStatus }) {
  const shares = problemShares(community);
  const where = whereWords(community);
  if (shares.length === 0 && where === null) return null;
  return (
    <dl className="crowd-summary" data-testid={`crowd-summary-${service}`}>
      {shares.length > 0 && (
        <>
          <dt>Reported</dt>
          <dd>
            <ul className="shares" aria-label="Problems people report, share of reports in the last hour">
              {shares.map((s, i) => (
                <li key={s.problem}>
                  {i > 0 && <span aria-hidden="true"> · </span>}
                  <span className="share">
                    {s.words} {percentWords(s.percent)}
                  </span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {where !== null && (
        <>
          <dt>Where</dt>
          <dd>{where}</dd>
        </>
      )}
    </dl>
  );
}
