// Which tray image and text go with the worst verdict, per platform. The image files come from build/make-icons.ts.
import type { OverallLevel, ServiceId, ServiceState, ServiceVerdict, Snapshot } from '../../contracts/status.ts';
import { SERVICE_IDS, SERVICE_NAMES } from '../../contracts/status.ts';

/** Levels that deserve colour: the user should notice them without looking twice. */
export const ALERT_LEVELS: readonly OverallLevel[] = ['degraded', 'outage'];

export interface TrayIconChoice {
  /** File name inside the tray icon folder (build/icons/tray). */
  file: string;
  /** macOS: a template image the system tints for light/dark menu bars (black + alpha only). */
  template: boolean;
  /** macOS: short text beside the icon for alert states (template images cannot carry colour); '' clears it. */
  title: string;
}

/** One word per service state, the same in the menu-bar title, the tooltip and the menu ("slow" is not down). */
export const STATE_WORDS: Record<ServiceState, string> = { operational: 'OK', degraded: 'Issues', outage: 'Down', unknown: 'Checking' };

type ServiceStates = Partial<Record<ServiceId, Pick<ServiceVerdict, 'state'>>>;

/** macOS menu-bar text: each service with a problem and its word ("iMessage Down", "iMessage Down · FaceTime Issues"). */
export function trayTitle(services: ServiceStates): string {
  const named = (state: ServiceState): string[] => SERVICE_IDS.filter((id) => services[id]?.state === state).map((id) => SERVICE_NAMES[id]);
  return (['outage', 'degraded'] as const)
    .map((state) => ({ names: named(state), word: STATE_WORDS[state] }))
    .filter(({ names }) => names.length > 0)
    .map(({ names, word }) => `${names.join(' & ')} ${word}`)
    .join(' · ');
}

/** The icon for a level: template images for calm states on macOS, coloured everywhere else and for alerts. */
export function chooseTrayIcon(level: OverallLevel, platform: NodeJS.Platform, services: ServiceStates = {}): TrayIconChoice {
  const alert = ALERT_LEVELS.includes(level);
  if (platform === 'darwin') {
    // Electron picks `@2x` beside the named file by itself on Retina screens.
    if (!alert) return { file: `tray-${level}Template.png`, template: true, title: '' };
    const fallback = level === 'outage' ? STATE_WORDS.outage : STATE_WORDS.degraded;
    return { file: `tray-${level}-mac.png`, template: false, title: trayTitle(services) || fallback };
  }
  if (platform === 'win32') return { file: `tray-${level}.ico`, template: false, title: '' };
  return { file: `tray-${level}.png`, template: false, title: '' };
}

/** Every file chooseTrayIcon can name, so a test can check they all exist. */
export function allTrayIconFiles(): string[] {
  const levels: OverallLevel[] = ['operational', 'degraded', 'outage', 'offline', 'unknown'];
  const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];
  return [...new Set(platforms.flatMap((p) => levels.map((l) => chooseTrayIcon(l, p).file)))];
}

/** Windows caps tray tooltips at 127 characters; keep one line well under that everywhere. */
export const TOOLTIP_MAX = 120;

/** One-line tooltip: the headline, then each service's state ("iMessage Down · FaceTime OK"). */
export function trayTooltip(snapshot: Pick<Snapshot, 'overall' | 'services'>): string {
  const parts = SERVICE_IDS.map((id: ServiceId) => {
    const state = snapshot.services[id]?.state ?? 'unknown';
    return `${SERVICE_NAMES[id]} ${STATE_WORDS[state] ?? state}`;
  });
  const headline = snapshot.overall.headline.replace(/\s+/g, ' ').trim();
  const line = headline ? `${headline} — ${parts.join(' · ')}` : parts.join(' · ');
  return line.length <= TOOLTIP_MAX ? line : `${line.slice(0, TOOLTIP_MAX - 1)}…`;
}
