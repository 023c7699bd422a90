// Generates every icon (tray states per OS, app icons) from build/icon-design.ts. Run: npx tsx build/make-icons.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allTrayIconFiles } from '../main/shell/tray-icon.ts';
import { ICON_COLOURS, TEMPLATE_BLACK, renderIcon } from './icon-design.ts';
import type { IconLevel } from './icon-design.ts';
import { encodeIco, encodePng } from './png.ts';

const BUILD_DIR = dirname(fileURLToPath(import.meta.url));
/** Windows tray sizes: 100 %, 125 %, 150 %, 200 % scaling of a 16 px icon. */
export const WINDOWS_TRAY_SIZES = [16, 20, 24, 32];
export const WINDOWS_APP_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const LINUX_APP_SIZES = [16, 32, 48, 64, 128, 256, 512];
/** AppIndicator panels are 22–24 px high; 32 px scales down cleanly and stays sharp on HiDPI panels. */
const LINUX_TRAY_SIZE = 32;
const MAC_TRAY_SIZE = 16;
const APP_LEVEL: IconLevel = 'operational';

const TRAY_NAME = /^tray-(operational|degraded|outage|offline|unknown)(Template|-mac)?\.(png|ico)$/;

function trayFile(name: string): Buffer {
  const m = TRAY_NAME.exec(name);
  if (!m) throw new Error(`no recipe for tray icon ${name}`);
  const level = m[1] as IconLevel;
  const variant = m[2];
  if (m[3] === 'ico') return encodeIco(WINDOWS_TRAY_SIZES.map((s) => renderIcon(level, s, ICON_COLOURS[level])));
  if (variant === 'Template') return encodePng(renderIcon(level, MAC_TRAY_SIZE, TEMPLATE_BLACK));
  if (variant === '-mac') return encodePng(renderIcon(level, MAC_TRAY_SIZE, ICON_COLOURS[level]));
  return encodePng(renderIcon(level, LINUX_TRAY_SIZE, ICON_COLOURS[level]));
}

function retinaFile(name: string): Buffer {
  const m = TRAY_NAME.exec(name);
  if (!m) throw new Error(`no recipe for tray icon ${name}`);
  const level = m[1] as IconLevel;
  const colour = m[2] === 'Template' ? TEMPLATE_BLACK : ICON_COLOURS[level];
  return encodePng(renderIcon(level, MAC_TRAY_SIZE * 2, colour));
}

/** Every generated file, keyed by its path relative to build/. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of allTrayIconFiles()) {
    files.set(`icons/tray/${name}`, trayFile(name));
    // Electron loads `name@2x.png` beside `name.png` on Retina screens.
    if (name.includes('Template') || name.includes('-mac')) files.set(`icons/tray/${name.replace('.png', '@2x.png')}`, retinaFile(name));
  }
  const appColour = ICON_COLOURS[APP_LEVEL];
  files.set('icon.png', encodePng(renderIcon(APP_LEVEL, 512, appColour)));
  files.set('icon.ico', encodeIco(WINDOWS_APP_SIZES.map((s) => renderIcon(APP_LEVEL, s, appColour))));
  for (const s of LINUX_APP_SIZES) files.set(`icons/linux/${s}x${s}.png`, encodePng(renderIcon(APP_LEVEL, s, appColour)));
  return files;
}

/** Writes the files (or, with check, lists the ones that differ from what is committed). */
export function makeIcons(check: boolean): string[] {
  const stale: string[] = [];
  for (const [name, bytes] of iconFiles()) {
    const path = join(BUILD_DIR, name);
    if (check) {
      let current: Buffer | null;
      try {
        current = readFileSync(path);
      } catch {
        current = null;
      }
      if (!current || !current.equals(bytes)) stale.push(relative(process.cwd(), path));
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale = makeIcons(check);
  if (check && stale.length > 0) {
    console.error(`icons out of date (run npx tsx build/make-icons.ts): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'icons up to date' : `wrote ${iconFiles().size} icon files under build/`);
}
