// Notices from the desktop shell: alerts that macOS dropped, and a newer version. Nothing in browser mode.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { useShellStatus } from '../hooks/use-shell-status.ts';

export function ShellNotices({ api }: { api: MonitorApi }) {
  const status = useShellStatus(api);
  if (!status) return null;
  const { notifications, update } = status;
  return (
    <>
      {notifications.state === 'dropped' && (
        <p className="banner warn" role="status" data-testid="notifications-dropped">
          Alerts are not reaching you: {notifications.detail} Open this window to see the status; a signed build shows alerts.
        </p>
      )}
      {(update.state === 'available' || update.state === 'downloaded') && (
        <p className="banner" role="status" data-testid="update-notice">
          {update.detail}
          {update.downloadPage && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void api.openExternal(update.downloadPage ?? '').catch(() => {})}>
                Download the new version
              </button>
            </>
          )}
        </p>
      )}
    </>
  );
}
