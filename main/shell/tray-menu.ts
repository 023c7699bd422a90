// The tray's context menu as plain data. Linux AppIndicator delivers no clicks, so this menu is the way in everywhere.
import type { ProblemKind, ServiceId, Snapshot } from '../../contracts/status.ts';
import { PROBLEM_LABELS, SERVICE_IDS, SERVICE_NAMES, SERVICE_PROBLEMS } from '../../contracts/status.ts';
import { SNOOZE_CHOICES, SNOOZE_LABELS, type SnoozeChoice } from '../../contracts/snooze.ts';
import { trayTooltip } from './tray-icon.ts';

export type TrayMenuAction =
  | { type: 'show-status' }
  | { type: 'hide-status' }
  | { type: 'check-now' }
  | { type: 'report'; service: ServiceId; problem: ProblemKind }
  | { type: 'snooze'; choice: SnoozeChoice }
  | { type: 'resume-alerts' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'action'; label: string; enabled: boolean; action: TrayMenuAction }
  | { kind: 'label'; label: string }
  | { kind: 'submenu'; label: string; enabled: boolean; items: TrayMenuItem[] }
  | { kind: 'separator' };

type MenuSnapshot = Pick<Snapshot, 'overall' | 'services' | 'checking'> & Partial<Pick<Snapshot, 'snoozedUntil'>>;

/** Local "HH:MM" of an epoch time; `clock` is injectable so tests don't depend on the machine's zone. */
const localClock = (at: number): string => new Date(at).toTimeString().slice(0, 5);

/** While snoozed: until when, and a way out; otherwise the three snooze lengths. */
function snoozeItems(snoozedUntil: number | undefined, clock: (at: number) => string): TrayMenuItem[] {
  if (snoozedUntil !== undefined) {
    return [
      { kind: 'label', label: `Alerts snoozed until ${clock(snoozedUntil)}` },
      { kind: 'action', label: 'Resume alerts now', enabled: true, action: { type: 'resume-alerts' } },
    ];
  }
  const items: TrayMenuItem[] = SNOOZE_CHOICES.map((choice) => ({
    kind: 'action',
    label: SNOOZE_LABELS[choice],
    enabled: true,
    action: { type: 'snooze', choice },
  }));
  return [{ kind: 'submenu', label: 'Snooze alerts', enabled: true, items }];
}

/** Builds the menu for the current snapshot; rebuilt and re-set after every change (AppIndicator needs that). */
export function buildTrayMenu(snapshot: MenuSnapshot, clock: (at: number) => string = localClock): TrayMenuItem[] {
  const reportMenus: TrayMenuItem[] = SERVICE_IDS.map((service) => ({
    kind: 'submenu',
    label: SERVICE_NAMES[service],
    enabled: true,
    items: SERVICE_PROBLEMS[service].map((problem) => ({
      kind: 'action',
      label: PROBLEM_LABELS[problem],
      enabled: true,
      action: { type: 'report', service, problem },
    })),
  }));
  return [
    { kind: 'label', label: trayTooltip(snapshot) },
    { kind: 'separator' },
    { kind: 'action', label: 'Show status', enabled: true, action: { type: 'show-status' } },
    // AppIndicator delivers no clicks, and a popover that never got focus never blurs: the menu must be able to hide it.
    { kind: 'action', label: 'Hide status', enabled: true, action: { type: 'hide-status' } },
    { kind: 'action', label: snapshot.checking ? 'Checking…' : 'Check now', enabled: !snapshot.checking, action: { type: 'check-now' } },
    { kind: 'submenu', label: 'Report a problem', enabled: true, items: reportMenus },
    ...snoozeItems(snapshot.snoozedUntil, clock),
    { kind: 'separator' },
    { kind: 'action', label: 'Quit', enabled: true, action: { type: 'quit' } },
  ];
}

/** A stable text form of the menu, so the shell re-sets it only when something visible changed. */
export function menuSignature(items: TrayMenuItem[]): string {
  return JSON.stringify(items);
}
