// The tray's words per state: "Issues" for degraded, "Down" for outage, each naming the service; and snooze in the menu.
import { describe, expect, it } from 'vitest';
import { verdictIn } from './tray-verdicts.ts';
import type { ServiceState, Snapshot } from '../../contracts/status.ts';
import { SNOOZE_LABELS, snoozeEnd } from '../../contracts/snooze.ts';
import { chooseTrayIcon, trayTitle, trayTooltip } from '../../main/shell/tray-icon.ts';
import { buildTrayMenu, type TrayMenuItem } from '../../main/shell/tray-menu.ts';

function services(imessage: ServiceState, facetime: ServiceState): Snapshot['services'] {
  const verdict = verdictIn;
  return { imessage: verdict('imessage', imessage), facetime: verdict('facetime', facetime) };
}

describe('tray words per state', () => {
  it.each([
    ['outage', 'operational', 'outage', 'iMessage Down', 'iMessage Down · FaceTime OK'],
    ['operational', 'degraded', 'degraded', 'FaceTime Issues', 'iMessage OK · FaceTime Issues'],
    ['outage', 'outage', 'outage', 'iMessage & FaceTime Down', 'iMessage Down · FaceTime Down'],
    ['degraded', 'outage', 'outage', 'FaceTime Down · iMessage Issues', 'iMessage Issues · FaceTime Down'],
  ] as const)('iMessage %s, FaceTime %s: title and tooltip', (imessage, facetime, level, title, tooltip) => {
    const s = services(imessage, facetime);
    expect(trayTitle(s)).toBe(title);
    expect(chooseTrayIcon(level, 'darwin', s).title).toBe(title);
    expect(trayTooltip({ overall: { level, headline: '' }, services: s })).toBe(tooltip);
  });

  it('never says "slow", and calm states have no title', () => {
    for (const state of ['operational', 'degraded', 'outage', 'unknown'] as const) {
      const s = services(state, state);
      expect(`${trayTitle(s)} ${trayTooltip({ overall: { level: 'unknown', headline: '' }, services: s })}`).not.toMatch(/slow/i);
    }
    expect(trayTitle(services('operational', 'unknown'))).toBe('');
  });
});

describe('snooze in the tray menu', () => {
  const base = {
    overall: { level: 'operational' as const, headline: 'All good' },
    services: services('operational', 'operational'),
    checking: false,
  };
  const find = (items: TrayMenuItem[], label: string) => items.find((i) => 'label' in i && i.label.startsWith(label));

  it('offers 1 h, 4 h and until tomorrow morning when not snoozed', () => {
    const snooze = find(buildTrayMenu(base), 'Snooze alerts');
    expect(snooze?.kind === 'submenu' && snooze.items.map((i) => (i.kind === 'action' ? [i.label, i.action] : null))).toEqual([
      [SNOOZE_LABELS['1h'], { type: 'snooze', choice: '1h' }],
      [SNOOZE_LABELS['4h'], { type: 'snooze', choice: '4h' }],
      [SNOOZE_LABELS.morning, { type: 'snooze', choice: 'morning' }],
    ]);
  });

  it('while snoozed says until when and offers to resume', () => {
    const menu = buildTrayMenu({ ...base, snoozedUntil: 123 }, () => '07:00');
    expect(find(menu, 'Alerts snoozed')).toEqual({ kind: 'label', label: 'Alerts snoozed until 07:00' });
    expect(find(menu, 'Resume')).toMatchObject({ kind: 'action', action: { type: 'resume-alerts' } });
    expect(find(menu, 'Snooze alerts')).toBeUndefined();
  });

  it('ends a snooze after 1 h, 4 h, or at the next 07:00 local time', () => {
    const now = new Date(2026, 0, 10, 22, 30).getTime();
    expect(snoozeEnd('1h', now) - now).toBe(3_600_000);
    expect(snoozeEnd('4h', now) - now).toBe(4 * 3_600_000);
    expect(new Date(snoozeEnd('morning', now))).toEqual(new Date(2026, 0, 11, 7, 0));
    const early = new Date(2026, 0, 10, 1, 0).getTime();
    expect(new Date(snoozeEnd('morning', early))).toEqual(new Date(2026, 0, 10, 7, 0));
  });
});
