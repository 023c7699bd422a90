// Honest crowd size above the services: not connected, only this computer, or reports waiting to be sent.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import type { Snapshot } from '../../../contracts/status.ts';
import { onlyThisComputer } from '../view/crowd-words.ts';

const waiting = (n: number): string => (n === 1 ? '1 report is' : `${n} reports are`);

/** One banner saying who the community reports come from, and what happens to reports made meanwhile. */
export function CommunityNotice({ api, snapshot, communityOn }: { api: MonitorApi; snapshot: Snapshot; communityOn: boolean }) {
  const queued = snapshot.queuedReports;
  const reach = snapshot.community.reach;
  if (communityOn && reach === 'none') {
    return (
      <p className="banner warn" role="status" data-testid="community-notice">
        Not connected to a community server, so other people's reports can't be seen. Connect one in Settings → Community server.
        {queued > 0 && ` ${waiting(queued)} saved on this computer and will be sent once you connect one.`}
      </p>
    );
  }
  if (communityOn && onlyThisComputer(snapshot)) {
    return (
      <p className="banner info" role="status" data-testid="community-notice">
        Only this computer (or your network) reports to the community server it uses now: no one else's reports are counted. To see other
        people's, put a shared one in Settings → Community server.
        {queued > 0 && ` ${waiting(queued)} waiting to be sent.`}
      </p>
    );
  }
  if (queued === 0) return null;
  return (
    <p className="banner warn" role="status" data-testid="community-notice">
      {waiting(queued)} waiting — will be sent when the community server answers again.{' '}
      <button type="button" className="link" onClick={() => void api.sendQueuedReports().catch(() => {})}>
        Send now
      </button>
    </p>
  );
}
