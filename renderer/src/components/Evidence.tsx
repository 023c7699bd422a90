// The evidence behind one service's verdict: probes, Apple's word, community reports.
import type { Settings } from '../../../contracts/settings.ts';
import { PROBLEM_LABELS, type ServiceVerdict, type Snapshot } from '../../../contracts/status.ts';
import { crowdSentence, onlyThisComputer } from '../view/crowd-words.ts';
import { describeFeed } from '../view/freshness.ts';
import { COMMUNITY_WORDS, OFFICIAL_WORDS, OUTCOME_WORDS, PROBE_LABELS } from '../view/status-words.ts';
import { Badge } from './Badge.tsx';

interface Props {
  verdict: ServiceVerdict;
  snapshot: Snapshot;
  settings: Settings | null;
  now: number;
  id: string;
}

/** Probe table, official status and community numbers for one service. */
export function Evidence({ verdict, snapshot, settings, now, id }: Props) {
  const ids = [...verdict.evidence.failedProbes, ...verdict.evidence.okProbes];
  const probes = ids.flatMap((probeId) => snapshot.probes.filter((p) => p.id === probeId));
  const official = verdict.evidence.official;
  const community = verdict.evidence.community;
  const onlyUs = onlyThisComputer(snapshot);
  return (
    <div className="evidence" id={id}>
      <h3>Checks from this computer</h3>
      {probes.length === 0 ? (
        <p className="muted">No checks have finished yet.</p>
      ) : (
        <table className="probes">
          <tbody>
            {probes.map((p) => (
              <tr key={p.id} className={p.ok ? 'probe ok' : 'probe failed'} title={p.detail}>
                <th scope="row">{PROBE_LABELS[p.id]}</th>
                <td>
                  <span aria-hidden="true">{p.ok ? '✓ ' : '✕ '}</span>
                  {OUTCOME_WORDS[p.outcome]}
                </td>
                <td className="num">{Math.round(p.latencyMs)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Apple's status page</h3>
      {settings && !settings.officialFeed ? (
        <p className="muted">Turned off in Settings.</p>
      ) : official ? (
        <p>
          <Badge look={OFFICIAL_WORDS[official.state]} /> {OFFICIAL_WORDS[official.state].word}
          {official.message ? ` — ${official.message}` : ''}
        </p>
      ) : (
        <p className="muted">No word from Apple.</p>
      )}
      <p className="feed-note">
        {describeFeed("Apple's status", snapshot.official.fetchedAt, snapshot.official.stale, snapshot.official.error, now)}
      </p>

      <h3>{onlyUs ? 'Reports from only this computer (or your network)' : 'Reports from other people'}</h3>
      {settings && !settings.communityReports ? (
        <p className="muted">Turned off in Settings.</p>
      ) : community ? (
        <>
          <p>
            <Badge look={COMMUNITY_WORDS[community.status]} /> {crowdSentence(community)} —{' '}
            {COMMUNITY_WORDS[community.status].word.toLowerCase()}
          </p>
          {community.networksInWindow !== null && community.windowMinutes !== null && (
            <p className="muted">
              From {community.networksInWindow} network{community.networksInWindow === 1 ? '' : 's'} in the last{' '}
              {Math.round(community.windowMinutes)} minutes (each network counts at most a few reports).
            </p>
          )}
          {community.topProblems.length > 0 && (
            <ul className="problems" aria-label="Top problems reported">
              {community.topProblems.map((tp) => (
                <li key={tp.problem}>
                  {PROBLEM_LABELS[tp.problem]}: {tp.count}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : snapshot.community.reach === 'none' ? (
        <p className="muted">Not connected to a community server.</p>
      ) : (
        <p className="muted">No community data.</p>
      )}
      <p className="feed-note">
        {describeFeed('Community reports', snapshot.community.fetchedAt, snapshot.community.stale, snapshot.community.error, now)}
      </p>
    </div>
  );
}
