// Top of the popover: the overall answer, how fresh it is, Check now and the settings switch.
import type { Snapshot } from '../../../contracts/status.ts';
import { describeFreshness } from '../view/freshness.ts';
import { OVERALL_LOOK } from '../view/status-words.ts';
import { Badge } from './Badge.tsx';
import { GearIcon } from './Icons.tsx';

interface Props {
  snapshot: Snapshot | null;
  now: number;
  intervalMs: number;
  busy: boolean;
  settingsOpen: boolean;
  onCheckNow(): void;
  onToggleSettings(): void;
}

/** Headline, freshness line and the two header buttons; renders a placeholder until data arrives. */
export function Header({ snapshot, now, intervalMs, busy, settingsOpen, onCheckNow, onToggleSettings }: Props) {
  const checking = busy || (snapshot?.checking ?? false);
  const level = snapshot?.overall.level ?? 'unknown';
  const fresh = snapshot ? describeFreshness(snapshot.checkedAt, snapshot.checking, now, intervalMs) : null;
  return (
    <header className={`header level-${level}`}>
      <div className="headline-row">
        <Badge look={OVERALL_LOOK[level]} />
        <h1 className="headline" aria-live="polite">
          {snapshot ? snapshot.overall.headline : 'Connecting to the monitor…'}
        </h1>
        <button
          type="button"
          className="icon-button"
          aria-label={settingsOpen ? 'Close settings' : 'Settings'}
          aria-pressed={settingsOpen}
          onClick={onToggleSettings}
        >
          <GearIcon />
        </button>
      </div>
      <div className="subline">
        <p className={fresh?.stale ? 'freshness stale' : 'freshness'} data-testid="freshness">
          {fresh?.stale && <span aria-hidden="true">⚠ </span>}
          {fresh?.text ?? 'Waiting for the first check…'}
        </p>
        {/* aria-disabled, not disabled: a round starting on its own must not drop the keyboard focus from this button. */}
        <button
          type="button"
          className="button"
          onClick={() => !checking && snapshot && onCheckNow()}
          aria-disabled={checking || !snapshot}
          aria-busy={checking}
        >
          {checking ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <div
        className={checking ? 'progress active' : 'progress'}
        role="progressbar"
        aria-label="Check in progress"
        aria-hidden={!checking}
      />
    </header>
  );
}
