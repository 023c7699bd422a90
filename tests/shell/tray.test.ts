import { describe, expect, it } from 'vitest';
import { verdictIn } from './tray-verdicts.ts';
import type { OverallLevel, ServiceState, Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS, SERVICE_PROBLEMS } from '../../contracts/status.ts';
import { TOOLTIP_MAX, chooseTrayIcon, trayTooltip } from '../../main/shell/tray-icon.ts';
import { buildTrayMenu, menuSignature } from '../../main/shell/tray-menu.ts';
import type { TrayMenuItem } from '../../main/shell/tray-menu.ts';

type TraySnapshot = Pick<Snapshot, 'overall' | 'services' | 'checking'>;

function snapshot(level: OverallLevel, headline: string, imessage: ServiceState, facetime: ServiceState, checking = false): TraySnapshot {
  const verdict = verdictIn;
  return {
    overall: { level, headline },
    checking,
    services: { imessage: verdict('imessage', imessage), facetime: verdict('facetime', facetime) },
  };
}

const LEVELS: OverallLevel[] = ['operational', 'degraded', 'outage', 'offline', 'unknown'];

describe('tray icon choice', () => {
  it('uses template images for calm states on macOS and coloured images plus a title for alerts', () => {
    for (const level of ['operational', 'offline', 'unknown'] as const) {
      expect(chooseTrayIcon(level, 'darwin')).toEqual({ file: `tray-${level}Template.png`, template: true, title: '' });
    }
    expect(chooseTrayIcon('outage', 'darwin')).toEqual({ file: 'tray-outage-mac.png', template: false, title: 'Down' });
    expect(chooseTrayIcon('degraded', 'darwin')).toMatchObject({ template: false, title: 'Issues' });
  });

  it('uses coloured ICOs on Windows and PNGs on Linux, never templates or titles', () => {
    for (const level of LEVELS) {
      expect(chooseTrayIcon(level, 'win32')).toEqual({ file: `tray-${level}.ico`, template: false, title: '' });
      expect(chooseTrayIcon(level, 'linux')).toEqual({ file: `tray-${level}.png`, template: false, title: '' });
    }
  });

  it('gives every level its own image on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(new Set(LEVELS.map((l) => chooseTrayIcon(l, platform).file)).size).toBe(LEVELS.length);
    }
  });
});

describe('tooltip', () => {
  it('says the headline and each service in one line', () => {
    const text = trayTooltip(snapshot('outage', 'iMessage is down — not just you', 'outage', 'operational'));
    expect(text).toBe('iMessage is down — not just you — iMessage Down · FaceTime OK');
    expect(text).not.toContain('\n');
  });

  it('collapses line breaks and stays under the Windows limit', () => {
    const text = trayTooltip(snapshot('degraded', `very\nlong ${'x'.repeat(300)}`, 'degraded', 'unknown'));
    expect(text.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(text).not.toContain('\n');
    expect(text.endsWith('…')).toBe(true);
  });
});

function labels(items: TrayMenuItem[]): string[] {
  return items.filter((i) => i.kind !== 'separator').map((i) => ('label' in i ? i.label : ''));
}

describe('context menu', () => {
  it('has Show status, Hide status, Check now, Report a problem and Quit', () => {
    const menu = buildTrayMenu(snapshot('operational', 'All good', 'operational', 'operational'));
    expect(labels(menu)).toEqual([
      'All good — iMessage OK · FaceTime OK',
      'Show status',
      'Hide status',
      'Check now',
      'Report a problem',
      'Snooze alerts',
      'Quit',
    ]);
  });

  it("offers a report per service and that service's problem kinds (no Calls fail under iMessage)", () => {
    const menu = buildTrayMenu(snapshot('operational', 'All good', 'operational', 'operational'));
    const report = menu.find((i) => i.kind === 'submenu' && i.label === 'Report a problem');
    expect(report?.kind).toBe('submenu');
    if (report?.kind !== 'submenu') return;
    expect(report.items.map((i) => ('label' in i ? i.label : ''))).toEqual(['iMessage', 'FaceTime']);
    for (const [index, service] of SERVICE_IDS.entries()) {
      const submenu = report.items[index];
      if (submenu?.kind !== 'submenu') throw new Error('expected a submenu');
      const actions = submenu.items.map((i) => (i.kind === 'action' ? i.action : null));
      expect(actions).toEqual(SERVICE_PROBLEMS[service].map((problem) => ({ type: 'report', service, problem })));
    }
    const imessage = report.items[0];
    expect(imessage?.kind === 'submenu' && imessage.items.map((i) => ('label' in i ? i.label : ''))).not.toContain('Calls fail');
  });

  it('disables Check now while a round runs, and the signature changes so the menu is re-set', () => {
    const idle = buildTrayMenu(snapshot('operational', 'All good', 'operational', 'operational'));
    const busy = buildTrayMenu(snapshot('operational', 'All good', 'operational', 'operational', true));
    const check = busy.find((i) => i.kind === 'action' && i.action.type === 'check-now');
    expect(check).toMatchObject({ enabled: false, label: 'Checking…' });
    expect(menuSignature(idle)).not.toBe(menuSignature(busy));
    expect(menuSignature(idle)).toBe(menuSignature(buildTrayMenu(snapshot('operational', 'All good', 'operational', 'operational'))));
  });
});
