// Under "Open at login": macOS 13+ may hold the login item until the user approves it in System Settings.
import type { MonitorApi } from '../../../contracts/monitor-api.ts';
import { useShellStatus } from '../hooks/use-shell-status.ts';

export function LoginItemNote({ api }: { api: MonitorApi }) {
  const status = useShellStatus(api);
  const state = status?.loginItem.state;
  if (state !== 'requires-approval' && state !== 'not-supported') return null;
  return (
    <p className="hint" data-testid="login-item-note" role="note">
      {status?.loginItem.detail}
    </p>
  );
}
