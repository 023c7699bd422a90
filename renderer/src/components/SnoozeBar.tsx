// Snooze from the popover: 1 h, 4 h or until tomorrow morning; while on, says until when, with "Resume now".
// Stored as settings.snoozeUntil through the same setSettings as every setting, so the tray and a restart agree.
import { SNOOZE_CHOICES, SNOOZE_LABELS, snoozeEnd } from '../../../contracts/snooze.ts';
import type { SettingsPatch } from '../../../contracts/settings.ts';
import { formatClock } from '../view/time.ts';

interface Props {
  snoozedUntil: number | undefined;
  now: number;
  update(patch: SettingsPatch): unknown;
}

export function SnoozeBar({ snoozedUntil, now, update }: Props) {
  if (snoozedUntil !== undefined && snoozedUntil > now) {
    return (
      <p className="banner info" role="status" data-testid="snooze">
        Alerts snoozed until {formatClock(snoozedUntil, now)}.{' '}
        <button type="button" className="link" onClick={() => void update({ snoozeUntil: 0 })}>
          Resume now
        </button>
      </p>
    );
  }
  return (
    <p className="snooze-choices muted" data-testid="snooze">
      Snooze alerts:{' '}
      {SNOOZE_CHOICES.map((choice) => (
        <button key={choice} type="button" className="link" onClick={() => void update({ snoozeUntil: snoozeEnd(choice, Date.now()) })}>
          {SNOOZE_LABELS[choice].replace(/^For /, '')}
        </button>
      ))}
    </p>
  );
}
